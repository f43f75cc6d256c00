// `core.events`: what the services call when something changed that Clerk announces with a webhook. One line per
// operation (`core.events.emit('user.created', () => userJson(store, user))`); the event is built at once (it
// describes the state the operation saw), sent only once the operation's transaction commits (never for one that
// rolled back), and delivered in the background by the dispatcher. With no endpoint, emitting costs one check.
import { newId } from '../shared/ids.js'
import { WebhookDispatcher } from './dispatcher.js'
import { currentRequestAttributes } from './requestAttributes.js'
import type { WebhookSettings } from './settings.js'
import { webhookSigningSecret } from './signingSecret.js'

/** The events remix-clerk-local sends: Clerk's names for the changes it models. */
export type LocalWebhookEventType =
  | 'user.created'
  | 'user.updated'
  | 'user.deleted'
  | 'session.created'
  | 'session.ended'
  | 'session.removed'
  | 'session.revoked'
  | 'organization.created'
  | 'organization.updated'
  | 'organization.deleted'
  | 'organizationMembership.created'
  | 'organizationMembership.updated'
  | 'organizationMembership.deleted'
  | 'organizationInvitation.created'
  | 'organizationInvitation.accepted'
  | 'organizationInvitation.revoked'
  | 'email.created'

interface EventContext {
  instanceId: string
  secretKey: string
  now: () => number
  /** Runs the callback when the current transaction commits, at once outside one (Store.onCommit). */
  onCommit: (callback: () => void) => void
}

export class WebhookEvents {
  /** `whsec_…`: what receivers verify deliveries with (CLERK_WEBHOOK_SIGNING_SECRET). */
  readonly signingSecret: string
  readonly dispatcher: WebhookDispatcher

  constructor(
    private readonly context: EventContext,
    settings: WebhookSettings,
  ) {
    this.signingSecret = webhookSigningSecret(context.secretKey)
    this.dispatcher = new WebhookDispatcher(this.signingSecret, settings)
  }

  /** Whether anything listens; events are not even built otherwise. */
  get enabled(): boolean {
    return this.dispatcher.hasEndpoints
  }

  /**
   * Announces a change: `data` builds the event's `data` (Clerk's JSON of the object), and is called here and now,
   * inside the operation, only when an endpoint listens.
   */
  emit(type: LocalWebhookEventType, data: () => object): void {
    if (!this.enabled) return
    // Clerk's envelope, its keys in Clerk's order; `timestamp` in milliseconds.
    const event = {
      data: data(),
      event_attributes: { http_request: currentRequestAttributes() },
      instance_id: this.context.instanceId,
      object: 'event',
      timestamp: this.context.now(),
      type,
    }
    const message = { id: newId('msg'), type, body: JSON.stringify(event) }
    this.context.onCommit(() => this.dispatcher.send(message))
  }
}
