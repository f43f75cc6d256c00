// createClerkClient: a handle on the Backend API that costs next to nothing to create, because loaders create one
// per call. Its API groups (users, organizations, …) are built on first use and share one BackendApi.
import { accountlessApplications, type AccountlessApplicationAPI } from './endpoints/accountlessApplications.js'
import { actorTokens, type ActorTokenAPI } from './endpoints/actorTokens.js'
import { agentTasks, type AgentTaskAPI } from './endpoints/agentTasks.js'
import { allowlistIdentifiers, type AllowlistIdentifierAPI } from './endpoints/allowlistIdentifiers.js'
import { apiKeys, type APIKeysAPI } from './endpoints/apiKeys.js'
import { betaFeatures, type BetaFeaturesAPI } from './endpoints/betaFeatures.js'
import { billing, type BillingAPI } from './endpoints/billing.js'
import { blocklistIdentifiers, type BlocklistIdentifierAPI } from './endpoints/blocklistIdentifiers.js'
import { clients, type ClientAPI } from './endpoints/clients.js'
import { domains, type DomainAPI } from './endpoints/domains.js'
import { emailAddresses, type EmailAddressAPI } from './endpoints/emailAddresses.js'
import { emails, type EmailAPI } from './endpoints/emails.js'
import { enterpriseConnections, type EnterpriseConnectionAPI } from './endpoints/enterpriseConnections.js'
import { idPOAuthAccessToken, type IdPOAuthAccessTokenAPI } from './endpoints/idPOAuthAccessToken.js'
import type { API_GROUPS } from './endpoints/index.js'
import { instance, type InstanceAPI } from './endpoints/instance.js'
import { invitations, type InvitationAPI } from './endpoints/invitations.js'
import { jwks, type JwksAPI } from './endpoints/jwks.js'
import { jwtTemplates, type JwtTemplatesAPI } from './endpoints/jwtTemplates.js'
import { m2m, type M2MTokenAPI } from './endpoints/m2m.js'
import { machines, type MachineAPI } from './endpoints/machines.js'
import { oauthApplications, type OAuthApplicationsAPI } from './endpoints/oauthApplications.js'
import { organizationPermissions, type OrganizationPermissionAPI } from './endpoints/organizationPermissions.js'
import { organizationRoles, type OrganizationRoleAPI } from './endpoints/organizationRoles.js'
import { organizations, type OrganizationAPI } from './endpoints/organizations.js'
import { phoneNumbers, type PhoneNumberAPI } from './endpoints/phoneNumbers.js'
import { proxyChecks, type ProxyCheckAPI } from './endpoints/proxyChecks.js'
import { redirectUrls, type RedirectUrlAPI } from './endpoints/redirectUrls.js'
import { roleSets, type RoleSetAPI } from './endpoints/roleSets.js'
import { samlConnections, type SamlConnectionAPI } from './endpoints/samlConnections.js'
import { sessions, type SessionAPI } from './endpoints/sessions.js'
import { signInTokens, type SignInTokenAPI } from './endpoints/signInTokens.js'
import { signUps, type SignUpAPI } from './endpoints/signUps.js'
import { testingTokens, type TestingTokenAPI } from './endpoints/testingTokens.js'
import { users, type UserAPI } from './endpoints/users.js'
import { waitlistEntries, type WaitlistEntryAPI } from './endpoints/waitlistEntries.js'
import { webhooks, type WebhookAPI } from './endpoints/webhooks.js'
import type { ApiGroup } from './endpoint.js'
import type { ClerkClientOptions } from './options.js'
import { BackendApi } from './request.js'

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
  return new BackendClient(new BackendApi(options))
}

/**
 * The Backend API, group by group, with @clerk/backend's names. Private fields: console.log(client) and
 * JSON.stringify(client) show nothing, the secret key included. Creating one stores two fields; a group is built the
 * first time it is read, then kept. The getters are written out, not generated, so that the engine inlines them.
 */
class BackendClient {
  readonly #api: BackendApi
  #groups: Record<string, unknown> | undefined

  constructor(api: BackendApi) {
    this.#api = api
  }

  /** @experimental Keyless applications: no secret key needed. */
  get __experimental_accountlessApplications(): AccountlessApplicationAPI {
    return this.#group(accountlessApplications)
  }

  get actorTokens(): ActorTokenAPI {
    return this.#group(actorTokens)
  }

  /** @experimental Clerk's private beta. */
  get agentTasks(): AgentTaskAPI {
    return this.#group(agentTasks)
  }

  get allowlistIdentifiers(): AllowlistIdentifierAPI {
    return this.#group(allowlistIdentifiers)
  }

  get apiKeys(): APIKeysAPI {
    return this.#group(apiKeys)
  }

  get betaFeatures(): BetaFeaturesAPI {
    return this.#group(betaFeatures)
  }

  get blocklistIdentifiers(): BlocklistIdentifierAPI {
    return this.#group(blocklistIdentifiers)
  }

  /** @experimental Clerk's public beta. */
  get billing(): BillingAPI {
    return this.#group(billing)
  }

  get clients(): ClientAPI {
    return this.#group(clients)
  }

  get domains(): DomainAPI {
    return this.#group(domains)
  }

  get emailAddresses(): EmailAddressAPI {
    return this.#group(emailAddresses)
  }

  /** @experimental An internal, not yet public endpoint. */
  get emails(): EmailAPI {
    return this.#group(emails)
  }

  get enterpriseConnections(): EnterpriseConnectionAPI {
    return this.#group(enterpriseConnections)
  }

  get idPOAuthAccessToken(): IdPOAuthAccessTokenAPI {
    return this.#group(idPOAuthAccessToken)
  }

  get instance(): InstanceAPI {
    return this.#group(instance)
  }

  get invitations(): InvitationAPI {
    return this.#group(invitations)
  }

  get jwks(): JwksAPI {
    return this.#group(jwks)
  }

  get jwtTemplates(): JwtTemplatesAPI {
    return this.#group(jwtTemplates)
  }

  get machines(): MachineAPI {
    return this.#group(machines)
  }

  get m2m(): M2MTokenAPI {
    return this.#group(m2m)
  }

  get oauthApplications(): OAuthApplicationsAPI {
    return this.#group(oauthApplications)
  }

  get organizations(): OrganizationAPI {
    return this.#group(organizations)
  }

  get organizationPermissions(): OrganizationPermissionAPI {
    return this.#group(organizationPermissions)
  }

  get organizationRoles(): OrganizationRoleAPI {
    return this.#group(organizationRoles)
  }

  get phoneNumbers(): PhoneNumberAPI {
    return this.#group(phoneNumbers)
  }

  get proxyChecks(): ProxyCheckAPI {
    return this.#group(proxyChecks)
  }

  get redirectUrls(): RedirectUrlAPI {
    return this.#group(redirectUrls)
  }

  get roleSets(): RoleSetAPI {
    return this.#group(roleSets)
  }

  get sessions(): SessionAPI {
    return this.#group(sessions)
  }

  get signInTokens(): SignInTokenAPI {
    return this.#group(signInTokens)
  }

  get signUps(): SignUpAPI {
    return this.#group(signUps)
  }

  get testingTokens(): TestingTokenAPI {
    return this.#group(testingTokens)
  }

  get users(): UserAPI {
    return this.#group(users)
  }

  get waitlistEntries(): WaitlistEntryAPI {
    return this.#group(waitlistEntries)
  }

  get webhooks(): WebhookAPI {
    return this.#group(webhooks)
  }

  /** @deprecated Use `enterpriseConnections`. */
  get samlConnections(): SamlConnectionAPI {
    return this.#group(samlConnections)
  }

  #group<T>(group: ApiGroup<T>): T {
    const groups = (this.#groups ??= {})
    return (groups[group.name] ??= group.create(this.#api)) as T
  }
}

export type ClerkClient = BackendClient

// The getters and the list the docs and tests read name the same groups: one missing from either fails to compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
type Assert<T extends true> = T
type _GroupsMatch = Assert<Same<keyof typeof API_GROUPS, keyof ClerkClient>>
