// verifyWebhook: checks that a request is a webhook Clerk sent (or remix-clerk-local), signed under the endpoint's
// signing secret as Svix signs them (Standard Webhooks: `svix-id`, `svix-timestamp`, `svix-signature`), and returns the
// event. The same name, options, messages and result as `@clerk/backend/webhooks`, with typed errors. It reads the
// request's body, which checking the signature needs: the one function of remix-clerk that does.
import { Webhook, WebhookVerificationError as SignatureError } from 'standardwebhooks'
import type { WebhookEvent } from '../backend/resources/webhookEvents.js'
import { RemixClerkError, type RemixClerkErrorCode } from '../shared/remixClerkError.js'
import { loadCloudflareWorkersEnv } from './cloudflareWorkersEnv.js'
import { envReader } from './env.js'

export interface VerifyWebhookOptions {
  /**
   * The endpoint's signing secret (`whsec_…`, from the Clerk Dashboard, or printed by remix-clerk-local). Default: the
   * `CLERK_WEBHOOK_SIGNING_SECRET` variable, from `process.env`, then the `env` of `cloudflare:workers`, then
   * `globalThis`.
   */
  signingSecret?: string
}

/** Why a webhook was refused: the request (headers, signature, timestamp, body) or the configuration (the secret). */
export type WebhookVerificationErrorReason =
  | 'missing-signing-secret'
  | 'invalid-signing-secret'
  | 'missing-headers'
  | 'body-already-read'
  | 'invalid-signature'
  | 'timestamp-out-of-range'
  | 'invalid-payload'

/** The stable code of each reason (the `REMIX_CLERK_WEBHOOK_…` codes of docs/errors.md). */
const CODES = {
  'missing-signing-secret': 'REMIX_CLERK_WEBHOOK_MISSING_SIGNING_SECRET',
  'invalid-signing-secret': 'REMIX_CLERK_WEBHOOK_INVALID_SIGNING_SECRET',
  'missing-headers': 'REMIX_CLERK_WEBHOOK_MISSING_HEADERS',
  'body-already-read': 'REMIX_CLERK_WEBHOOK_BODY_ALREADY_READ',
  'invalid-signature': 'REMIX_CLERK_WEBHOOK_INVALID_SIGNATURE',
  'timestamp-out-of-range': 'REMIX_CLERK_WEBHOOK_TIMESTAMP_OUT_OF_RANGE',
  'invalid-payload': 'REMIX_CLERK_WEBHOOK_INVALID_PAYLOAD',
} as const satisfies Record<WebhookVerificationErrorReason, RemixClerkErrorCode>

/**
 * What verifyWebhook throws: answer the request with a 400 (a `…_SIGNING_SECRET` code is the app's configuration, not
 * the sender's fault). Its message never contains the secret.
 */
export class WebhookVerificationError extends RemixClerkError {
  declare readonly code: (typeof CODES)[WebhookVerificationErrorReason]
  readonly reason: WebhookVerificationErrorReason

  constructor(reason: WebhookVerificationErrorReason, message: string) {
    super(CODES[reason], `remix-clerk: ${message}`)
    this.reason = reason
  }

  override toJSON() {
    return { ...super.toJSON(), reason: this.reason }
  }
}
WebhookVerificationError.prototype.name = 'WebhookVerificationError'

const SECRET_VARIABLE = 'CLERK_WEBHOOK_SIGNING_SECRET'
const HEADERS = ['svix-id', 'svix-timestamp', 'svix-signature'] as const

/**
 * Verifies a webhook request and returns its event, typed by `event.type`; throws a WebhookVerificationError when
 * the request is not a genuine, fresh (5 minutes) webhook of this endpoint. It reads the body: call it before anything
 * else reads it, or pass `request.clone()`.
 *
 * @example
 * ```ts
 * import type { ActionFunctionArgs } from '@remix-run/node'
 * import { verifyWebhook } from 'remix-clerk/webhooks'
 *
 * export async function action({ request }: ActionFunctionArgs) {
 *   const event = await verifyWebhook(request).catch(() => null)
 *   if (!event) return new Response('Webhook verification failed', { status: 400 })
 *   if (event.type === 'user.created') console.log('new user', event.data.id)
 *   return new Response('OK')
 * }
 * ```
 */
export async function verifyWebhook(request: Request, options: VerifyWebhookOptions = {}): Promise<WebhookEvent> {
  const secret = options.signingSecret || (await secretFromEnvironment())
  if (!secret) {
    throw new WebhookVerificationError(
      'missing-signing-secret',
      `Missing webhook signing secret. Set the ${SECRET_VARIABLE} environment variable with the webhook secret from the ` +
        'Clerk Dashboard (or the one remix-clerk-local prints), or pass { signingSecret }.',
    )
  }
  const [id, timestamp, signature] = HEADERS.map((name) => request.headers.get(name)?.trim() ?? '')
  const missing = HEADERS.filter((_, index) => [id, timestamp, signature][index] === '')
  if (missing.length > 0)
    throw new WebhookVerificationError('missing-headers', `Missing required webhook headers: ${missing.join(', ')}`)
  const webhook = signer(secret)
  if (request.bodyUsed) {
    throw new WebhookVerificationError(
      'body-already-read',
      'verifyWebhook needs the raw body to check its signature, and it was read already: call verifyWebhook(request) before reading it, or pass request.clone().',
    )
  }
  const body = await request.text()
  let payload: unknown
  try {
    payload = webhook.verify(body, {
      'webhook-id': id!,
      'webhook-timestamp': timestamp!,
      'webhook-signature': signature!,
    })
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unknown error'
    throw new WebhookVerificationError(reasonOf(error), `Unable to verify incoming webhook: ${message}`)
  }
  if (typeof payload !== 'object' || payload === null) {
    throw new WebhookVerificationError(
      'invalid-payload',
      'Unable to verify incoming webhook: the signed body is not an event (a JSON object).',
    )
  }
  const event = payload as WebhookEvent
  return {
    type: event.type,
    object: 'event',
    data: event.data,
    event_attributes: event.event_attributes,
    timestamp: event.timestamp,
    instance_id: event.instance_id,
  } as WebhookEvent
}

/** Looked up as the other variables are, without a load context (verifyWebhook takes none, as Clerk's). */
async function secretFromEnvironment(): Promise<string> {
  await loadCloudflareWorkersEnv()
  return envReader(undefined, undefined)(SECRET_VARIABLE)
}

function signer(secret: unknown): Webhook {
  try {
    if (typeof secret !== 'string') throw new TypeError('not a string')
    return new Webhook(secret)
  } catch {
    throw new WebhookVerificationError(
      'invalid-signing-secret',
      `The webhook signing secret is not a whsec_… value: copy it again from the endpoint's page in the Clerk Dashboard (or from ${SECRET_VARIABLE} as remix-clerk-local prints it).`,
    )
  }
}

function reasonOf(error: unknown): WebhookVerificationErrorReason {
  if (!(error instanceof SignatureError)) return 'invalid-payload'
  return /timestamp too (?:old|new)/.test(error.message) ? 'timestamp-out-of-range' : 'invalid-signature'
}
