// Every API group of the client, under the property names of @clerk/backend's createClerkClient, in its order.
// The client (client.ts) and the method list in docs/api-client.md are both built from this list.
import { accountlessApplications } from './accountlessApplications.js'
import { actorTokens } from './actorTokens.js'
import { agentTasks } from './agentTasks.js'
import { allowlistIdentifiers } from './allowlistIdentifiers.js'
import { apiKeys } from './apiKeys.js'
import { betaFeatures } from './betaFeatures.js'
import { billing } from './billing.js'
import { blocklistIdentifiers } from './blocklistIdentifiers.js'
import { clients } from './clients.js'
import { domains } from './domains.js'
import { emailAddresses } from './emailAddresses.js'
import { emails } from './emails.js'
import { enterpriseConnections } from './enterpriseConnections.js'
import { idPOAuthAccessToken } from './idPOAuthAccessToken.js'
import { instance } from './instance.js'
import { invitations } from './invitations.js'
import { jwks } from './jwks.js'
import { jwtTemplates } from './jwtTemplates.js'
import { m2m } from './m2m.js'
import { machines } from './machines.js'
import { oauthApplications } from './oauthApplications.js'
import { organizationPermissions } from './organizationPermissions.js'
import { organizationRoles } from './organizationRoles.js'
import { organizations } from './organizations.js'
import { phoneNumbers } from './phoneNumbers.js'
import { proxyChecks } from './proxyChecks.js'
import { redirectUrls } from './redirectUrls.js'
import { roleSets } from './roleSets.js'
import { samlConnections } from './samlConnections.js'
import { sessions } from './sessions.js'
import { signInTokens } from './signInTokens.js'
import { signUps } from './signUps.js'
import { testingTokens } from './testingTokens.js'
import { users } from './users.js'
import { waitlistEntries } from './waitlistEntries.js'
import { webhooks } from './webhooks.js'

export const API_GROUPS = {
  __experimental_accountlessApplications: accountlessApplications,
  actorTokens,
  agentTasks,
  allowlistIdentifiers,
  apiKeys,
  betaFeatures,
  blocklistIdentifiers,
  billing,
  clients,
  domains,
  emailAddresses,
  emails,
  enterpriseConnections,
  idPOAuthAccessToken,
  instance,
  invitations,
  jwks,
  jwtTemplates,
  machines,
  m2m,
  oauthApplications,
  organizations,
  organizationPermissions,
  organizationRoles,
  phoneNumbers,
  proxyChecks,
  redirectUrls,
  roleSets,
  sessions,
  signInTokens,
  signUps,
  testingTokens,
  users,
  waitlistEntries,
  webhooks,
  samlConnections,
} as const
