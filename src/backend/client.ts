// createClerkClient: a handle on the Backend API that costs next to nothing to create, because loaders create one
// per call. Its API groups (users, organizations, …) are built on first use and share one BackendApi.
import type { AccountlessApplicationAPI } from './endpoints/accountlessApplications'
import type { ActorTokenAPI } from './endpoints/actorTokens'
import type { AgentTaskAPI } from './endpoints/agentTasks'
import type { AllowlistIdentifierAPI } from './endpoints/allowlistIdentifiers'
import type { APIKeysAPI } from './endpoints/apiKeys'
import type { BetaFeaturesAPI } from './endpoints/betaFeatures'
import type { BillingAPI } from './endpoints/billing'
import type { BlocklistIdentifierAPI } from './endpoints/blocklistIdentifiers'
import type { ClientAPI } from './endpoints/clients'
import type { DomainAPI } from './endpoints/domains'
import type { EmailAddressAPI } from './endpoints/emailAddresses'
import type { EmailAPI } from './endpoints/emails'
import type { EnterpriseConnectionAPI } from './endpoints/enterpriseConnections'
import type { IdPOAuthAccessTokenAPI } from './endpoints/idPOAuthAccessToken'
import { API_GROUPS } from './endpoints/index'
import type { InstanceAPI } from './endpoints/instance'
import type { InvitationAPI } from './endpoints/invitations'
import type { JwksAPI } from './endpoints/jwks'
import type { JwtTemplatesAPI } from './endpoints/jwtTemplates'
import type { M2MTokenAPI } from './endpoints/m2m'
import type { MachineAPI } from './endpoints/machines'
import type { OAuthApplicationsAPI } from './endpoints/oauthApplications'
import type { OrganizationPermissionAPI } from './endpoints/organizationPermissions'
import type { OrganizationRoleAPI } from './endpoints/organizationRoles'
import type { OrganizationAPI } from './endpoints/organizations'
import type { PhoneNumberAPI } from './endpoints/phoneNumbers'
import type { ProxyCheckAPI } from './endpoints/proxyChecks'
import type { RedirectUrlAPI } from './endpoints/redirectUrls'
import type { RoleSetAPI } from './endpoints/roleSets'
import type { SamlConnectionAPI } from './endpoints/samlConnections'
import type { SessionAPI } from './endpoints/sessions'
import type { SignInTokenAPI } from './endpoints/signInTokens'
import type { SignUpAPI } from './endpoints/signUps'
import type { TestingTokenAPI } from './endpoints/testingTokens'
import type { UserAPI } from './endpoints/users'
import type { WaitlistEntryAPI } from './endpoints/waitlistEntries'
import type { WebhookAPI } from './endpoints/webhooks'
import type { ClerkClientOptions } from './options'
import { BackendApi } from './request'

/** The Backend API, group by group, with @clerk/backend's names. */
export interface ClerkClient {
  /** @experimental Keyless applications. */
  readonly __experimental_accountlessApplications: AccountlessApplicationAPI
  readonly actorTokens: ActorTokenAPI
  /** @experimental Clerk's private beta. */
  readonly agentTasks: AgentTaskAPI
  readonly allowlistIdentifiers: AllowlistIdentifierAPI
  readonly apiKeys: APIKeysAPI
  readonly betaFeatures: BetaFeaturesAPI
  readonly blocklistIdentifiers: BlocklistIdentifierAPI
  /** @experimental Clerk's public beta. */
  readonly billing: BillingAPI
  readonly clients: ClientAPI
  readonly domains: DomainAPI
  readonly emailAddresses: EmailAddressAPI
  /** @experimental An internal, not yet public endpoint. */
  readonly emails: EmailAPI
  readonly enterpriseConnections: EnterpriseConnectionAPI
  readonly idPOAuthAccessToken: IdPOAuthAccessTokenAPI
  readonly instance: InstanceAPI
  readonly invitations: InvitationAPI
  readonly jwks: JwksAPI
  readonly jwtTemplates: JwtTemplatesAPI
  readonly machines: MachineAPI
  readonly m2m: M2MTokenAPI
  readonly oauthApplications: OAuthApplicationsAPI
  readonly organizations: OrganizationAPI
  readonly organizationPermissions: OrganizationPermissionAPI
  readonly organizationRoles: OrganizationRoleAPI
  readonly phoneNumbers: PhoneNumberAPI
  readonly proxyChecks: ProxyCheckAPI
  readonly redirectUrls: RedirectUrlAPI
  readonly roleSets: RoleSetAPI
  readonly sessions: SessionAPI
  readonly signInTokens: SignInTokenAPI
  readonly signUps: SignUpAPI
  readonly testingTokens: TestingTokenAPI
  readonly users: UserAPI
  readonly waitlistEntries: WaitlistEntryAPI
  readonly webhooks: WebhookAPI
  /** @deprecated Use `enterpriseConnections`. */
  readonly samlConnections: SamlConnectionAPI
}

// The list of groups and the interface name the same groups with the same types: a group added to one and not the
// other, or typed differently, fails to compile here.
API_GROUPS satisfies { [Name in keyof ClerkClient]: { create(api: BackendApi): ClerkClient[Name] } }

/**
 * Creates a Backend API client. No I/O and no validation happen here, so creating one per call is cheap: a
 * missing secret key or a bad option rejects the first call with a `ClerkClientError` that says what to fix.
 * `apiUrl` defaults to `CLERK_API_URL` (where `process.env` exists), else `https://api.clerk.com`.
 *
 * @example
 * ```ts
 * import { json, type ActionFunctionArgs } from '@remix-run/node'
 * import { createClerkClient } from 'remix-clerk/api.server'
 * import { getAuth } from 'remix-clerk/ssr.server'
 *
 * export async function action(args: ActionFunctionArgs) {
 *   const { sessionId } = await getAuth(args)
 *   if (!sessionId) return json({ message: 'Unauthorized' }, { status: 401 })
 *   const token = await createClerkClient({ secretKey: process.env.CLERK_SECRET_KEY })
 *     .sessions.getToken(sessionId, 'test')
 *   return json({ token })
 * }
 * ```
 */
export function createClerkClient(options: ClerkClientOptions = {}): ClerkClient {
  return new BackendClient(new BackendApi(options)) as unknown as ClerkClient
}

// Private fields: console.log(client) and JSON.stringify(client) show nothing, the secret key included. Creating
// one stores two fields; each group is built the first time it is read, then kept.
class BackendClient {
  readonly #api: BackendApi
  #groups: Record<string, unknown> | undefined

  constructor(api: BackendApi) {
    this.#api = api
  }

  static {
    for (const [name, group] of Object.entries(API_GROUPS)) {
      Object.defineProperty(BackendClient.prototype, name, {
        get(this: BackendClient) {
          const groups = (this.#groups ??= {})
          return (groups[name] ??= group.create(this.#api))
        },
        enumerable: true,
        configurable: true,
      })
    }
  }
}
