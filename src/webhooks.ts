// Public entry `remix-clerk/webhooks`: verifyWebhook and the event types, named as `@clerk/backend/webhooks` names them
// (@clerk/remix has no webhooks entry; Clerk's guides for Remix import @clerk/backend's).

export { verifyWebhook, WebhookVerificationError } from './remix/verifyWebhook.js'
export type { VerifyWebhookOptions, WebhookVerificationErrorReason } from './remix/verifyWebhook.js'
export type {
  BillingPaymentAttemptWebhookEvent,
  BillingPaymentAttemptWebhookEventJSON,
  BillingPayerJSON,
  BillingSubscriptionItemStatus,
  BillingSubscriptionItemWebhookEvent,
  BillingSubscriptionItemWebhookEventJSON,
  BillingSubscriptionWebhookEvent,
  BillingSubscriptionWebhookEventJSON,
  EmailJSON,
  EmailWebhookEvent,
  InvitationJSON,
  OrganizationDomainJSON,
  OrganizationDomainWebhookEvent,
  OrganizationInvitationAcceptedJSON,
  OrganizationInvitationAcceptedWebhookEvent,
  OrganizationInvitationJSON,
  OrganizationInvitationWebhookEvent,
  OrganizationMembershipWebhookEvent,
  OrganizationWebhookEvent,
  PermissionJSON,
  PermissionWebhookEvent,
  PublicOrganizationDataJSON,
  RoleJSON,
  RoleWebhookEvent,
  SessionWebhookEvent,
  SessionWebhookEventJSON,
  SMSMessageJSON,
  SMSWebhookEvent,
  UserDeletedJSON,
  UserWebhookEvent,
  WaitlistEntryJSON,
  WaitlistEntryWebhookEvent,
  WebhookEvent,
  WebhookEventType,
} from './backend/resources/webhookEvents.js'
export type { DeletedObjectJSON } from './backend/resources/deletedObject.js'
export type { OrganizationJSON, OrganizationMembershipJSON } from './backend/resources/organization.js'
export type { SessionJSON } from './backend/resources/session.js'
export type { UserJSON } from './backend/resources/user.js'
