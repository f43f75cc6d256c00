import { type ClerkClient, createClerkClient, verifyToken } from '@clerk/backend'
import { type JWTVerifyGetKey, createRemoteJWKSet, jwtVerify } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, apiError, startHarness } from '../../helpers/harness.js'

/** The official client, pointed at the local backend over real HTTP. Real clock: the SDK verifies with Date.now. */
let h: Harness
let clerk: ClerkClient
let jwks: JWTVerifyGetKey

beforeAll(async () => {
  h = await startHarness({ now: Date.now })
  clerk = createClerkClient({
    secretKey: h.clerk.secretKey,
    apiUrl: h.clerk.apiUrl,
    publishableKey: h.clerk.publishableKey,
  })
  jwks = createRemoteJWKSet(new URL(`${h.clerk.url}/v1/jwks`), {
    headers: { authorization: `Bearer ${h.clerk.secretKey}` },
  })
})
afterAll(() => h.close())

describe('@clerk/backend against remix-clerk-local', () => {
  it('users.createUser, getUser, getUserList (with its parallel count)', async () => {
    const user = await clerk.users.createUser({
      emailAddress: ['sdk.user@example.com'],
      firstName: 'Sdk',
      lastName: 'User',
      publicMetadata: { plan: 'pro', nested: { keepCase: true } },
    })
    expect(user.id).toMatch(/^user_/)
    expect(user.firstName).toBe('Sdk')
    expect(user.emailAddresses.map((e) => e.emailAddress)).toEqual(['sdk.user@example.com'])
    expect(user.primaryEmailAddress?.emailAddress).toBe('sdk.user@example.com')
    expect(user.emailAddresses[0]!.verification?.status).toBe('verified')
    expect(user.publicMetadata).toEqual({ plan: 'pro', nested: { keepCase: true } })

    const again = await clerk.users.getUser(user.id)
    expect(again.id).toBe(user.id)
    expect(again.fullName).toBe('Sdk User')

    await clerk.users.createUser({ emailAddress: ['sdk.other@example.com'] })
    const list = await clerk.users.getUserList({ emailAddress: ['sdk.user@example.com'] })
    expect(list.totalCount).toBe(1)
    expect(list.data.map((u) => u.id)).toEqual([user.id])
    const all = await clerk.users.getUserList({ limit: 1 })
    expect(all.data).toHaveLength(1)
    expect(all.totalCount).toBe(2)
  })

  it('turns Backend API errors into ClerkAPIResponseError with status, code and trace id', async () => {
    const notFound = await apiError(clerk.users.getUser('user_missing'))
    expect(notFound.status).toBe(404)
    expect(notFound.errors[0]!.code).toBe('resource_not_found')
    expect(notFound.errors[0]!.longMessage).toBe('No user was found with id user_missing')
    expect(notFound.clerkTraceId).toMatch(/^[0-9a-f]{32}$/)

    const taken = await apiError(clerk.users.createUser({ emailAddress: ['sdk.user@example.com'] }))
    expect(taken.status).toBe(422)
    expect(taken.errors[0]!.code).toBe('form_identifier_exists')
    expect(taken.errors[0]!.meta.paramName).toBe('email_address')

    const wrongKey = createClerkClient({ secretKey: 'sk_live_wrong', apiUrl: h.clerk.apiUrl })
    const unauthorized = await apiError(wrongKey.users.getUserList())
    expect(unauthorized.status).toBe(401)
    expect(unauthorized.errors[0]!.code).toBe('clerk_key_invalid')
  })

  it('jwks.getJwks returns the instance key', async () => {
    expect(await clerk.jwks.getJwks()).toEqual(h.clerk.jwks)
  })

  it('sessions.createSession, getToken (with and without expiresInSeconds), list and revoke', async () => {
    const user = await clerk.users.createUser({ emailAddress: ['sdk.session@example.com'] })
    const session = await clerk.sessions.createSession({ userId: user.id })
    expect(session.status).toBe('active')
    expect(session.userId).toBe(user.id)
    expect(session.clientId).toMatch(/^client_/)

    const token = await clerk.sessions.getToken(session.id)
    const { payload, protectedHeader } = await jwtVerify(token.jwt, jwks)
    expect(protectedHeader).toEqual({ alg: 'RS256', kid: h.clerk.instanceId, typ: 'JWT', cat: 'cl_B7d4PD111AAA' })
    expect(payload.sub).toBe(user.id)
    expect(payload.sid).toBe(session.id)
    expect(payload.iss).toBe(h.clerk.url)
    expect(payload.exp! - payload.iat!).toBe(60)
    expect(payload.iat! - payload.nbf!).toBe(10)
    expect(payload.v).toBe(2)

    const long = await clerk.sessions.getToken(session.id, undefined, 900)
    const longPayload = (await jwtVerify(long.jwt, jwks)).payload
    expect(longPayload.exp! - longPayload.iat!).toBe(900)

    const list = await clerk.sessions.getSessionList({ userId: user.id })
    expect(list.totalCount).toBe(1)
    expect(list.data[0]!.id).toBe(session.id)

    const revoked = await clerk.sessions.revokeSession(session.id)
    expect(revoked.status).toBe('revoked')
    const refused = await apiError(clerk.sessions.getToken(session.id))
    expect(refused.status).toBe(401)
    expect(refused.errors[0]!.code).toBe('session_not_active')
    // The SDK lifts the meta keys it knows, session_id among them.
    expect(refused.errors[0]!.meta.sessionId).toBe(session.id)
  })

  it('jwtTemplates create, get, list, update, delete, and getToken with a template', async () => {
    const user = await clerk.users.createUser({ emailAddress: ['sdk.tpl@example.com'], firstName: 'Tess' })
    const session = await clerk.sessions.createSession({ userId: user.id })
    const created = await clerk.jwtTemplates.create({
      name: 'sdk-template',
      claims: { name: '{{user.first_name}}', email: '{{user.primary_email_address}}', aud: 'sdk' },
      lifetime: 120,
      allowedClockSkew: 15,
    })
    expect(created).toMatchObject({
      name: 'sdk-template',
      lifetime: 120,
      allowedClockSkew: 15,
      customSigningKey: false,
      signingAlgorithm: 'RS256',
    })
    expect((await clerk.jwtTemplates.get(created.id)).claims).toEqual(created.claims)
    const listed = await clerk.jwtTemplates.list()
    expect(listed.totalCount).toBe(1)
    expect(listed.data[0]!.id).toBe(created.id)

    const token = await clerk.sessions.getToken(session.id, 'sdk-template')
    const { payload, protectedHeader } = await jwtVerify(token.jwt, jwks, { audience: 'sdk' })
    expect(protectedHeader.cat).toBe('cl_B7d4PD222AAA')
    expect(payload).toMatchObject({
      name: 'Tess',
      email: 'sdk.tpl@example.com',
      aud: 'sdk',
      sub: user.id,
      iss: h.clerk.url,
    })
    expect(payload.exp! - payload.iat!).toBe(120)
    expect(payload.iat! - payload.nbf!).toBe(15)
    const overridden = await clerk.sessions.getToken(session.id, 'sdk-template', 45)
    const p2 = (await jwtVerify(overridden.jwt, jwks, { audience: 'sdk' })).payload
    expect(p2.exp! - p2.iat!).toBe(45)

    const updated = await clerk.jwtTemplates.update({
      templateId: created.id,
      name: 'sdk-template',
      claims: { name: 'static' },
      lifetime: 60,
    })
    expect(updated).toMatchObject({ claims: { name: 'static' }, lifetime: 60, allowedClockSkew: 15 })
    const afterUpdate = (await jwtVerify((await clerk.sessions.getToken(session.id, 'sdk-template')).jwt, jwks)).payload
    expect(afterUpdate.name).toBe('static')

    const deleted = await clerk.jwtTemplates.delete(created.id)
    expect(deleted).toMatchObject({ object: 'jwt_template', id: created.id, deleted: true })
    const gone = await apiError(clerk.sessions.getToken(session.id, 'sdk-template'))
    expect(gone.status).toBe(404)
    expect(gone.errors[0]!.longMessage).toBe('No JWT template exists with name: sdk-template')
  })

  it('organizations and memberships, and the SDK decodes our org claims back into the permissions', async () => {
    const admin = await clerk.users.createUser({ emailAddress: ['sdk.admin@example.com'] })
    const org = await clerk.organizations.createOrganization({ name: 'SDK Org', createdBy: admin.id })
    expect(org.slug).toBe('sdk-org')
    const fetched = await clerk.organizations.getOrganization({ organizationId: org.id })
    expect(fetched.name).toBe('SDK Org')

    const member = await clerk.users.createUser({ emailAddress: ['sdk.member@example.com'] })
    const membership = await clerk.organizations.createOrganizationMembership({
      organizationId: org.id,
      userId: member.id,
      role: 'org:member',
    })
    expect(membership.role).toBe('org:member')
    expect(membership.organization.id).toBe(org.id)
    expect(membership.publicUserData?.identifier).toBe('sdk.member@example.com')
    const list = await clerk.organizations.getOrganizationMembershipList({ organizationId: org.id })
    expect(list.totalCount).toBe(2)

    // Custom permissions go through our extension of the membership endpoint.
    const analyst = (await h.call('POST', '/v1/users', { body: {} })).body.id
    const permissions = ['org:dashboard:manage', 'org:dashboard:read', 'org:teams:read', 'org:reports:export']
    await h.call('POST', `/v1/organizations/${org.id}/memberships`, {
      body: { user_id: analyst, role: 'org:analyst', permissions },
    })
    const session = await clerk.sessions.createSession({ userId: analyst })
    const orgSession = (
      await h.call('POST', '/v1/sessions', { body: { user_id: analyst, active_organization_id: org.id } })
    ).body
    const { jwt } = await clerk.sessions.getToken(orgSession.id)

    const request = new Request('http://app.example.test/dashboard', { headers: { authorization: `Bearer ${jwt}` } })
    const state = await clerk.authenticateRequest(request, { jwtKey: h.clerk.jwtKey })
    expect(state.isSignedIn).toBe(true)
    const auth = state.toAuth()!
    expect(auth).toMatchObject({
      userId: analyst,
      sessionId: orgSession.id,
      orgId: org.id,
      orgSlug: 'sdk-org',
      orgRole: 'org:analyst',
    })
    expect([...(auth as { orgPermissions: string[] }).orgPermissions].sort()).toEqual([...permissions].sort())
    const has = (auth as unknown as { has: (p: { permission?: string; role?: string }) => boolean }).has
    for (const permission of permissions) expect(has({ permission })).toBe(true)
    expect(has({ permission: 'org:teams:manage' })).toBe(false)
    expect(has({ role: 'org:analyst' })).toBe(true)

    // A session without an organization: no org fields.
    const plain = await clerk.authenticateRequest(
      new Request('http://app.example.test/', {
        headers: { authorization: `Bearer ${(await clerk.sessions.getToken(session.id)).jwt}` },
      }),
      { jwtKey: h.clerk.jwtKey },
    )
    expect(plain.toAuth()).toMatchObject({ userId: analyst, orgId: undefined })
  })

  it('verifyToken accepts our session tokens through the JWKS (secret key) and the PEM (jwtKey)', async () => {
    const user = await clerk.users.createUser({ emailAddress: ['sdk.verify@example.com'] })
    const session = await clerk.sessions.createSession({ userId: user.id })
    const { jwt } = await clerk.sessions.getToken(session.id)
    const viaJwks = await verifyToken(jwt, { secretKey: h.clerk.secretKey, apiUrl: h.clerk.apiUrl })
    expect(viaJwks.sub).toBe(user.id)
    const viaPem = await verifyToken(jwt, { jwtKey: h.clerk.jwtKey })
    expect(viaPem.sid).toBe(session.id)
  })
})
