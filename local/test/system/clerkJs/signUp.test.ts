import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyPassword } from '../../../src/services/passwords.js'
import { type Harness, coreOf, startHarness } from '../../helpers/harness.js'
import { ClerkJsAgent, type FapiAnswer } from '../../helpers/clerkJsAgent.js'

/** ClerkJS's sign-up (e-mail address, password, the e-mail code), and what it may ask for that is not here. */
let h: Harness
beforeAll(async () => {
  h = await startHarness()
  h.clerk.seed({ users: [{ email_address: 'taken@example.com' }] })
})
afterAll(() => h.close())

function expectError(answer: FapiAnswer, status: number, code: string, paramName?: string) {
  expect(answer.status).toBe(status)
  expect(answer.body.errors).toHaveLength(1)
  expect(answer.body.errors[0].code).toBe(code)
  if (paramName !== undefined) expect(answer.body.errors[0].meta.param_name).toBe(paramName)
}

describe('signing up', () => {
  it('collects the address and password, verifies the address with 424242, then creates the user and signs in', async () => {
    const agent = new ClerkJsAgent(h.clerk.url)
    const created = await agent.call('POST', '/v1/client/sign_ups', {
      email_address: 'New.User@Example.com',
      password: 'a long password',
      first_name: 'New',
      unsafe_metadata: '{"theme":"dark"}',
      locale: 'en-US',
    })
    expect(created.status).toBe(200)
    const signUp = created.body.response
    expect(signUp).toMatchObject({
      object: 'sign_up',
      status: 'missing_requirements',
      email_address: 'new.user@example.com',
      first_name: 'New',
      has_password: true,
      missing_fields: [],
      unverified_fields: ['email_address'],
      unsafe_metadata: { theme: 'dark' },
      created_user_id: null,
    })
    expect(created.body.client.sign_up.id).toBe(signUp.id)
    expect(JSON.stringify(created.body)).not.toContain('a long password')

    const prepared = await agent.call('POST', `/v1/client/sign_ups/${signUp.id}/prepare_verification`, {
      strategy: 'email_code',
    })
    expect(prepared.body.response.verifications.email_address).toMatchObject({
      status: 'unverified',
      strategy: 'email_code',
      next_action: 'needs_attempt',
    })

    expectError(
      await agent.call('POST', `/v1/client/sign_ups/${signUp.id}/attempt_verification`, {
        strategy: 'email_code',
        code: '000000',
      }),
      422,
      'form_code_incorrect',
      'code',
    )
    const done = await agent.call('POST', `/v1/client/sign_ups/${signUp.id}/attempt_verification`, {
      strategy: 'email_code',
      code: '424242',
    })
    expect(done.status).toBe(200)
    expect(done.body.response).toMatchObject({
      status: 'complete',
      unverified_fields: [],
      created_user_id: expect.stringMatching(/^user_/),
    })
    const [session] = done.body.client.sessions
    expect(session.id).toBe(done.body.response.created_session_id)
    expect(session.user).toMatchObject({
      id: done.body.response.created_user_id,
      first_name: 'New',
      password_enabled: true,
    })

    const user = await h.call('GET', `/v1/users/${done.body.response.created_user_id}`)
    expect(user.body.email_addresses[0].email_address).toBe('new.user@example.com')
    expect(user.body.unsafe_metadata).toEqual({ theme: 'dark' })
    await expect(
      verifyPassword('a long password', coreOf(h.clerk).store.users.passwordDigest(user.body.id)!),
    ).resolves.toBe(true)
    // The new account signs in with its password.
    const again = new ClerkJsAgent(h.clerk.url)
    expect((await again.signInWithPassword('new.user@example.com', 'a long password')).body.response.status).toBe(
      'complete',
    )
  })

  it('takes the password in a later PATCH, and completes only once nothing is missing', async () => {
    const agent = new ClerkJsAgent(h.clerk.url)
    const signUp = (await agent.call('POST', '/v1/client/sign_ups', { email_address: 'later@example.com' })).body
      .response
    expect(signUp.missing_fields).toEqual(['password'])
    await agent.call('POST', `/v1/client/sign_ups/${signUp.id}/prepare_verification`, { strategy: 'email_code' })
    const verified = await agent.call('POST', `/v1/client/sign_ups/${signUp.id}/attempt_verification`, {
      strategy: 'email_code',
      code: '424242',
    })
    expect(verified.body.response).toMatchObject({
      status: 'missing_requirements',
      missing_fields: ['password'],
      unverified_fields: [],
    })
    const patched = await agent.call('PATCH', `/v1/client/sign_ups/${signUp.id}`, { password: 'another password' })
    expect(patched.body.response).toMatchObject({
      status: 'missing_requirements',
      missing_fields: [],
      has_password: true,
    })
  })

  it('names the field: a taken address, a malformed one, a short password', async () => {
    const agent = new ClerkJsAgent(h.clerk.url)
    expectError(
      await agent.call('POST', '/v1/client/sign_ups', {
        email_address: 'taken@example.com',
        password: 'a long password',
      }),
      422,
      'form_identifier_exists',
      'email_address',
    )
    expectError(
      await agent.call('POST', '/v1/client/sign_ups', { email_address: 'not an address', password: 'a long password' }),
      422,
      'form_param_format_invalid',
      'email_address',
    )
    expectError(
      await agent.call('POST', '/v1/client/sign_ups', { email_address: 'short@example.com', password: 'short' }),
      422,
      'form_password_length_too_short',
      'password',
    )
  })
})

describe('what ClerkJS may ask for that remix-clerk-local does not do', () => {
  let agent: ClerkJsAgent
  let sessionId: string
  beforeAll(async () => {
    agent = new ClerkJsAgent(h.clerk.url)
    const signUp = (
      await agent.call('POST', '/v1/client/sign_ups', {
        email_address: 'edge@example.com',
        password: 'a long password',
      })
    ).body.response
    await agent.call('POST', `/v1/client/sign_ups/${signUp.id}/prepare_verification`, { strategy: 'email_code' })
    sessionId = (
      await agent.call('POST', `/v1/client/sign_ups/${signUp.id}/attempt_verification`, {
        strategy: 'email_code',
        code: '424242',
      })
    ).body.response.created_session_id
  })

  it.each([
    [
      'OAuth sign-in',
      'POST',
      '/v1/client/sign_ins',
      { strategy: 'oauth_google', redirect_url: 'http://localhost:3000/sso-callback' },
      422,
    ],
    ['OAuth sign-up', 'POST', '/v1/client/sign_ups', { strategy: 'oauth_github' }, 422],
    ['a phone number sign-up', 'POST', '/v1/client/sign_ups', { phone_number: '+15551234567' }, 422],
    ['MFA', 'POST', '/v1/client/sign_ins/sia_x/prepare_second_factor', { strategy: 'totp' }, 404],
    ['a password reset', 'POST', '/v1/client/sign_ins/sia_x/reset_password', { password: 'x' }, 404],
    ['adding a TOTP second factor (POST /v1/me/totp)', 'POST', '/v1/me/totp', {}, 404],
    ['the active devices list', 'GET', '/v1/me/sessions/active', {}, 404],
    [
      'replacing the members, on a Backend API path',
      'PUT',
      '/v1/organizations/org_x/memberships',
      { user_id: 'user_x' },
      405,
    ],
    ["an organization's billing", 'GET', '/v1/organizations/org_x/billing/subscription', {}, 404],
    ['accepting an organization suggestion', 'POST', '/v1/me/organization_suggestions/orgsug_x/accept', {}, 404],
    ['a method ClerkJS never sends', 'TRACE', '/v1/client', {}, 405],
  ] as const)('answers %s (%s %s) with "not supported", never a 401', async (_name, method, path, fields, status) => {
    const answer = await agent.call(method, path, fields, { _clerk_session_id: sessionId })
    expectError(answer, status, 'not_supported')
    expect(answer.body.errors[0].long_message).toContain('is not supported by remix-clerk-local')
    // Still signed in: nothing above signed the browser out.
    expect((await agent.call('GET', '/v1/client')).body.client.sessions).toHaveLength(1)
  })

  it('keeps the Backend API as it was for callers with a secret key', async () => {
    // The Backend API's own answer to a parameter it does not know, not the Frontend API's.
    const answer = await h.call('GET', '/v1/organizations?_clerk_js_version=5.128.0')
    expect(answer.body.errors[0]).toMatchObject({
      code: 'form_param_unknown',
      meta: { param_name: '_clerk_js_version' },
    })
    expect((await h.call('GET', '/v1/organizations')).status).toBe(200)
    expect((await h.call('GET', '/v1/organizations', { anonymous: true })).status).toBe(401)
  })
})
