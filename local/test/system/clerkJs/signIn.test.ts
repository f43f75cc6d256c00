import { createLocalJWKSet, jwtVerify } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TESTS_HOLD_THE_SERVER_CLOCK } from '../../helpers/backend.js'
import { type Harness, coreOf, startHarness } from '../../helpers/harness.js'
import { APP_ORIGIN, ClerkJsAgent, type FapiAnswer } from '../../helpers/clerkJsAgent.js'

/** ClerkJS's calls for loading, signing in (password, e-mail code) and staying signed in, over HTTP. */
let h: Harness
let adaId: string
let acmeId: string

beforeAll(async () => {
  h = await startHarness()
  const seeded = h.clerk.seed({
    users: [
      {
        email_address: 'ada@example.com',
        first_name: 'Ada',
        username: 'ada_l',
        password: 'correct horse',
        private_metadata: { secret: 'x' },
      },
      { email_address: 'grace@example.com', first_name: 'Grace' },
    ],
    organizations: [{ name: 'Acme', slug: 'acme', members: [{ user: 'ada@example.com', role: 'org:admin' }] }],
  })
  adaId = seeded.users[0]!.id
  acmeId = seeded.organizations[0]!.id
})
afterAll(() => h.close())

const verify = async (jwt: string) =>
  (await jwtVerify(jwt, createLocalJWKSet(h.clerk.jwks), { algorithms: ['RS256'], currentDate: new Date(h.clock.ms) }))
    .payload

function expectError(answer: FapiAnswer, status: number, code: string, paramName?: string) {
  expect(answer.status).toBe(status)
  expect(answer.body.errors[0].code).toBe(code)
  if (paramName !== undefined) expect(answer.body.errors[0].meta.param_name).toBe(paramName)
  // ClerkJS can read the error: it carries the CORS headers of an allowed origin.
  expect(answer.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN)
}

describe('loading', () => {
  it('answers /v1/environment with CORS for the allowed origin, and email, password and organizations switched on', async () => {
    const agent = new ClerkJsAgent(h.clerk.url)
    const answer = await agent.call('GET', '/v1/environment')
    expect(answer.status).toBe(200)
    expect(answer.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN)
    expect(answer.headers.get('access-control-allow-credentials')).toBe('true')
    expect(answer.headers.get('vary')).toContain('Origin')
    const environment = answer.body.response
    expect(environment.object).toBe('environment')
    expect(environment.user_settings.attributes.email_address.used_for_first_factor).toBe(true)
    expect(environment.user_settings.attributes.password.enabled).toBe(true)
    expect(environment.organization_settings.enabled).toBe(true)
    expect(environment.auth_config.single_session_mode).toBe(true)
    expect(environment.display_config.captcha_public_key).toBeNull()
    expect(environment.display_config.branded).toBe(false)
  })

  it('answers GET /v1/client for a browser without a client with null, and creates none', async () => {
    const agent = new ClerkJsAgent(h.clerk.url)
    const answer = await agent.call('GET', '/v1/client')
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({ response: null, client: null })
    expect(agent.cookie('__client')).toBeUndefined()
  })

  it('refuses every call from an origin that is not allowed, without CORS headers', async () => {
    const agent = new ClerkJsAgent(h.clerk.url, 'http://evil.example')
    const answer = await agent.call('GET', '/v1/environment')
    expect(answer.status).toBe(403)
    expect(answer.body.errors[0].code).toBe('origin_not_allowed')
    expect(answer.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('signing in with a password', () => {
  it('finds the user by e-mail, offers the password and the e-mail code, and signs in with the right password', async () => {
    const agent = new ClerkJsAgent(h.clerk.url)
    const started = await agent.call('POST', '/v1/client/sign_ins', { identifier: 'ADA@example.com', locale: 'en-US' })
    expect(started.status).toBe(200)
    const signIn = started.body.response
    expect(signIn).toMatchObject({
      object: 'sign_in',
      status: 'needs_first_factor',
      identifier: 'ADA@example.com',
      created_session_id: null,
    })
    expect(signIn.supported_first_factors).toEqual([
      { strategy: 'password' },
      {
        strategy: 'email_code',
        safe_identifier: 'ada@example.com',
        email_address_id: expect.stringMatching(/^idn_/),
        primary: true,
      },
    ])
    expect(started.body.client.sign_in.id).toBe(signIn.id)
    const firstCookie = agent.cookie('__client')!
    expect(started.setCookies.find((c) => c.startsWith('__client='))).toMatch(/HttpOnly/)

    const wrong = await agent.call('POST', `/v1/client/sign_ins/${signIn.id}/attempt_first_factor`, {
      strategy: 'password',
      password: 'wrong horse',
    })
    expectError(wrong, 422, 'form_password_incorrect', 'password')

    const done = await agent.call('POST', `/v1/client/sign_ins/${signIn.id}/attempt_first_factor`, {
      strategy: 'password',
      password: 'correct horse',
    })
    expect(done.status).toBe(200)
    expect(done.body.response.status).toBe('complete')
    const { client } = done.body
    expect(client.sessions).toHaveLength(1)
    const [session] = client.sessions
    expect(session.id).toBe(done.body.response.created_session_id)
    expect(client.last_active_session_id).toBe(session.id)
    expect(client.sign_in).toBeNull()
    expect(session.user.id).toBe(adaId)
    expect(session.user.organization_memberships[0].organization.slug).toBe('acme')
    expect(JSON.stringify(done.body)).not.toContain('private_metadata')
    expect(await verify(session.last_active_token.jwt)).toMatchObject({ sub: adaId, sid: session.id, azp: APP_ORIGIN })
    // A fresh client on sign-in: the cookie from before the sign-in (perhaps planted) does not lead to the session.
    expect(agent.cookie('__client')).not.toBe(firstCookie)
    expect(client.id).not.toBe(started.body.client.id)
    const stale = new ClerkJsAgent(h.clerk.url)
    stale.browser.store(h.clerk.url, `__client=${firstCookie}`)
    expect((await stale.call('GET', '/v1/client')).body.response).toMatchObject({
      id: started.body.client.id,
      sessions: [],
    })
    // The app's server learns that this browser is signed in, and since when.
    const uat = done.setCookies.find((c) => c.startsWith('__client_uat='))!
    expect(uat).toContain(`__client_uat=${Math.floor(client.updated_at / 1000)}`)
    expect(uat).not.toMatch(/HttpOnly/)
    expect(done.setCookies.some((c) => /^__client_uat_[\w-]{8}=/.test(c))).toBe(true)
  })

  it('signs in in one step with strategy=password, by username too', async () => {
    const agent = new ClerkJsAgent(h.clerk.url)
    const done = await agent.call('POST', '/v1/client/sign_ins', {
      identifier: 'ada_l',
      strategy: 'password',
      password: 'correct horse',
    })
    expect(done.status).toBe(200)
    expect(done.body.response.status).toBe('complete')
    expect(done.body.client.sessions[0].user.id).toBe(adaId)
  })

  it('signs in in one step with a password and no strategy (`signIn.create({ identifier, password })`), and says which is wrong', async () => {
    const agent = new ClerkJsAgent(h.clerk.url)
    const done = await agent.call('POST', '/v1/client/sign_ins', {
      identifier: 'ada@example.com',
      password: 'correct horse',
    })
    expect(done.status).toBe(200)
    expect(done.body.response).toMatchObject({
      status: 'complete',
      created_session_id: done.body.client.sessions[0].id,
    })
    expect(done.body.response.first_factor_verification).toMatchObject({ status: 'verified', strategy: 'password' })
    expect(done.body.client.sessions[0].user.id).toBe(adaId)

    const other = new ClerkJsAgent(h.clerk.url)
    expectError(
      await other.call('POST', '/v1/client/sign_ins', { identifier: 'ada@example.com', password: 'wrong horse' }),
      422,
      'form_password_incorrect',
      'password',
    )
    expectError(
      await other.call('POST', '/v1/client/sign_ins', { identifier: 'nobody@example.com', password: 'x' }),
      422,
      'form_identifier_not_found',
      'identifier',
    )
    expectError(
      await other.call('POST', '/v1/client/sign_ins', { identifier: 'grace@example.com', password: 'x' }),
      422,
      'strategy_for_user_invalid',
      'strategy',
    )
    // With another strategy named, the password is not what is checked.
    const code = await other.call('POST', '/v1/client/sign_ins', {
      identifier: 'ada@example.com',
      password: 'wrong horse',
      strategy: 'email_code',
    })
    expect(code.body.response).toMatchObject({
      status: 'needs_first_factor',
      first_factor_verification: { strategy: 'email_code', status: 'unverified' },
    })
  })

  it('says which field is wrong: an unknown identifier, a user without a password', async () => {
    const agent = new ClerkJsAgent(h.clerk.url)
    expectError(
      await agent.call('POST', '/v1/client/sign_ins', { identifier: 'nobody@example.com' }),
      422,
      'form_identifier_not_found',
      'identifier',
    )
    const started = await agent.call('POST', '/v1/client/sign_ins', { identifier: 'grace@example.com' })
    expect(started.body.response.supported_first_factors.map((f: { strategy: string }) => f.strategy)).toEqual([
      'email_code',
    ])
    const attempt = await agent.call('POST', `/v1/client/sign_ins/${started.body.response.id}/attempt_first_factor`, {
      strategy: 'password',
      password: 'x',
    })
    expectError(attempt, 422, 'strategy_for_user_invalid', 'strategy')
  })
})

describe('signing in with the e-mail code', () => {
  it('"sends" the code, refuses a wrong one on the code field, and signs in with 424242', async () => {
    const agent = new ClerkJsAgent(h.clerk.url)
    const started = await agent.call('POST', '/v1/client/sign_ins', { identifier: 'grace@example.com' })
    const signIn = started.body.response
    const emailAddressId = signIn.supported_first_factors[0].email_address_id
    const prepared = await agent.call('POST', `/v1/client/sign_ins/${signIn.id}/prepare_first_factor`, {
      strategy: 'email_code',
      email_address_id: emailAddressId,
    })
    expect(prepared.status).toBe(200)
    expect(prepared.body.response.first_factor_verification).toMatchObject({
      status: 'unverified',
      strategy: 'email_code',
      expire_at: h.clock.msNow(600_000),
    })

    const wrong = await agent.call('POST', `/v1/client/sign_ins/${signIn.id}/attempt_first_factor`, {
      strategy: 'email_code',
      code: '123456',
    })
    expectError(wrong, 422, 'form_code_incorrect', 'code')
    expect(wrong.body.errors[0].long_message).toContain('424242')

    const done = await agent.call('POST', `/v1/client/sign_ins/${signIn.id}/attempt_first_factor`, {
      strategy: 'email_code',
      code: '424242',
    })
    expect(done.status).toBe(200)
    expect(done.body.response.status).toBe('complete')
    expect(done.body.client.sessions[0].public_user_data.identifier).toBe('grace@example.com')
  })

  it.runIf(TESTS_HOLD_THE_SERVER_CLOCK)('refuses an expired code', async () => {
    const agent = new ClerkJsAgent(h.clerk.url)
    const signIn = (
      await agent.call('POST', '/v1/client/sign_ins', { identifier: 'grace@example.com', strategy: 'email_code' })
    ).body.response
    expect(signIn.first_factor_verification.status).toBe('unverified')
    h.clock.advance(600_000)
    expectError(
      await agent.call('POST', `/v1/client/sign_ins/${signIn.id}/attempt_first_factor`, {
        strategy: 'email_code',
        code: '424242',
      }),
      422,
      'verification_expired',
      'code',
    )
  })
})

describe('cross-site request forgery', () => {
  it.each([
    ['no Origin', null],
    ['another site', 'http://evil.example'],
    ['an opaque origin', 'null'],
  ])('refuses a sign-in POST with %s, and changes nothing', async (_name, origin) => {
    const before = coreOf(h.clerk).store.changeStamp()
    const agent = new ClerkJsAgent(h.clerk.url, origin)
    const answer = await agent.call('POST', '/v1/client/sign_ins', {
      identifier: 'ada@example.com',
      strategy: 'password',
      password: 'correct horse',
    })
    expect(answer.status).toBe(403)
    expect(answer.body.errors[0].code).toBe('origin_not_allowed')
    expect(answer.setCookies).toEqual([])
    expect(coreOf(h.clerk).store.changeStamp()).toBe(before)
  })

  it("refuses a signed-in browser's sign-out, touch and token calls from another site", async () => {
    const agent = new ClerkJsAgent(h.clerk.url)
    const sessionId = (await agent.signInWithPassword('ada@example.com', 'correct horse')).body.client.sessions[0].id
    const evil = new ClerkJsAgent(h.clerk.url, 'http://evil.example')
    evil.browser.store(h.clerk.url, `__client=${agent.cookie('__client')}`)
    for (const [method, path] of [
      ['DELETE', '/v1/client/sessions'],
      ['POST', `/v1/client/sessions/${sessionId}/touch`],
      ['POST', `/v1/client/sessions/${sessionId}/tokens`],
    ] as const) {
      expect((await evil.call(method, path)).status).toBe(403)
    }
    expect((await agent.call('GET', '/v1/client')).body.client.sessions).toHaveLength(1)
  })
})

describe('a signed-in browser', () => {
  let agent: ClerkJsAgent
  let sessionId: string
  beforeAll(async () => {
    h.clerk.seed({ templates: [{ name: 'supabase', claims: { email: '{{user.primary_email_address}}' } }] })
    agent = new ClerkJsAgent(h.clerk.url)
    sessionId = (await agent.signInWithPassword('ada@example.com', 'correct horse')).body.client.sessions[0].id
  })

  it('gets session and template tokens for its session, as bare token objects', async () => {
    const session = await agent.call('POST', `/v1/client/sessions/${sessionId}/tokens`, { organization_id: '' })
    expect(session.status).toBe(200)
    expect(Object.keys(session.body)).toEqual(['object', 'jwt'])
    expect(await verify(session.body.jwt)).toMatchObject({ sub: adaId, sid: sessionId, azp: APP_ORIGIN })
    const template = await agent.call('POST', `/v1/client/sessions/${sessionId}/tokens/supabase`)
    expect(await verify(template.body.jwt)).toMatchObject({ sub: adaId, email: 'ada@example.com' })
  })

  it("refuses tokens to a browser without its client cookie, and for another browser's session, with 401", async () => {
    const stranger = new ClerkJsAgent(h.clerk.url)
    expectError(await stranger.call('POST', `/v1/client/sessions/${sessionId}/tokens`), 401, 'authentication_invalid')
    await stranger.call('PUT', '/v1/client')
    expectError(await stranger.call('POST', `/v1/client/sessions/${sessionId}/tokens`), 401, 'authentication_invalid')
  })

  it('switches the active organization with touch; tokens and the membership list follow', async () => {
    const touched = await agent.call('POST', `/v1/client/sessions/${sessionId}/touch`, {
      active_organization_id: acmeId,
      intent: 'select_org',
    })
    expect(touched.status).toBe(200)
    expect(touched.body.response.last_active_organization_id).toBe(acmeId)
    const claims = await verify(touched.body.response.last_active_token.jwt)
    expect(claims.o).toMatchObject({ id: acmeId, slg: 'acme', rol: 'admin' })
    const token = await agent.call('POST', `/v1/client/sessions/${sessionId}/tokens`, { organization_id: acmeId })
    expect((await verify(token.body.jwt)).o).toMatchObject({ id: acmeId })
    // getToken({ organizationId }) asks for another organization (here: none) than the active one.
    const personalToken = await agent.call('POST', `/v1/client/sessions/${sessionId}/tokens`, { organization_id: '' })
    expect(await verify(personalToken.body.jwt)).not.toHaveProperty('o')
    expectError(
      await agent.call('POST', `/v1/client/sessions/${sessionId}/tokens`, { organization_id: 'org_nope' }),
      422,
      'form_param_value_invalid',
      'organization_id',
    )

    const memberships = await agent.call(
      'GET',
      '/v1/me/organization_memberships',
      {},
      { _clerk_session_id: sessionId, paginated: 'true', limit: '10', offset: '0' },
    )
    expect(memberships.body.response.total_count).toBe(1)
    expect(memberships.body.response.data[0]).toMatchObject({
      object: 'organization_membership',
      role: 'org:admin',
      organization: { id: acmeId },
    })
    for (const list of ['organization_invitations', 'organization_suggestions']) {
      expect((await agent.call('GET', `/v1/me/${list}`, {}, { _clerk_session_id: sessionId })).body.response).toEqual({
        data: [],
        total_count: 0,
      })
    }

    // What <OrganizationProfile/> reads: the members and their roles, for members only; no invitations yet.
    const session = { _clerk_session_id: sessionId }
    const members = await agent.call(
      'GET',
      `/v1/organizations/${acmeId}/memberships`,
      {},
      { ...session, paginated: 'true' },
    )
    expect(members.body.response.total_count).toBe(1)
    expect(members.body.response.data[0]).toMatchObject({
      role: 'org:admin',
      public_user_data: { user_id: adaId, identifier: 'ada@example.com' },
    })
    const roles = await agent.call('GET', `/v1/organizations/${acmeId}/roles`, {}, session)
    expect(roles.body.response.data.map((role: { key: string; name: string }) => [role.key, role.name])).toEqual([
      ['org:admin', 'Admin'],
      ['org:member', 'Member'],
    ])
    expect((await agent.call('GET', `/v1/organizations/${acmeId}/invitations`, {}, session)).body.response).toEqual({
      data: [],
      total_count: 0,
    })
    const grace = new ClerkJsAgent(h.clerk.url)
    const graceSession = (
      await grace.call('POST', '/v1/client/sign_ins', { identifier: 'grace@example.com', strategy: 'email_code' })
    ).body.response
    const signedIn = await grace.call('POST', `/v1/client/sign_ins/${graceSession.id}/attempt_first_factor`, {
      strategy: 'email_code',
      code: '424242',
    })
    const notAMember = await grace.call(
      'GET',
      `/v1/organizations/${acmeId}/memberships`,
      {},
      { _clerk_session_id: signedIn.body.response.created_session_id },
    )
    expectError(notAMember, 404, 'resource_not_found')

    expectError(
      await agent.call('POST', `/v1/client/sessions/${sessionId}/touch`, { active_organization_id: 'org_nope' }),
      422,
      'form_param_value_invalid',
      'active_organization_id',
    )
    const personal = await agent.call('POST', `/v1/client/sessions/${sessionId}/touch`, { active_organization_id: '' })
    expect(personal.body.response.last_active_organization_id).toBeNull()
    const acmeToken = await agent.call('POST', `/v1/client/sessions/${sessionId}/tokens`, { organization_id: acmeId })
    expect((await verify(acmeToken.body.jwt)).o).toMatchObject({ id: acmeId, rol: 'admin' })
  })

  it('signs out with DELETE /v1/client/sessions: no session, __client_uat=0, tokens refused', async () => {
    const signedOut = await agent.call('DELETE', '/v1/client/sessions')
    expect(signedOut.status).toBe(200)
    expect(signedOut.body.response.sessions).toEqual([])
    expect(signedOut.body.client.sessions).toEqual([])
    expect(signedOut.setCookies).toContain('__client_uat=0; Max-Age=31536000; Path=/; SameSite=Lax')
    expectError(await agent.call('POST', `/v1/client/sessions/${sessionId}/tokens`), 401, 'authentication_invalid')
  })
})

describe('the other ways to sign out', () => {
  it.each([
    ['end', 'ended'],
    ['remove', 'removed'],
  ])('POST /v1/client/sessions/{id}/%s ends that session', async (action, status) => {
    const agent = new ClerkJsAgent(h.clerk.url)
    const sessionId = (await agent.signInWithPassword('ada@example.com', 'correct horse')).body.client.sessions[0].id
    const answer = await agent.call('POST', `/v1/client/sessions/${sessionId}/${action}`)
    expect(answer.status).toBe(200)
    expect(answer.body.response).toMatchObject({ id: sessionId, status, last_active_token: null })
    expect(answer.body.client.sessions).toEqual([])
  })

  it('DELETE /v1/client forgets the client: the cookie is cleared and its old value leads nowhere', async () => {
    const agent = new ClerkJsAgent(h.clerk.url)
    await agent.signInWithPassword('ada@example.com', 'correct horse')
    const cookie = agent.cookie('__client')!
    const answer = await agent.call('DELETE', '/v1/client')
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({ response: null, client: null })
    expect(answer.setCookies.some((c) => c.startsWith('__client=;') && c.includes('Max-Age=0'))).toBe(true)
    const replay = new ClerkJsAgent(h.clerk.url)
    replay.browser.store(h.clerk.url, `__client=${cookie}`)
    expect((await replay.call('GET', '/v1/client')).body.response).toBeNull()
  })
})
