// Machine authentication over HTTP on a clock the test holds: when API keys, M2M tokens, OAuth access tokens and a
// rotated machine key stop counting, the exact JSON of each resource, and pending sessions (a task left to do).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TESTS_HOLD_THE_SERVER_CLOCK } from '../helpers/backend.js'
import { type Harness, decodePart, expectClerkError, startHarness } from '../helpers/harness.js'
import { createOAuthAccessToken, signIn } from '../../src/testing.js'

let h: Harness
let userId: string

beforeAll(async () => {
  h = await startHarness()
  userId = (await h.call('POST', '/v1/users', { body: { email_address: ['ada@example.com'] } })).body.id
})
afterAll(() => h.close())

const asMachine = (secretKey: string) => ({ authorization: `Bearer ${secretKey}` })

describe('the JSON of each resource', () => {
  it('an API key, a machine with its scope, an M2M token', async () => {
    const key = await h.call('POST', '/api_keys', {
      body: { name: 'CI', subject: userId, seconds_until_expiration: 60 },
    })
    expect(key.body).toEqual({
      object: 'api_key',
      id: expect.stringMatching(/^ak_[0-9A-Za-z]{27}$/),
      type: 'api_key',
      name: 'CI',
      secret: expect.stringMatching(/^ak_[0-9A-Za-z]{40}$/),
      subject: userId,
      scopes: [],
      claims: null,
      revoked: false,
      revocation_reason: null,
      expired: false,
      expiration: h.clock.msNow(60_000),
      created_by: null,
      description: null,
      last_used_at: null,
      created_at: h.clock.msNow(),
      updated_at: h.clock.msNow(),
    })

    const receiver = (await h.call('POST', '/v1/machines', { body: { name: 'Receiver' } })).body
    const sender = await h.call('POST', '/v1/machines', {
      body: { name: 'Sender', scoped_machines: [receiver.id], default_token_ttl: 120 },
    })
    const machineFields = (id: string, name: string, ttl: number) => ({
      object: 'machine',
      id,
      name,
      instance_id: h.clerk.instanceId,
      created_at: h.clock.msNow(),
      updated_at: h.clock.msNow(),
      default_token_ttl: ttl,
    })
    expect(sender.body).toEqual({
      ...machineFields(sender.body.id, 'Sender', 120),
      scoped_machines: [{ ...machineFields(receiver.id, 'Receiver', 3600), scoped_machines: [] }],
      secret_key: expect.stringMatching(/^ak_[0-9A-Za-z]{40}$/),
    })

    const token = await h.call('POST', '/m2m_tokens', { headers: asMachine(sender.body.secret_key), body: {} })
    expect(token.body).toEqual({
      object: 'machine_to_machine_token',
      id: expect.stringMatching(/^mt_[0-9A-Za-z]{27}$/),
      token: expect.stringMatching(/^mt_[0-9A-Za-z]{40}$/),
      subject: sender.body.id,
      scopes: [receiver.id],
      claims: null,
      revoked: false,
      revocation_reason: null,
      expired: false,
      expiration: h.clock.msNow(120_000),
      created_at: h.clock.msNow(),
      updated_at: h.clock.msNow(),
    })
  })

  it('refuses bad input with Clerk-shaped 4xx naming the parameter', async () => {
    expectClerkError(
      await h.call('POST', '/v1/machines', { body: { name: '', default_token_ttl: 0 } }),
      422,
      'form_param_value_invalid',
      { count: 2 },
    )
    expectClerkError(
      await h.call('POST', '/v1/machines', { body: { name: 'x', bogus: 1 } }),
      422,
      'form_param_unknown',
      { paramName: 'bogus' },
    )
    const machine = (await h.call('POST', '/v1/machines', { body: { name: 'Lonely' } })).body
    const headers = asMachine(machine.secret_key)
    expectClerkError(
      await h.call('POST', '/m2m_tokens', { headers, body: { token_format: 'paseto' } }),
      422,
      'form_param_value_invalid',
      { paramName: 'token_format' },
    )
    expectClerkError(await h.call('POST', '/m2m_tokens/verify', { headers, body: {} }), 422, 'form_param_missing', {
      paramName: 'token',
    })
    expectClerkError(
      await h.call('POST', '/m2m_tokens', { headers: { authorization: 'Basic x' }, body: {} }),
      401,
      'authorization_header_format_invalid',
    )
    expectClerkError(
      await h.call('POST', '/api_keys', { body: { name: 'x', subject: userId, scopes: 'read' } }),
      422,
      'form_param_format_invalid',
      { paramName: 'scopes' },
    )
    expectClerkError(
      await h.call('POST', '/oauth_applications/access_tokens/verify', { body: { access_token: 7 } }),
      422,
      'form_param_format_invalid',
    )
    expectClerkError(
      await h.call('POST', '/v1/machines/mch_missing/secret_key/rotate', { body: { previous_token_ttl: 60 } }),
      404,
      'resource_not_found',
    )
    expectClerkError(
      await h.call('POST', `/v1/machines/${machine.id}/secret_key/rotate`, { body: { previous_token_ttl: 28_801 } }),
      422,
      'form_param_value_invalid',
    )
  })
})

describe.runIf(TESTS_HOLD_THE_SERVER_CLOCK)('when credentials stop counting', () => {
  it('an API key at its expiration, an M2M token at its, a previous machine key after its grace period, an OAuth token at its', async () => {
    const key = (
      await h.call('POST', '/api_keys', { body: { name: 'short', subject: userId, seconds_until_expiration: 30 } })
    ).body
    const receiver = (await h.call('POST', '/v1/machines', { body: { name: 'R' } })).body
    const sender = (await h.call('POST', '/v1/machines', { body: { name: 'S', scoped_machines: [receiver.id] } })).body
    const token = (
      await h.call('POST', '/m2m_tokens', {
        headers: asMachine(sender.secret_key),
        body: { seconds_until_expiration: 30 },
      })
    ).body
    const rotated = (
      await h.call('POST', `/v1/machines/${sender.id}/secret_key/rotate`, { body: { previous_token_ttl: 30 } })
    ).body
    const oauth = await createOAuthAccessToken(h.clerk, { user: userId, expiresInSeconds: 30 })
    const verifyAll = async () => [
      (await h.call('POST', '/api_keys/verify', { body: { secret: key.secret } })).status,
      (
        await h.call('POST', '/m2m_tokens/verify', {
          headers: asMachine(receiver.secret_key),
          body: { token: token.token },
        })
      ).status,
      (await h.call('GET', `/m2m_tokens?subject=${sender.id}`, { headers: asMachine(sender.secret_key) })).status,
      (await h.call('POST', '/oauth_applications/access_tokens/verify', { body: { access_token: oauth.token } }))
        .status,
      (await h.call('GET', `/m2m_tokens?subject=${sender.id}`, { headers: asMachine(rotated.secret) })).status,
    ]
    expect(await verifyAll()).toEqual([200, 200, 200, 200, 200])
    h.clock.advance(29_999)
    expect(await verifyAll()).toEqual([200, 200, 200, 200, 200])
    h.clock.advance(1)
    expect(await verifyAll()).toEqual([404, 404, 401, 404, 200])
    expect((await h.call('GET', `/api_keys/${key.id}`)).body).toMatchObject({ expired: true })
    expect(
      (await h.call('GET', `/api_keys?subject=${userId}`)).body.data.map((k: { id: string }) => k.id),
    ).not.toContain(key.id)
    expect((await h.call('GET', `/m2m_tokens?subject=${sender.id}&expired=true`)).body.data).toMatchObject([
      { id: token.id, expired: true },
    ])
  })
})

describe('pending sessions (a task left to do)', () => {
  it('createSession({ pending: true }): status pending, a choose-organization task, tokens that say sts pending', async () => {
    const session = h.clerk.createSession({ userId, pending: true })
    expect(session).toMatchObject({ status: 'pending', tasks: [{ key: 'choose-organization' }] })
    expect((await h.call('GET', `/v1/sessions/${session.id}`)).body).toMatchObject({
      status: 'pending',
      tasks: [{ key: 'choose-organization' }],
    })
    expect(decodePart(await h.clerk.getToken(session.id), 1)).toMatchObject({ sid: session.id, sts: 'pending' })
    const minted = await h.call('POST', `/v1/sessions/${session.id}/tokens`, { body: {} })
    expect(decodePart(minted.body.jwt, 1).sts).toBe('pending')
    expect(decodePart(await h.clerk.getToken(h.clerk.createSession({ userId }).id), 1).sts).toBe('active')
  })

  it('signIn(…, { pending: true }) from remix-clerk-local/testing', async () => {
    const { token } = await signIn(h.clerk, { user: userId, pending: true }, 'http://localhost:3000/')
    expect(decodePart(token, 1).sts).toBe('pending')
  })
})
