// The oracle: every method of our client and of the official @clerk/backend client, called with the same arguments
// against the same recording server on 127.0.0.1, which answers each endpoint with complete Clerk JSON. The two HTTP
// requests must be identical (method, path, query, JSON body or multipart fields, content type, credentials), and the
// two results must have the same classes and the same fields and values.
// Known differences, asserted here so that they stay deliberate (docs/differences.md):
//  - User-Agent: `remix-clerk@<version>` vs `@clerk/backend@<version>`.
//  - Content-Type: we send `application/json` only with a JSON body; upstream sends it on every JSON request.
//  - Upstream's deserializer has no case for organization domains and testing tokens and hands out their raw JSON;
//    we return the OrganizationDomain and TestingToken classes its types promise (KNOWN_RESULT_DIFFERENCES below).
//  - `m2m.verify` of a JWT-format token: upstream verifies it locally, we refuse it (no request either way).
import { createClerkClient as createOfficialClient } from '@clerk/backend'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createClerkClient } from '../../src/api.server.js'
import type { Returns } from '../../src/backend/endpoint.js'
import { API_GROUPS } from '../../src/backend/endpoints/index.js'
import { startRecordingServer, type RecordedRequest, type RecordingServer } from '../helpers/recordingServer.js'
import { SECRET_KEY } from './fixtures.js'
import { RESOURCE_JSON } from './resourceJSON.js'

const MACHINE_SECRET_KEY = 'ak_machine_fixture_0123456789'
const image = () => new Blob([new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10])], { type: 'image/png' })
const page = (name: string) => ({ data: [RESOURCE_JSON[name]], total_count: 7 })

/**
 * The calls: `group.method` (and variants after a space) → the arguments both clients get. Every method of the
 * client must appear here at least once (checked below).
 */
const CALLS: Record<string, () => unknown[]> = {
  '__experimental_accountlessApplications.createAccountlessApplication': () => [
    { source: 'nextjs', requestHeaders: new Headers({ 'x-forwarded-for': '203.0.113.9' }) },
  ],
  '__experimental_accountlessApplications.createAccountlessApplication (no params)': () => [],
  '__experimental_accountlessApplications.completeAccountlessApplicationOnboarding': () => [{ source: 'nextjs' }],
  'actorTokens.create': () => [
    { userId: 'user_1', actor: { sub: 'user_admin', additionalProperties: { reasonCode: 1 } }, expiresInSeconds: 600 },
  ],
  'actorTokens.revoke': () => ['act_1'],
  'agentTasks.create': () => [
    {
      onBehalfOf: { userId: 'user_1' },
      permissions: 'read',
      agentName: 'Helper',
      taskDescription: 'Book a table',
      redirectUrl: 'https://app.example/done',
      sessionMaxDurationInSeconds: 600,
    },
  ],
  'agentTasks.revoke': () => ['agtask_1'],
  'allowlistIdentifiers.getAllowlistIdentifierList': () => [{ limit: 5, offset: 10 }],
  'allowlistIdentifiers.createAllowlistIdentifier': () => [{ identifier: 'ada@example.com', notify: true }],
  'allowlistIdentifiers.deleteAllowlistIdentifier': () => ['alid_1'],
  'apiKeys.list': () => [{ subject: 'user_1', includeInvalid: true, limit: 3 }],
  'apiKeys.create': () => [
    {
      name: 'CI',
      subject: 'user_1',
      claims: { someClaim: 1 },
      scopes: ['read'],
      secondsUntilExpiration: 3600,
      createdBy: 'user_1',
    },
  ],
  'apiKeys.get': () => ['ak_1'],
  'apiKeys.update': () => [{ apiKeyId: 'ak_1', subject: 'user_1', description: 'renamed', scopes: ['read', 'write'] }],
  'apiKeys.delete': () => ['ak_1'],
  'apiKeys.revoke': () => [{ apiKeyId: 'ak_1' }],
  'apiKeys.revoke (reason)': () => [{ apiKeyId: 'ak_1', revocationReason: 'leaked' }],
  'apiKeys.getSecret': () => ['ak_1'],
  'apiKeys.verify': () => ['ak_secret_value'],
  'betaFeatures.changeDomain': () => [{ homeUrl: 'https://new.example', isSecondary: false }],
  'blocklistIdentifiers.getBlocklistIdentifierList': () => [{ limit: 2 }],
  'blocklistIdentifiers.createBlocklistIdentifier': () => [{ identifier: 'spam@example.com' }],
  'blocklistIdentifiers.deleteBlocklistIdentifier': () => ['blid_1'],
  'billing.getPlanList': () => [{ payerType: 'org', limit: 10 }],
  'billing.cancelSubscriptionItem': () => ['csubi_1', { endNow: true }],
  'billing.extendSubscriptionItemFreeTrial': () => ['csubi_1', { extendTo: new Date(1_800_000_000_000) }],
  'billing.getOrganizationBillingSubscription': () => ['org_1'],
  'billing.getUserBillingSubscription': () => ['user_1'],
  'clients.getClientList': () => [{ limit: 1 }],
  'clients.getClient': () => ['client_1'],
  'clients.verifyClient': () => ['client.jwt.token'],
  'clients.getHandshakePayload': () => [{ nonce: 'nonce 1&2' }],
  'domains.list': () => [],
  'domains.add': () => [{ name: 'satellite.example', is_satellite: true, proxy_url: 'https://app.example/__clerk' }],
  'domains.update': () => [{ domainId: 'dmn_1', name: 'renamed.example', is_secondary: true }],
  'domains.delete': () => ['dmn_1'],
  'domains.deleteDomain': () => ['dmn_1'],
  'emailAddresses.getEmailAddress': () => ['idn_email_2'],
  'emailAddresses.createEmailAddress': () => [
    { userId: 'user_1', emailAddress: 'b@example.com', verified: true, primary: false },
  ],
  'emailAddresses.updateEmailAddress': () => ['idn_email_2', { primary: true }],
  'emailAddresses.deleteEmailAddress': () => ['idn_email_2'],
  'emails.create': () => [
    {
      to: { userId: 'user_1' },
      from: { address: 'notifications', name: 'Acme' },
      replyTo: { address: 'support@acme.example' },
      subject: 'Hello',
      html: '<p>Hi</p>',
      headers: { 'X-Campaign': 'welcome' },
    },
    { idempotencyKey: 'welcome-user_1' },
  ],
  'emails.createBatch': () => [
    [
      {
        to: { address: 'a@example.com' },
        from: { address: 'noreply' },
        subject: 'A',
        text: 'a',
        idempotencyKey: 'batch-1',
      },
      { to: { userId: 'user_2' }, from: { address: 'noreply' }, subject: 'B', html: '<b>b</b>' },
    ],
  ],
  'emails.get': () => ['ema_1'],
  'enterpriseConnections.createEnterpriseConnection': () => [
    {
      name: 'Corp',
      domains: ['corp.example'],
      provider: 'saml_okta',
      organizationId: 'org_1',
      customAttributes: [{ name: 'Team', key: 'team', ssoPath: 'team', multiValued: false }],
      saml: {
        idpEntityId: 'e',
        idpSsoUrl: 'https://okta.example/sso',
        attributeMapping: { emailAddress: 'mail' },
        loginHint: { mode: 'off' },
      },
    },
  ],
  'enterpriseConnections.updateEnterpriseConnection': () => [
    'entc_1',
    { active: false, oidc: { clientId: 'id', requiresPkce: true } },
  ],
  'enterpriseConnections.getEnterpriseConnectionList': () => [{ organizationId: 'org_1', active: true }],
  'enterpriseConnections.getEnterpriseConnection': () => ['entc_1'],
  'enterpriseConnections.deleteEnterpriseConnection': () => ['entc_1'],
  'idPOAuthAccessToken.verify': () => ['oat_access_token'],
  'idPOAuthAccessToken.verify (audience)': () => ['oat_access_token', { audience: ['https://api.example', 'other'] }],
  'instance.get': () => [],
  'instance.update': () => [{ testMode: true, allowedOrigins: ['https://app.example'], supportEmail: null }],
  'instance.updateRestrictions': () => [{ allowlist: true, blockEmailSubaddresses: false }],
  'instance.getOrganizationSettings': () => [],
  'instance.updateOrganizationSettings': () => [
    { enabled: true, maxAllowedMemberships: 10, domainsEnrollmentModes: ['manual_invitation'] },
  ],
  'invitations.getInvitationList': () => [{ status: 'pending', query: 'ada', orderBy: '-created_at', limit: 5 }],
  'invitations.createInvitation': () => [
    {
      emailAddress: 'new@example.com',
      publicMetadata: { someKey: 1 },
      redirectUrl: 'https://app.example',
      notify: false,
    },
  ],
  'invitations.createInvitationBulk': () => [
    [
      { emailAddress: 'a@example.com', expiresInDays: 3 },
      { emailAddress: 'b@example.com', ignoreExisting: true, templateSlug: 'waitlist_invitation' },
    ],
  ],
  'invitations.revokeInvitation': () => ['inv_1'],
  'invitations.deleteInvitation': () => ['inv_1'],
  'jwks.getJwks': () => [],
  'jwtTemplates.list': () => [{ limit: 3 }],
  'jwtTemplates.get': () => ['jtmp_1'],
  'jwtTemplates.create': () => [
    { name: 'test', claims: { someClaim: '{{user.id}}' }, lifetime: 60, allowedClockSkew: 5 },
  ],
  'jwtTemplates.update': () => [
    { templateId: 'jtmp_1', name: 'test', claims: {}, customSigningKey: true, signingKey: 'pem' },
  ],
  'jwtTemplates.delete': () => ['jtmp_1'],
  'machines.get': () => ['mch_1'],
  'machines.list': () => [{ query: 'work', orderBy: '+name', limit: 4 }],
  'machines.create': () => [{ name: 'Worker', scopedMachines: ['mch_2'], defaultTokenTtl: 3600 }],
  'machines.update': () => [{ machineId: 'mch_1', name: 'Worker 2' }],
  'machines.delete': () => ['mch_1'],
  'machines.getSecretKey': () => ['mch_1'],
  'machines.rotateSecretKey': () => [{ machineId: 'mch_1', previousTokenTtl: 60 }],
  'machines.createScope': () => ['mch_1', 'mch_2'],
  'machines.deleteScope': () => ['mch_1', 'mch_2'],
  'm2m.list': () => [{ subject: 'mch_1', revoked: false, expired: true, limit: 2 }],
  'm2m.list (machine key)': () => [{ subject: 'mch_1', machineSecretKey: MACHINE_SECRET_KEY }],
  'm2m.createToken': () => [],
  'm2m.createToken (params)': () => [
    {
      machineSecretKey: MACHINE_SECRET_KEY,
      secondsUntilExpiration: 60,
      claims: { job: 'sync' },
      minRemainingTtlSeconds: 30,
      tokenFormat: 'jwt',
    },
  ],
  'm2m.revokeToken': () => [{ m2mTokenId: 'mt_1' }],
  'm2m.revokeToken (reason)': () => [
    { m2mTokenId: 'mt_1', revocationReason: 'rotated', machineSecretKey: MACHINE_SECRET_KEY },
  ],
  'm2m.verify': () => [{ token: 'mt_secret_value' }],
  'oauthApplications.list': () => [{ nameQuery: 'part', orderBy: '-created_at' }],
  'oauthApplications.get': () => ['oa_1'],
  'oauthApplications.create': () => [
    { name: 'Partner', redirectUris: ['https://partner.example/cb'], scopes: 'profile', public: true },
  ],
  'oauthApplications.update': () => [{ oauthApplicationId: 'oa_1', name: 'Partner 2' }],
  'oauthApplications.delete': () => ['oa_1'],
  'oauthApplications.rotateSecret': () => ['oa_1'],
  'oauthApplications.revokeToken': () => [{ oauthApplicationId: 'oa_1', token: 'oat_access_token' }],
  'organizations.getOrganizationList': () => [
    { query: 'acme', includeMembersCount: true, organizationId: ['org_1', 'org_2'], orderBy: '-members_count' },
  ],
  'organizations.getOrganizationList (no params)': () => [],
  'organizations.createOrganization': () => [{ name: 'Acme', createdBy: 'user_1', publicMetadata: { someKey: 1 } }],
  'organizations.getOrganization': () => [{ organizationId: 'org_1' }],
  'organizations.getOrganization (slug)': () => [{ slug: 'acme', includeMembersCount: true }],
  'organizations.updateOrganization': () => ['org_1', { name: 'Acme 2', adminDeleteEnabled: false }],
  'organizations.updateOrganization (metadata)': () => ['org_1', { name: 'Acme 3', publicMetadata: { plan: 'pro' } }],
  'organizations.updateOrganization (metadata only)': () => ['org_1', { privateMetadata: { crm: 1 } }],
  'organizations.updateOrganizationLogo': () => ['org_1', { file: image(), uploaderUserId: 'user_1' }],
  'organizations.deleteOrganizationLogo': () => ['org_1'],
  'organizations.updateOrganizationMetadata': () => [
    'org_1',
    { publicMetadata: { someKey: null }, privateMetadata: { nested: { a: 1 } } },
  ],
  'organizations.replaceOrganizationMetadata': () => ['org_1', { publicMetadata: {} }],
  'organizations.deleteOrganization': () => ['org_1'],
  'organizations.getOrganizationMembershipList': () => [
    {
      organizationId: 'org_1',
      role: ['org:admin', 'org:member'],
      query: 'ada',
      orderBy: '-created_at',
      limit: 10,
      offset: 20,
    },
  ],
  'organizations.getInstanceOrganizationMembershipList': () => [{ orderBy: '+email_address', limit: 1 }],
  'organizations.createOrganizationMembership': () => [
    { organizationId: 'org_1', userId: 'user_1', role: 'org:admin' },
  ],
  'organizations.updateOrganizationMembership': () => [
    { organizationId: 'org_1', userId: 'user_1', role: 'org:member' },
  ],
  'organizations.updateOrganizationMembershipMetadata': () => [
    { organizationId: 'org_1', userId: 'user_1', publicMetadata: { title: 'CTO' } },
  ],
  'organizations.deleteOrganizationMembership': () => [{ organizationId: 'org_1', userId: 'user_1' }],
  'organizations.getOrganizationInvitationList': () => [
    { organizationId: 'org_1', status: ['pending', 'expired'], limit: 5 },
  ],
  'organizations.createOrganizationInvitation': () => [
    {
      organizationId: 'org_1',
      emailAddress: 'new@example.com',
      role: 'org:member',
      inviterUserId: 'user_1',
      expiresInDays: 7,
    },
  ],
  'organizations.createOrganizationInvitationBulk': () => [
    'org_1',
    [
      { emailAddress: 'a@example.com', role: 'org:member' },
      { emailAddress: 'b@example.com', role: 'org:admin', redirectUrl: 'https://app.example' },
    ],
  ],
  'organizations.getOrganizationInvitation': () => [{ organizationId: 'org_1', invitationId: 'orginv_1' }],
  'organizations.revokeOrganizationInvitation': () => [
    { organizationId: 'org_1', invitationId: 'orginv_1', requestingUserId: 'user_1' },
  ],
  'organizations.getOrganizationDomainList': () => [{ organizationId: 'org_1', limit: 2 }],
  'organizations.createOrganizationDomain': () => [
    { organizationId: 'org_1', name: 'acme.example', enrollmentMode: 'automatic_invitation' },
  ],
  'organizations.createOrganizationDomain (unverified)': () => [
    { organizationId: 'org_1', name: 'acme.example', enrollmentMode: 'manual_invitation', verified: false },
  ],
  'organizations.updateOrganizationDomain': () => [
    { organizationId: 'org_1', domainId: 'orgdmn_1', enrollmentMode: 'automatic_suggestion' },
  ],
  'organizations.deleteOrganizationDomain': () => [{ organizationId: 'org_1', domainId: 'orgdmn_1' }],
  'organizationPermissions.getOrganizationPermissionList': () => [{ query: 'inv', orderBy: 'key' }],
  'organizationPermissions.getOrganizationPermission': () => ['perm_1'],
  'organizationPermissions.createOrganizationPermission': () => [
    { name: 'Read invoices', key: 'org:invoices:read', description: 'd' },
  ],
  'organizationPermissions.updateOrganizationPermission': () => [{ permissionId: 'perm_1', name: 'Read all invoices' }],
  'organizationPermissions.deleteOrganizationPermission': () => ['perm_1'],
  'organizationRoles.getOrganizationRoleList': () => [{ limit: 3 }],
  'organizationRoles.getOrganizationRole': () => ['role_2'],
  'organizationRoles.createOrganizationRole': () => [
    { name: 'Billing', key: 'org:billing', permissions: ['org:invoices:read'], includeInInitialRoleSet: true },
  ],
  'organizationRoles.updateOrganizationRole': () => [{ organizationRoleId: 'role_2', description: null }],
  'organizationRoles.deleteOrganizationRole': () => ['role_2'],
  'organizationRoles.assignPermissionToOrganizationRole': () => [
    { organizationRoleId: 'role_2', permissionId: 'perm_1' },
  ],
  'organizationRoles.removePermissionFromOrganizationRole': () => [
    { organizationRoleId: 'role_2', permissionId: 'perm_1' },
  ],
  'phoneNumbers.getPhoneNumber': () => ['idn_phone_1'],
  'phoneNumbers.createPhoneNumber': () => [
    { userId: 'user_1', phoneNumber: '+15555550100', reservedForSecondFactor: true },
  ],
  'phoneNumbers.updatePhoneNumber': () => ['idn_phone_1', { verified: true, primary: true }],
  'phoneNumbers.deletePhoneNumber': () => ['idn_phone_1'],
  'proxyChecks.verify': () => [{ domainId: 'dmn_1', proxyUrl: 'https://app.example/__clerk' }],
  'redirectUrls.getRedirectUrlList': () => [],
  'redirectUrls.getRedirectUrl': () => ['ru_1'],
  'redirectUrls.createRedirectUrl': () => [{ url: 'myapp://callback' }],
  'redirectUrls.deleteRedirectUrl': () => ['ru_1'],
  'roleSets.getRoleSetList': () => [{ query: 'def', orderBy: '-name' }],
  'roleSets.getRoleSet': () => ['rs_1'],
  'roleSets.createRoleSet': () => [
    { name: 'Default', defaultRoleKey: 'org:member', creatorRoleKey: 'org:admin', roles: ['org:member', 'org:admin'] },
  ],
  'roleSets.updateRoleSet': () => [{ roleSetKeyOrId: 'rs_1', name: 'Renamed' }],
  'roleSets.addRolesToRoleSet': () => [
    { roleSetKeyOrId: 'rs_1', roleKeys: ['org:billing'], defaultRoleKey: 'org:billing' },
  ],
  'roleSets.replaceRoleInRoleSet': () => [{ roleSetKeyOrId: 'rs_1', roleKey: 'org:billing', toRoleKey: 'org:member' }],
  'roleSets.replaceRoleSet': () => [
    { roleSetKeyOrId: 'rs_1', destRoleSetKey: 'custom', reassignmentMappings: { 'org:old': 'org:member' } },
  ],
  'samlConnections.getSamlConnectionList': () => [{ organizationId: ['+org_1'], limit: 1 }],
  'samlConnections.createSamlConnection': () => [
    {
      name: 'Corp',
      provider: 'saml_okta',
      domain: 'corp.example',
      attributeMapping: { emailAddress: 'mail', firstName: 'givenName' },
    },
  ],
  'samlConnections.getSamlConnection': () => ['samlc_1'],
  'samlConnections.updateSamlConnection': () => ['samlc_1', { active: true, attributeMapping: { userId: 'uid' } }],
  'samlConnections.deleteSamlConnection': () => ['samlc_1'],
  'sessions.getSessionList': () => [{ userId: 'user_1', status: 'active', limit: 5 }],
  'sessions.getSession': () => ['sess_123'],
  'sessions.createSession': () => [{ userId: 'user_1' }],
  'sessions.revokeSession': () => ['sess_123'],
  'sessions.verifySession': () => ['sess_123', 'session.jwt.token'],
  'sessions.getToken': () => ['sess_123'],
  'sessions.getToken (template)': () => ['sess_123', 'test'],
  'sessions.getToken (template, expiresIn)': () => ['sess_123', 'test', 300],
  'sessions.refreshSession': () => [
    'sess_123',
    {
      expired_token: 'old',
      refresh_token: 'rt',
      request_origin: 'https://app.example',
      request_headers: { 'User-Agent': ['x'] },
      suffixed_cookies: true,
      format: 'cookie',
    },
  ],
  'sessions.refreshSession (token)': () => [
    'sess_123',
    { expired_token: 'old', refresh_token: 'rt', request_origin: 'https://app.example' },
  ],
  'signInTokens.createSignInToken': () => [{ userId: 'user_1', expiresInSeconds: 600 }],
  'signInTokens.revokeSignInToken': () => ['sit_1'],
  'signUps.get': () => ['sua_1'],
  'signUps.update': () => [{ signUpAttemptId: 'sua_1', externalId: 'ext_1', customAction: true }],
  'testingTokens.createTestingToken': () => [],
  'users.getUserList': () => [{ emailAddress: ['a@example.com', 'b@example.com'], limit: 10, orderBy: '-created_at' }],
  'users.getUserList (no params)': () => [],
  'users.getUser': () => ['user_2'],
  'users.createUser': () => [
    {
      emailAddress: ['ada@example.com'],
      firstName: 'Ada',
      skipPasswordChecks: true,
      publicMetadata: { someKey: 1 },
      legalAcceptedAt: new Date(1_700_000_000_000),
      passwordDigest: '$2a$10$abc',
      passwordHasher: 'bcrypt',
    },
  ],
  'users.updateUser': () => [
    'user_2',
    { firstName: 'Grace', primaryEmailAddressID: 'idn_email_2', createOrganizationsLimit: 3 },
  ],
  'users.updateUser (metadata)': () => ['user_2', { lastName: 'Hopper', publicMetadata: { role: 'admin' } }],
  'users.updateUser (metadata only)': () => ['user_2', { unsafeMetadata: { theme: 'dark' } }],
  'users.updateUser (no params)': () => ['user_2'],
  'users.replaceUserEmailAddress': () => ['user_2', { emailAddress: 'new@example.com' }],
  'users.replaceUserPhoneNumber': () => ['user_2', { phoneNumber: '+15555550101' }],
  'users.updateUserProfileImage': () => ['user_2', { file: image() }],
  'users.updateUserMetadata': () => [
    'user_2',
    { publicMetadata: { role: 'admin', stale: null }, privateMetadata: { stripeId: 'cus_1' } },
  ],
  'users.replaceUserMetadata': () => ['user_2', { unsafeMetadata: {} }],
  'users.deleteUser': () => ['user_2'],
  'users.getCount': () => [{ query: 'ada', userId: ['user_1', 'user_2'] }],
  'users.getUserOauthAccessToken': () => ['user_2', 'google'],
  'users.getUserOauthAccessToken (prefixed)': () => ['user_2', 'oauth_github'],
  'users.disableUserMFA': () => ['user_2'],
  'users.getOrganizationMembershipList': () => [{ userId: 'user_2', limit: 5, offset: 5 }],
  'users.getOrganizationInvitationList': () => [{ userId: 'user_2', status: 'pending' }],
  'users.removePassword': () => ['user_2', { signOutOfOtherSessions: true }],
  'users.verifyPassword': () => [{ userId: 'user_2', password: 'correct horse' }],
  'users.verifyTOTP': () => [{ userId: 'user_2', code: '123456' }],
  'users.banUser': () => ['user_2'],
  'users.unbanUser': () => ['user_2'],
  'users.lockUser': () => ['user_2'],
  'users.unlockUser': () => ['user_2'],
  'users.deleteUserProfileImage': () => ['user_2'],
  'users.deleteUserPasskey': () => [{ userId: 'user_2', passkeyIdentificationId: 'idn_passkey_1' }],
  'users.deleteUserWeb3Wallet': () => [{ userId: 'user_2', web3WalletIdentificationId: 'idn_wallet_1' }],
  'users.deleteUserExternalAccount': () => [{ userId: 'user_2', externalAccountId: 'idn_oauth_1' }],
  'users.deleteUserBackupCodes': () => ['user_2'],
  'users.deleteUserTOTP': () => ['user_2'],
  'users.setPasswordCompromised': () => ['user_2'],
  'users.setPasswordCompromised (revoke)': () => ['user_2', { revokeAllSessions: true }],
  'users.unsetPasswordCompromised': () => ['user_2'],
  'waitlistEntries.list': () => [{ status: 'pending', orderBy: '-invited_at', limit: 5 }],
  'waitlistEntries.create': () => [{ emailAddress: 'waiting@example.com', notify: true }],
  'waitlistEntries.createBulk': () => [
    [{ emailAddress: 'a@example.com' }, { emailAddress: 'b@example.com', notify: false }],
  ],
  'waitlistEntries.invite': () => ['wle_1', { ignoreExisting: true }],
  'waitlistEntries.invite (no params)': () => ['wle_1'],
  'waitlistEntries.reject': () => ['wle_1'],
  'waitlistEntries.delete': () => ['wle_1'],
  'webhooks.createSvixApp': () => [],
  'webhooks.generateSvixAuthURL': () => [],
  'webhooks.deleteSvixApp': () => [],
}

/** Answers for endpoints whose result is not one resource, a page or a list of them. */
const PLAIN_ANSWERS: Record<string, { status?: number; json?: unknown }> = {
  number: { json: { object: 'total_count', total_count: 7 } },
  '{ user_id }': { json: { user_id: 'user_2' } },
  '{ verified: true }': { json: { verified: true } },
  "{ verified: true, code_type: 'totp' }": { json: { verified: true, code_type: 'totp' } },
  '{ secret: string }': { json: { secret: 'ak_secret_value' } },
  '{ svix_url }': { json: { svix_url: 'https://app.svix.com/login#key=abc' } },
  JwksJSON: { json: { keys: [{ use: 'sig', kty: 'RSA', kid: 'ins_1', alg: 'RS256', n: 'abc', e: 'AQAB' }] } },
  DeletedObject: { json: RESOURCE_JSON.DeletedObject },
  void: { status: 204 },
  'Token | Cookies': { json: RESOURCE_JSON.Cookies },
  'BatchEmailResult[]': {
    json: [
      { index: 0, email: RESOURCE_JSON.Email, status_code: 200 },
      {
        index: 1,
        errors: [
          {
            code: 'form_param_invalid',
            message: 'is invalid',
            long_message: 'To is invalid',
            meta: { param_name: 'to' },
          },
        ],
        status_code: 422,
        retry_after_seconds: 5,
      },
    ],
  },
}

/** Endpoints whose answer depends on the request. */
const ANSWER_OVERRIDES: Record<string, (request: RecordedRequest) => { status?: number; json?: unknown }> = {
  // Without `paginated=true` the user list is a bare array (its count comes from /users/count).
  'users.getUserList': () => ({ json: [RESOURCE_JSON.User] }),
  'sessions.refreshSession': (request) => ({
    json: (request.json as { format?: string }).format === 'cookie' ? RESOURCE_JSON.Cookies : RESOURCE_JSON.Token,
  }),
  'clients.getHandshakePayload': () => ({ json: RESOURCE_JSON.HandshakePayload }),
  'machines.deleteScope': () => ({ json: { ...(RESOURCE_JSON.MachineScope as object), deleted: true } }),
  'domains.list': () => ({ json: page('Domain') }),
  'm2m.list': () => ({ json: { m2m_tokens: [RESOURCE_JSON.M2MToken], total_count: 7 } }),
}

function answerFor(key: string, returns: Returns): (request: RecordedRequest) => { status?: number; json?: unknown } {
  const override = ANSWER_OVERRIDES[key]
  if (override) return override
  const named = (resource: unknown) => (typeof resource === 'function' ? resource.name : String(resource))
  if (typeof returns === 'function') return () => ({ json: RESOURCE_JSON[returns.name] })
  if (typeof returns === 'object' && 'page' in returns) return () => ({ json: page(named(returns.page)) })
  if (typeof returns === 'object' && 'array' in returns) {
    const plain = PLAIN_ANSWERS[`${named(returns.array)}[]`]
    return () => plain ?? { json: [RESOURCE_JSON[named(returns.array)], RESOURCE_JSON[named(returns.array)]] }
  }
  const plain = PLAIN_ANSWERS[returns]
  if (!plain) throw new Error(`no answer scripted for ${key} (returns ${returns})`)
  return () => plain
}

/** Every endpoint of our table, as `group.method` with its route on the recording server. */
const ENDPOINTS = Object.values(API_GROUPS).flatMap((group) =>
  Object.entries(group.endpoints).map(([method, endpoint]) => {
    const { path, returns } = endpoint as { path: string; returns: Returns }
    const base = group.options.versionless ? '' : '/v1'
    const pattern = path.replace(/\{\/\w+\}/g, '(?:/[^/]+)?').replace(/\{\w+\}/g, '[^/]+')
    return {
      key: `${group.name}.${method}`,
      method: (endpoint as { method: string }).method,
      // Paths with fewer parameters are more specific (/users/count before /users/{userId}).
      specificity: -(path.match(/\{/g)?.length ?? 0),
      route: new RegExp(`^${base}${pattern}$`),
      returns,
    }
  }),
)

let server: RecordingServer

beforeAll(async () => {
  server = await startRecordingServer()
  const ordered = [...ENDPOINTS].sort((a, b) => a.specificity - b.specificity)
  for (const endpoint of ordered) {
    const answer = answerFor(endpoint.key, endpoint.returns)
    server.on(endpoint.method, endpoint.route, (request) => answer(request))
  }
})
afterAll(() => server.close())
beforeEach(() => {
  server.clearRequests()
})

const clientOptions = () => ({ secretKey: SECRET_KEY, apiUrl: server.url })
const ours = () => createClerkClient(clientOptions()) as unknown as Record<string, Record<string, Method>>
const official = () =>
  createOfficialClient({ ...clientOptions(), telemetry: { disabled: true } }) as unknown as Record<
    string,
    Record<string, Method>
  >
type Method = (...args: unknown[]) => Promise<unknown>

async function run(client: Record<string, Record<string, Method>>, key: string): Promise<unknown> {
  const [group, method] = key.split(' ')[0]!.split('.') as [string, string]
  return client[group]![method]!(...CALLS[key]!())
}

/** What must be identical on the wire. Requests are sorted: getUserList sends two in parallel. */
async function wire(requests: readonly RecordedRequest[]) {
  const entries = await Promise.all(
    requests.map(async (r) => ({
      method: r.method,
      path: r.path,
      search: r.search,
      body: r.headers['content-type']?.startsWith('multipart/form-data') ? await formFields(r) : r.json,
      multipart: r.headers['content-type']?.startsWith('multipart/form-data') ?? false,
      authorization: r.headers.authorization,
      apiVersion: r.headers['clerk-api-version'],
      idempotencyKey: r.headers['idempotency-key'],
      forwarded: r.headers['x-forwarded-for'],
    })),
  )
  return entries.sort((a, b) => `${a.method}${a.path}`.localeCompare(`${b.method}${b.path}`))
}

/** Multipart bodies compared by field: name, value, and for files their name, type and bytes. */
async function formFields(request: RecordedRequest) {
  const form = await new Response(request.body, {
    headers: { 'content-type': request.headers['content-type']! },
  }).formData()
  return Promise.all(
    [...form.entries()].map(async ([name, value]) =>
      typeof value === 'string'
        ? { name, value }
        : { name, file: value.name, type: value.type, size: (await value.arrayBuffer()).byteLength },
    ),
  )
}

/**
 * A result as data with the class of every object in it: `{ $class: 'User', id: …, emailAddresses: [{ $class:
 * 'EmailAddress', … }] }`. Upstream's private `_raw` copy is not data; undefined fields are absent, as in JSON.
 */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape)
  if (value === null || typeof value !== 'object') return value
  if (value instanceof Date) return value.toISOString()
  if (value instanceof URL) return value.href
  const constructor = (value as object).constructor
  const result: Record<string, unknown> = {}
  // Upstream's bundler renames its classes `_User`, `_Session`, …: the name is what follows.
  if (constructor && constructor !== Object) result.$class = constructor.name.replace(/^_+/, '')
  for (const [key, field] of Object.entries(value)) {
    if (key !== '_raw' && field !== undefined) result[key] = shape(field)
  }
  return result
}

/**
 * Deliberate differences in results (see the header): upstream hands out the raw JSON of objects its deserializer
 * has no case for; ours is the class its types promise.
 */
const KNOWN_RESULT_DIFFERENCES: Record<string, { upstream: unknown; ourClass: string }> = {
  'organizations.createOrganizationDomain': {
    upstream: RESOURCE_JSON.OrganizationDomain,
    ourClass: 'OrganizationDomain',
  },
  'organizations.createOrganizationDomain (unverified)': {
    upstream: RESOURCE_JSON.OrganizationDomain,
    ourClass: 'OrganizationDomain',
  },
  'organizations.updateOrganizationDomain': {
    upstream: RESOURCE_JSON.OrganizationDomain,
    ourClass: 'OrganizationDomain',
  },
  'organizations.getOrganizationDomainList': {
    upstream: { data: [RESOURCE_JSON.OrganizationDomain], totalCount: 7 },
    ourClass: 'OrganizationDomain',
  },
  'testingTokens.createTestingToken': { upstream: RESOURCE_JSON.TestingToken, ourClass: 'TestingToken' },
  'clients.getHandshakePayload': { upstream: RESOURCE_JSON.HandshakePayload, ourClass: 'HandshakePayload' },
}

describe('every method sends what @clerk/backend sends and returns what it returns', () => {
  it('covers every method of the client (each has a call in the table)', () => {
    const called = new Set(Object.keys(CALLS).map((key) => key.split(' ')[0]))
    expect(ENDPOINTS.map(({ key }) => key).filter((key) => !called.has(key))).toEqual([])
    expect(ENDPOINTS.length).toBeGreaterThan(190)
  })

  it.each(Object.keys(CALLS))('%s', async (key) => {
    const officialResult = await run(official(), key)
    const officialRequests = [...server.requests]
    server.clearRequests()
    const ourResult = await run(ours(), key)
    const ourRequests = [...server.requests]

    expect(ourRequests.length).toBeGreaterThan(0)
    expect(await wire(ourRequests)).toEqual(await wire(officialRequests))
    for (const request of officialRequests) {
      expect(request.headers['user-agent']).toMatch(/^@clerk\/backend@/)
    }
    for (const request of ourRequests) {
      expect(request.headers['user-agent']).toBe(`remix-clerk@${__REMIX_CLERK_VERSION__}`)
      if (!request.headers['content-type']?.startsWith('multipart/')) {
        expect(request.headers['content-type']).toBe(request.body ? 'application/json' : undefined)
      }
    }
    const known = KNOWN_RESULT_DIFFERENCES[key]
    if (known) {
      expect(shape(officialResult)).toEqual(shape(known.upstream))
      expect(JSON.stringify(shape(ourResult))).toContain(`"$class":"${known.ourClass}"`)
    } else {
      expect(shape(ourResult)).toEqual(shape(officialResult))
    }
  })
})
