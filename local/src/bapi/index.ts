// The Backend API (`/v1/…` for server SDKs): each path's routes behind the secret-key and API-version checks.
import { Hono } from 'hono'
import type { Core } from '../core/core.js'
import { checkApiVersion } from './apiVersion.js'
import { requireSecretKey } from './auth.js'
import { toErrorResponse } from '../http/respond.js'
import { allowlistRoutes, blocklistRoutes } from './routes/accessLists.js'
import { clientRoutes } from './routes/clients.js'
import { domainRoutes } from './routes/domains.js'
import { emailAddressRoutes, phoneNumberRoutes } from './routes/identifiers.js'
import { instanceRoutes } from './routes/instance.js'
import { jwtTemplateRoutes } from './routes/jwtTemplates.js'
import { jwksRoutes } from './routes/keys.js'
import { machineRoutes } from './routes/machines.js'
import { invitationRoutes } from './routes/invitations.js'
import { instanceOrganizationDomainRoutes } from './routes/organizationDomains.js'
import { instanceOrganizationInvitationRoutes } from './routes/organizationInvitations.js'
import { instanceMembershipRoutes } from './routes/organizationMemberships.js'
import { organizationRoutes } from './routes/organizations.js'
import { redirectUrlRoutes } from './routes/redirectUrls.js'
import { sessionRoutes } from './routes/sessions.js'
import { actorTokenRoutes, signInTokenRoutes, testingTokenRoutes } from './routes/tickets.js'
import { userOrganizationRoutes } from './routes/userOrganizations.js'
import { userRoutes } from './routes/users.js'
import { waitlistEntryRoutes } from './routes/waitlistEntries.js'
import { webhookEndpointRoutes } from './routes/webhookEndpoints.js'

/**
 * The Backend API under `/v1`. Guards are attached per route group rather than to `/v1/*`, because the Frontend
 * API (`/v1/client/…`, no secret key) shares the prefix.
 */
export function backendApi(core: Core): Hono {
  const app = new Hono()
  const routeGroups: Array<[string, Hono]> = [
    ['/users', userRoutes(core)],
    ['/sessions', sessionRoutes(core)],
    ['/jwt_templates', jwtTemplateRoutes(core)],
    ['/organizations', organizationRoutes(core)],
    ['/organization_memberships', instanceMembershipRoutes(core)],
    ['/organization_invitations', instanceOrganizationInvitationRoutes(core)],
    ['/organization_domains', instanceOrganizationDomainRoutes(core)],
    // A user's memberships and invitations, under the user's path.
    ['/users', userOrganizationRoutes(core)],
    ['/invitations', invitationRoutes(core)],
    ['/jwks', jwksRoutes(core)],
    ['/clients', clientRoutes(core)],
    ['/email_addresses', emailAddressRoutes(core)],
    ['/phone_numbers', phoneNumberRoutes(core)],
    ['/sign_in_tokens', signInTokenRoutes(core)],
    ['/actor_tokens', actorTokenRoutes(core)],
    ['/testing_tokens', testingTokenRoutes(core)],
    ['/allowlist_identifiers', allowlistRoutes(core)],
    ['/blocklist_identifiers', blocklistRoutes(core)],
    ['/redirect_urls', redirectUrlRoutes(core)],
    ['/domains', domainRoutes(core)],
    ['/instance', instanceRoutes(core)],
    ['/waitlist_entries', waitlistEntryRoutes(core)],
    ['/machines', machineRoutes(core)],
    // remix-clerk-local's own: webhook endpoints while it runs (the Svix routes beside it are not supported).
    ['/webhooks', webhookEndpointRoutes(core)],
  ]
  const guards = [requireSecretKey(core.keys.secretKey), checkApiVersion]
  const guarded = new Set<string>()
  for (const [path, routes] of routeGroups) {
    // A path served by two route files (`/users`) is guarded once.
    if (!guarded.has(path)) {
      app.use(path, ...guards)
      app.use(`${path}/*`, ...guards)
      guarded.add(path)
    }
    app.route(path, routes)
  }
  app.onError(toErrorResponse)
  return app
}
