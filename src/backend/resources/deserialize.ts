// From Backend API JSON to resource classes, dispatched on each object's `object` field.
import { AccountlessApplication } from './accountlessApplication.js'
import { AgentTask } from './agentTask.js'
import { ActorToken, OauthAccessToken, SignInToken, TestingToken } from './authTokens.js'
import { BillingPlan, BillingSubscription, BillingSubscriptionItem, Feature } from './billing.js'
import { Client } from './client.js'
import { Cookies } from './cookies.js'
import { DeletedObject, type DeletedObjectJSON } from './deletedObject.js'
import { Domain, ProxyCheck } from './domain.js'
import { EnterpriseAccount } from './enterpriseAccount.js'
import { EnterpriseConnection, SamlConnection } from './enterpriseConnection.js'
import { AllowlistIdentifier, BlocklistIdentifier } from './identifierLists.js'
import { EmailAddress, PhoneNumber } from './identifiers.js'
import { Instance, InstanceRestrictions, InstanceSettings, OrganizationSettings } from './instance.js'
import { Invitation, OrganizationInvitation } from './invitation.js'
import { JwtTemplate } from './jwtTemplate.js'
import { APIKey, M2MToken, Machine, MachineScope, MachineSecretKey } from './machine.js'
import { Email, SMSMessage } from './messages.js'
import { IdPOAuthAccessToken, OAuthApplication } from './oauthApplication.js'
import { Organization, OrganizationMembership } from './organization.js'
import { OrganizationDomain } from './organizationDomain.js'
import { RedirectUrl } from './redirectUrl.js'
import { Permission, Role, RoleSet } from './roles.js'
import { Session } from './session.js'
import { SignUpAttempt } from './signUpAttempt.js'
import { Token } from './token.js'
import { User } from './user.js'
import { WaitlistEntry } from './waitlistEntry.js'

export interface PaginatedResourceResponse<T> {
  data: T
  totalCount: number
}

// Each `object` value and the class that reads it. The `fromJSON` functions take their own JSON type; the
// dispatch on `object` is what makes the cast below safe.
type FromJSON = (json: never) => unknown
const RESOURCES: Readonly<Record<string, FromJSON>> = {
  accountless_application: AccountlessApplication.fromJSON,
  actor_token: ActorToken.fromJSON,
  agent_task: AgentTask.fromJSON,
  allowlist_identifier: AllowlistIdentifier.fromJSON,
  api_key: APIKey.fromJSON,
  blocklist_identifier: BlocklistIdentifier.fromJSON,
  client: Client.fromJSON,
  clerk_idp_oauth_access_token: IdPOAuthAccessToken.fromJSON,
  commerce_plan: BillingPlan.fromJSON,
  commerce_subscription: BillingSubscription.fromJSON,
  commerce_subscription_item: BillingSubscriptionItem.fromJSON,
  cookies: Cookies.fromJSON,
  domain: Domain.fromJSON,
  email: Email.fromJSON,
  email_address: EmailAddress.fromJSON,
  enterprise_account: EnterpriseAccount.fromJSON,
  enterprise_connection: EnterpriseConnection.fromJSON,
  feature: Feature.fromJSON,
  instance: Instance.fromJSON,
  instance_restrictions: InstanceRestrictions.fromJSON,
  instance_settings: InstanceSettings.fromJSON,
  invitation: Invitation.fromJSON,
  jwt_template: JwtTemplate.fromJSON,
  machine: Machine.fromJSON,
  machine_scope: MachineScope.fromJSON,
  machine_secret_key: MachineSecretKey.fromJSON,
  machine_to_machine_token: M2MToken.fromJSON,
  oauth_access_token: OauthAccessToken.fromJSON,
  oauth_application: OAuthApplication.fromJSON,
  organization: Organization.fromJSON,
  // Upstream's deserializer has no case for these two and hands out the snake_case JSON its types do not describe.
  organization_domain: OrganizationDomain.fromJSON,
  testing_token: TestingToken.fromJSON,
  organization_invitation: OrganizationInvitation.fromJSON,
  organization_membership: OrganizationMembership.fromJSON,
  organization_settings: OrganizationSettings.fromJSON,
  permission: Permission.fromJSON,
  phone_number: PhoneNumber.fromJSON,
  proxy_check: ProxyCheck.fromJSON,
  redirect_url: RedirectUrl.fromJSON,
  role: Role.fromJSON,
  role_set: RoleSet.fromJSON,
  saml_connection: SamlConnection.fromJSON,
  session: Session.fromJSON,
  sign_in_token: SignInToken.fromJSON,
  sign_up_attempt: SignUpAttempt.fromJSON,
  sms_message: SMSMessage.fromJSON,
  token: Token.fromJSON,
  total_count: (json: { total_count: number }) => json.total_count,
  user: User.fromJSON,
  waitlist_entry: WaitlistEntry.fromJSON,
}

/** Arrays map item by item; `{ data, total_count }` (and M2M's `{ m2m_tokens, total_count }`) becomes `{ data, totalCount }`. */
export function deserialize(payload: unknown): unknown {
  if (Array.isArray(payload)) return payload.map(toResource)
  const page = pageOf(payload)
  if (page) return { data: page.items.map(toResource), totalCount: page.totalCount }
  return toResource(payload)
}

function pageOf(payload: unknown): { items: unknown[]; totalCount: unknown } | undefined {
  if (!payload || typeof payload !== 'object') return undefined
  const { data, m2m_tokens, total_count } = payload as { data?: unknown; m2m_tokens?: unknown; total_count?: unknown }
  if (Array.isArray(m2m_tokens)) return { items: m2m_tokens, totalCount: total_count }
  if (Array.isArray(data)) return { items: data, totalCount: total_count }
  return undefined
}

// Objects this client has no class for come back as the JSON itself, like upstream does.
function toResource(item: unknown): unknown {
  if (!item || typeof item !== 'object') return item
  const json = item as { object?: unknown }
  if ('deleted' in json && 'object' in json) return DeletedObject.fromJSON(item as DeletedObjectJSON)
  const fromJSON =
    typeof json.object === 'string' && Object.hasOwn(RESOURCES, json.object) ? RESOURCES[json.object] : undefined
  return fromJSON ? fromJSON(item as never) : item
}
