// Every API group of the client, under the property names of @clerk/backend's createClerkClient, in its order.
// The client (client.ts) and the method list in docs/api-client.md are both built from this list.
import { accountlessApplications } from './accountlessApplications'
import { actorTokens } from './actorTokens'
import { agentTasks } from './agentTasks'
import { allowlistIdentifiers } from './allowlistIdentifiers'
import { apiKeys } from './apiKeys'
import { betaFeatures } from './betaFeatures'
import { billing } from './billing'
import { blocklistIdentifiers } from './blocklistIdentifiers'
import { clients } from './clients'
import { domains } from './domains'
import { emailAddresses } from './emailAddresses'
import { emails } from './emails'
import { enterpriseConnections } from './enterpriseConnections'
import { idPOAuthAccessToken } from './idPOAuthAccessToken'
import { instance } from './instance'
import { invitations } from './invitations'
import { jwks } from './jwks'
import { jwtTemplates } from './jwtTemplates'
import { m2m } from './m2m'
import { machines } from './machines'
import { oauthApplications } from './oauthApplications'
import { organizationPermissions } from './organizationPermissions'
import { organizationRoles } from './organizationRoles'
import { organizations } from './organizations'
import { phoneNumbers } from './phoneNumbers'
import { proxyChecks } from './proxyChecks'
import { redirectUrls } from './redirectUrls'
import { roleSets } from './roleSets'
import { samlConnections } from './samlConnections'
import { sessions } from './sessions'
import { signInTokens } from './signInTokens'
import { signUps } from './signUps'
import { testingTokens } from './testingTokens'
import { users } from './users'
import { waitlistEntries } from './waitlistEntries'
import { webhooks } from './webhooks'

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
