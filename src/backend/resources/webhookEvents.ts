// Clerk's webhook events as `verifyWebhook` returns them: the envelope, each event type and the JSON of its `data`,
// the same names and shapes as `@clerk/backend/webhooks` exports. The objects that only webhooks carry so far (e-mails,
// text messages, invitations, domains, roles, billing…) have their JSON here; when a resource of the client returns one
// of them, its type belongs next to that resource instead.
import type { DeletedObjectJSON } from './deletedObject.js'
import type { OrganizationJSON, OrganizationMembershipJSON, OrganizationMembershipRole } from './organization.js'
import type { SessionJSON } from './session.js'
import type { UserJSON } from './user.js'

/** The HTTP request that caused the event, as Clerk saw it (empty strings when none did). */
interface WebhookEventAttributes {
  http_request: {
    client_ip: string
    user_agent: string
  }
}

/** The envelope every event shares; `timestamp` is in milliseconds. */
interface Webhook<EventType, Data> {
  type: EventType
  object: 'event'
  data: Data
  event_attributes: WebhookEventAttributes
  timestamp: number
  instance_id: string
}

/** `session.*`: the session with its user. */
export interface SessionWebhookEventJSON extends SessionJSON {
  user: UserJSON | null
}

/** `user.deleted`: which user, with its `external_id` when it had one. */
export interface UserDeletedJSON extends DeletedObjectJSON {
  external_id?: string
}

/** `email.created`: a message Clerk sends (or, with `delivered_by_clerk: false`, leaves to the app to send). */
export interface EmailJSON {
  object: 'email'
  id: string
  slug?: string | null
  from_email_name: string
  to_email_address?: string
  email_address_id: string | null
  user_id?: string | null
  subject?: string
  body?: string
  body_plain?: string | null
  status?: string
  data?: Record<string, unknown> | null
  delivered_by_clerk: boolean
  suppression_reason?: string | null
}

/** `sms.created`. */
export interface SMSMessageJSON {
  object: 'sms_message'
  id: string
  from_phone_number: string
  to_phone_number: string
  phone_number_id: string | null
  user_id?: string
  message: string
  status: string
  slug?: string | null
  data?: Record<string, unknown> | null
  delivered_by_clerk: boolean
}

export interface PublicOrganizationDataJSON {
  object?: string
  id: string
  name: string
  slug: string
  image_url?: string
  has_image: boolean
}

export interface OrganizationInvitationJSON {
  object: 'organization_invitation'
  id: string
  email_address: string
  role: OrganizationMembershipRole
  role_name: string
  organization_id: string
  public_organization_data?: PublicOrganizationDataJSON | null
  status?: 'pending' | 'accepted' | 'revoked' | 'expired'
  public_metadata: Record<string, unknown>
  private_metadata: Record<string, unknown>
  url: string | null
  created_at: number
  updated_at: number
  expires_at: number
}

/** `organizationInvitation.accepted`: the invitation and the user who accepted it. */
export interface OrganizationInvitationAcceptedJSON extends OrganizationInvitationJSON {
  status: 'accepted'
  user_id: string
}

export interface OrganizationDomainJSON {
  object: 'organization_domain'
  id: string
  name: string
  organization_id: string
  enrollment_mode: 'manual_invitation' | 'automatic_invitation' | 'automatic_suggestion'
  verification: {
    status: 'unverified' | 'verified'
    strategy: 'email_code'
    attempts: number
    expires_at: number
  } | null
  affiliation_email_address: string | null
  created_at: number
  updated_at: number
  total_pending_invitations: number
  total_pending_suggestions: number
}

export interface PermissionJSON {
  object: 'permission'
  id: string
  key: string
  name: string
  description: string
  created_at: number
  updated_at: number
}

export interface RoleJSON {
  object: 'role'
  id: string
  key: string
  name: string
  description: string | null
  permissions: PermissionJSON[]
  is_creator_eligible: boolean
  created_at: number
  updated_at: number
}

/** An application invitation (to sign up), as a waitlist entry carries it. */
export interface InvitationJSON {
  object: 'invitation'
  id: string
  email_address: string
  public_metadata: Record<string, unknown> | null
  revoked?: boolean
  status: 'pending' | 'accepted' | 'revoked' | 'expired'
  url?: string
  created_at: number
  updated_at: number
}

export interface WaitlistEntryJSON {
  object: 'waitlist_entry'
  id: string
  status: 'pending' | 'invited' | 'completed' | 'rejected'
  email_address: string
  invitation: InvitationJSON | null
  is_locked: boolean
  created_at: number
  updated_at: number
}

interface BillingMoneyAmountJSON {
  amount: number
  amount_formatted: string
  currency: string
  currency_symbol: string
}

export interface BillingPayerJSON {
  object: 'commerce_payer'
  id: string
  instance_id: string
  user_id?: string
  first_name?: string
  last_name?: string
  email: string
  organization_id?: string
  organization_name?: string
  image_url: string
  created_at: number
  updated_at: number
}

export type BillingSubscriptionItemStatus =
  'abandoned' | 'active' | 'canceled' | 'ended' | 'expired' | 'incomplete' | 'past_due' | 'upcoming'

export interface BillingSubscriptionItemWebhookEventJSON {
  object: 'commerce_subscription_item'
  id: string
  status: BillingSubscriptionItemStatus
  credit: {
    amount: BillingMoneyAmountJSON
    cycle_days_remaining: number
    cycle_days_total: number
    cycle_remaining_percent: number
  }
  proration_date: string
  plan_period: 'month' | 'annual'
  period_start: number
  period_end: number | null
  canceled_at?: number
  past_due_at?: number
  lifetime_paid: number
  next_payment_amount: number
  next_payment_date: number
  amount: BillingMoneyAmountJSON
  plan?: {
    id: string
    instance_id: string
    product_id: string
    name: string
    slug: string
    description?: string
    is_default: boolean
    is_recurring: boolean
    amount: number
    period: 'month' | 'annual'
    interval: number
    has_base_fee: boolean
    currency: string
    annual_monthly_amount: number
    publicly_visible: boolean
  } | null
  plan_id?: string | null
  payer?: BillingPayerJSON
}

export interface BillingPaymentAttemptWebhookEventJSON {
  object: 'commerce_payment_attempt'
  id: string
  instance_id: string
  payment_id: string
  statement_id: string
  gateway_external_id: string
  status: 'pending' | 'paid' | 'failed'
  created_at: number
  updated_at: number
  paid_at?: number
  failed_at?: number
  failed_reason?: { code: string; decline_code: string }
  billing_date: number
  charge_type: 'checkout' | 'recurring'
  payee: {
    id: string
    gateway_type: string
    gateway_external_id: string
    gateway_status: 'active' | 'pending' | 'restricted' | 'disconnected'
  }
  payer: BillingPayerJSON
  totals: { subtotal: BillingMoneyAmountJSON; tax_total: BillingMoneyAmountJSON; grand_total: BillingMoneyAmountJSON }
  payment_source: {
    id: string
    gateway: string
    gateway_external_id: string
    gateway_external_account_id?: string
    payment_method: string
    status: 'active' | 'disconnected'
    card_type?: string
    last4?: string
  }
  subscription_items: BillingSubscriptionItemWebhookEventJSON[]
}

export interface BillingSubscriptionWebhookEventJSON {
  object: 'commerce_subscription'
  id: string
  status: 'abandoned' | 'active' | 'canceled' | 'ended' | 'expired' | 'incomplete' | 'past_due' | 'upcoming'
  active_at?: number
  canceled_at?: number
  created_at: number
  ended_at?: number
  past_due_at?: number
  updated_at: number
  latest_payment_id: string
  payer_id: string
  payer: BillingPayerJSON
  payment_source_id: string
  items: BillingSubscriptionItemWebhookEventJSON[]
}

export type UserWebhookEvent =
  Webhook<'user.created' | 'user.updated', UserJSON> | Webhook<'user.deleted', UserDeletedJSON>
export type EmailWebhookEvent = Webhook<'email.created', EmailJSON>
export type SMSWebhookEvent = Webhook<'sms.created', SMSMessageJSON>
export type SessionWebhookEvent = Webhook<
  'session.created' | 'session.ended' | 'session.removed' | 'session.revoked',
  SessionWebhookEventJSON
>
export type OrganizationWebhookEvent =
  | Webhook<'organization.created' | 'organization.updated', OrganizationJSON>
  | Webhook<'organization.deleted', DeletedObjectJSON>
export type OrganizationDomainWebhookEvent =
  | Webhook<'organizationDomain.created' | 'organizationDomain.updated', OrganizationDomainJSON>
  | Webhook<'organizationDomain.deleted', DeletedObjectJSON>
export type OrganizationMembershipWebhookEvent = Webhook<
  'organizationMembership.created' | 'organizationMembership.deleted' | 'organizationMembership.updated',
  OrganizationMembershipJSON
>
export type OrganizationInvitationWebhookEvent = Webhook<
  'organizationInvitation.created' | 'organizationInvitation.revoked',
  OrganizationInvitationJSON
>
export type OrganizationInvitationAcceptedWebhookEvent = Webhook<
  'organizationInvitation.accepted',
  OrganizationInvitationAcceptedJSON
>
export type RoleWebhookEvent = Webhook<'role.created' | 'role.updated' | 'role.deleted', RoleJSON>
export type PermissionWebhookEvent = Webhook<
  'permission.created' | 'permission.updated' | 'permission.deleted',
  PermissionJSON
>
export type WaitlistEntryWebhookEvent = Webhook<'waitlistEntry.created' | 'waitlistEntry.updated', WaitlistEntryJSON>
export type BillingPaymentAttemptWebhookEvent = Webhook<
  'paymentAttempt.created' | 'paymentAttempt.updated',
  BillingPaymentAttemptWebhookEventJSON
>
export type BillingSubscriptionWebhookEvent = Webhook<
  'subscription.created' | 'subscription.updated' | 'subscription.active' | 'subscription.pastDue',
  BillingSubscriptionWebhookEventJSON
>
export type BillingSubscriptionItemWebhookEvent = Webhook<
  | 'subscriptionItem.created'
  | 'subscriptionItem.updated'
  | 'subscriptionItem.active'
  | 'subscriptionItem.canceled'
  | 'subscriptionItem.upcoming'
  | 'subscriptionItem.ended'
  | 'subscriptionItem.abandoned'
  | 'subscriptionItem.incomplete'
  | 'subscriptionItem.pastDue'
  | 'subscriptionItem.freeTrialEnding',
  BillingSubscriptionItemWebhookEventJSON
>

/** Any event; narrow it by `type` (`if (event.type === 'user.created') event.data.email_addresses…`). */
export type WebhookEvent =
  | UserWebhookEvent
  | SessionWebhookEvent
  | EmailWebhookEvent
  | SMSWebhookEvent
  | OrganizationWebhookEvent
  | OrganizationDomainWebhookEvent
  | OrganizationMembershipWebhookEvent
  | OrganizationInvitationWebhookEvent
  | OrganizationInvitationAcceptedWebhookEvent
  | RoleWebhookEvent
  | PermissionWebhookEvent
  | WaitlistEntryWebhookEvent
  | BillingPaymentAttemptWebhookEvent
  | BillingSubscriptionWebhookEvent
  | BillingSubscriptionItemWebhookEvent

export type WebhookEventType = WebhookEvent['type']
