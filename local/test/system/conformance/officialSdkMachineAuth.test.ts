// The official @clerk/backend client against the local backend for machine authentication: API keys, machines (and
// their scopes and secret keys), M2M tokens (opaque and JWT) and OAuth access tokens, a case for every endpoint, over
// real HTTP; and @clerk/backend's own authenticateRequest with `acceptsToken` verifying each kind against it.
import { type ClerkClient, createClerkClient } from '@clerk/backend'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOAuthAccessToken } from '../../../src/testing.js'
import { type Harness, apiError, decodePart, expectClerkError, startHarness } from '../../helpers/harness.js'

let h: Harness
let clerk: ClerkClient
let ada: string
let org: string

beforeAll(async () => {
  // Real clock: the SDK verifies JWTs with Date.now.
  h = await startHarness({ now: Date.now })
  clerk = createClerkClient({
    secretKey: h.clerk.secretKey,
    apiUrl: h.clerk.apiUrl,
    publishableKey: h.clerk.publishableKey,
  })
  ada = (await clerk.users.createUser({ emailAddress: ['ada@example.com'] })).id
  org = (await clerk.organizations.createOrganization({ name: 'Acme', createdBy: ada })).id
})
afterAll(() => h.close())

/** An official client whose machine-token calls carry this machine secret key. */
const asMachine = (machineSecretKey: string) =>
  createClerkClient({
    secretKey: h.clerk.secretKey,
    machineSecretKey,
    apiUrl: h.clerk.apiUrl,
    publishableKey: h.clerk.publishableKey,
  })

/** `authenticateRequest` of the official SDK for a request carrying `token` as a Bearer token. */
const authenticate = (
  client: ClerkClient,
  token: string,
  acceptsToken: NonNullable<Parameters<ClerkClient['authenticateRequest']>[1]>['acceptsToken'],
) =>
  client.authenticateRequest(
    new Request('http://127.0.0.1:3000/api', { headers: { authorization: `Bearer ${token}` } }),
    {
      acceptsToken,
    } as Parameters<ClerkClient['authenticateRequest']>[1],
  )

describe('API keys', () => {
  it('create (with the secret), get, list per subject, update, getSecret, verify (records last use), revoke, delete', async () => {
    const created = await clerk.apiKeys.create({
      name: 'CI',
      subject: ada,
      description: 'for the build',
      scopes: ['read:invoices'],
      claims: { team: 'core' },
      createdBy: ada,
      secondsUntilExpiration: 3600,
    })
    expect(created).toMatchObject({
      type: 'api_key',
      name: 'CI',
      subject: ada,
      scopes: ['read:invoices'],
      claims: { team: 'core' },
    })
    expect(created).toMatchObject({
      revoked: false,
      expired: false,
      createdBy: ada,
      description: 'for the build',
      lastUsedAt: null,
    })
    expect(created.id).toMatch(/^ak_/)
    expect(created.secret).toMatch(/^ak_\w{40}$/)
    expect(created.expiration).toBe(created.createdAt + 3_600_000)

    const fetched = await clerk.apiKeys.get(created.id)
    expect(fetched.secret).toBeUndefined()
    expect(fetched.name).toBe('CI')
    expect(await clerk.apiKeys.getSecret(created.id)).toEqual({ secret: created.secret })

    const orgKey = await clerk.apiKeys.create({ name: 'Org', subject: org })
    expect(orgKey).toMatchObject({ subject: org, scopes: [], claims: null, expiration: null })
    const list = await clerk.apiKeys.list({ subject: ada })
    expect(list.totalCount).toBe(1)
    expect(list.data.map((key) => key.id)).toEqual([created.id])

    const updated = await clerk.apiKeys.update({
      apiKeyId: created.id,
      subject: ada,
      description: 'renamed',
      scopes: ['read:invoices', 'write:invoices'],
      secondsUntilExpiration: null,
    })
    expect(updated).toMatchObject({
      description: 'renamed',
      scopes: ['read:invoices', 'write:invoices'],
      expiration: null,
      claims: { team: 'core' },
    })

    const verified = await clerk.apiKeys.verify(created.secret!)
    expect(verified).toMatchObject({ id: created.id, subject: ada, scopes: ['read:invoices', 'write:invoices'] })
    expect(verified.lastUsedAt).toBeGreaterThanOrEqual(created.createdAt)
    expect((await clerk.apiKeys.get(created.id)).lastUsedAt).toBe(verified.lastUsedAt)

    const revoked = await clerk.apiKeys.revoke({ apiKeyId: created.id, revocationReason: 'leaked' })
    expect(revoked).toMatchObject({ revoked: true, revocationReason: 'leaked' })
    expect((await apiError(clerk.apiKeys.verify(created.secret!))).status).toBe(404)
    expect((await clerk.apiKeys.list({ subject: ada })).totalCount).toBe(0)
    expect((await clerk.apiKeys.list({ subject: ada, includeInvalid: true })).totalCount).toBe(1)

    expect(await clerk.apiKeys.delete(orgKey.id)).toMatchObject({ id: orgKey.id, object: 'api_key', deleted: true })
    expect((await apiError(clerk.apiKeys.get(orgKey.id))).status).toBe(404)
  })

  it('refuses a subject that is neither a user nor an organization, or does not exist, and an unknown secret', async () => {
    const notASubject = await h.call('POST', '/api_keys', { body: { name: 'x', subject: 'mch_1' } })
    expectClerkError(notASubject, 422, 'form_param_value_invalid', { paramName: 'subject' })
    expectClerkError(
      await h.call('POST', '/api_keys', { body: { name: 'x', subject: 'user_missing' } }),
      404,
      'resource_not_found',
      { paramName: 'subject' },
    )
    expectClerkError(
      await h.call('POST', '/api_keys/verify', { body: { secret: 'ak_unknown' } }),
      404,
      'resource_not_found',
    )
    expectClerkError(await h.call('GET', '/api_keys'), 422, 'form_param_value_invalid', { paramName: 'subject' })
    expectClerkError(
      await h.call('GET', '/api_keys?subject=x', { anonymous: true }),
      401,
      'authorization_header_format_invalid',
    )
  })

  it('a key whose user was deleted no longer verifies', async () => {
    const bob = (await clerk.users.createUser({ emailAddress: ['bob@example.com'] })).id
    const key = await clerk.apiKeys.create({ name: 'Bob', subject: bob })
    expect((await clerk.apiKeys.verify(key.secret!)).subject).toBe(bob)
    await clerk.users.deleteUser(bob)
    expect((await apiError(clerk.apiKeys.verify(key.secret!))).status).toBe(404)
  })
})

describe('machines', () => {
  it('create (with its secret key and scopes), get, list (query, order), update, secret key, rotate, scopes, delete', async () => {
    const server = await clerk.machines.create({ name: 'Invoices API' })
    expect(server.id).toMatch(/^mch_/)
    expect(server.secretKey).toMatch(/^ak_\w{40}$/)
    expect(server).toMatchObject({
      name: 'Invoices API',
      instanceId: h.clerk.instanceId,
      defaultTokenTtl: 3600,
      scopedMachines: [],
    })
    const worker = await clerk.machines.create({
      name: 'Billing worker',
      scopedMachines: [server.id],
      defaultTokenTtl: 600,
    })
    expect(worker.scopedMachines.map((m) => [m.id, m.name, m.scopedMachines])).toEqual([
      [server.id, 'Invoices API', []],
    ])

    const fetched = await clerk.machines.get(worker.id)
    expect(fetched.secretKey).toBeUndefined()
    expect(fetched.scopedMachines.map((m) => m.id)).toEqual([server.id])
    const byName = await clerk.machines.list({ query: 'billing' })
    expect(byName.data.map((m) => m.id)).toEqual([worker.id])
    expect(byName.totalCount).toBe(1)
    expect((await clerk.machines.list({ orderBy: '+name' })).data.map((m) => m.name)).toEqual([
      'Billing worker',
      'Invoices API',
    ])

    expect(await clerk.machines.update({ machineId: worker.id, name: 'Worker', defaultTokenTtl: 60 })).toMatchObject({
      name: 'Worker',
      defaultTokenTtl: 60,
    })
    expect(await clerk.machines.getSecretKey(worker.id)).toMatchObject({ secret: worker.secretKey })

    const rotated = await clerk.machines.rotateSecretKey({ machineId: worker.id, previousTokenTtl: 60 })
    expect(rotated.secret).not.toBe(worker.secretKey)
    // Both keys mint tokens during the grace period.
    await asMachine(worker.secretKey!).m2m.createToken()
    await asMachine(rotated.secret).m2m.createToken()
    await clerk.machines.rotateSecretKey({ machineId: worker.id, previousTokenTtl: 0 })
    expect((await apiError(asMachine(rotated.secret).m2m.createToken())).status).toBe(401)

    const third = await clerk.machines.create({ name: 'Reports' })
    expect(await clerk.machines.createScope(third.id, server.id)).toMatchObject({
      fromMachineId: third.id,
      toMachineId: server.id,
    })
    expect((await clerk.machines.get(third.id)).scopedMachines.map((m) => m.id)).toEqual([server.id])
    expect(await clerk.machines.deleteScope(third.id, server.id)).toMatchObject({ deleted: true })
    expect((await clerk.machines.get(third.id)).scopedMachines).toEqual([])
    expect((await apiError(clerk.machines.deleteScope(third.id, server.id))).status).toBe(404)

    expect(await clerk.machines.delete(third.id)).toMatchObject({ id: third.id, deleted: true })
    expect((await apiError(clerk.machines.get(third.id))).status).toBe(404)
    expectClerkError(
      await h.call('POST', '/v1/machines', { body: { name: 'x', scoped_machines: ['mch_missing'] } }),
      404,
      'resource_not_found',
      { paramName: 'scoped_machines' },
    )
  })
})

describe('M2M tokens', () => {
  let server: { id: string; secretKey: string }
  let scoped: { id: string; secretKey: string }
  let unscoped: { id: string; secretKey: string }

  beforeAll(async () => {
    const made = async (name: string, scopedMachines: string[] = []) => {
      const machine = await clerk.machines.create({ name, scopedMachines })
      return { id: machine.id, secretKey: machine.secretKey! }
    }
    server = await made('Receiver')
    scoped = await made('Scoped sender', [server.id])
    unscoped = await made('Unscoped sender')
  })

  it('a machine mints opaque tokens; the receiving machine verifies them only from a machine scoped to it', async () => {
    const token = await asMachine(scoped.secretKey).m2m.createToken({
      secondsUntilExpiration: 600,
      claims: { job: 'sync' },
    })
    expect(token.token).toMatch(/^mt_\w{40}$/)
    expect(token).toMatchObject({
      subject: scoped.id,
      scopes: [server.id],
      claims: { job: 'sync' },
      revoked: false,
      expired: false,
    })
    expect(token.expiration).toBe(token.createdAt + 600_000)

    const verified = await asMachine(server.secretKey).m2m.verify({ token: token.token! })
    expect(verified).toMatchObject({ id: token.id, subject: scoped.id, scopes: [server.id], claims: { job: 'sync' } })
    expect(verified.token).toBeUndefined()
    // The instance's secret key verifies any token of the instance.
    expect((await clerk.m2m.verify({ token: token.token! })).id).toBe(token.id)

    const stranger = await asMachine(unscoped.secretKey).m2m.createToken()
    expect(stranger.scopes).toEqual([])
    expect((await apiError(asMachine(server.secretKey).m2m.verify({ token: stranger.token! }))).status).toBe(404)
  })

  it('default lifetime is the machine default_token_ttl; min_remaining_ttl_seconds reuses a live token with the same claims', async () => {
    const first = await asMachine(scoped.secretKey).m2m.createToken({ claims: { a: 1 }, minRemainingTtlSeconds: 60 })
    expect(first.expiration).toBe(first.createdAt + 3_600_000)
    const again = await asMachine(scoped.secretKey).m2m.createToken({ claims: { a: 1 }, minRemainingTtlSeconds: 60 })
    expect(again).toMatchObject({ id: first.id, token: first.token })
    const other = await asMachine(scoped.secretKey).m2m.createToken({ claims: { a: 2 }, minRemainingTtlSeconds: 60 })
    expect(other.id).not.toBe(first.id)
    const tooLong = await apiError(
      asMachine(scoped.secretKey).m2m.createToken({ secondsUntilExpiration: 60, minRemainingTtlSeconds: 60 }),
    )
    expect(tooLong).toMatchObject({ status: 400, errors: [{ code: 'form_param_value_invalid' }] })
  })

  it('list (own tokens for a machine, any for the instance), revoke (then it no longer verifies)', async () => {
    const token = await asMachine(unscoped.secretKey).m2m.createToken()
    const own = await asMachine(unscoped.secretKey).m2m.list({ subject: unscoped.id })
    expect(own.data.map((t) => t.id)).toContain(token.id)
    expect(own.data.every((t) => t.token === undefined)).toBe(true)
    expect((await apiError(asMachine(unscoped.secretKey).m2m.list({ subject: scoped.id }))).status).toBe(422)
    expect((await clerk.m2m.list({ subject: unscoped.id })).totalCount).toBe(own.totalCount)

    const revoked = await asMachine(unscoped.secretKey).m2m.revokeToken({
      m2mTokenId: token.id,
      revocationReason: 'rotated',
    })
    expect(revoked).toMatchObject({ revoked: true, revocationReason: 'rotated' })
    expect((await apiError(clerk.m2m.verify({ token: token.token! }))).status).toBe(404)
    expect((await clerk.m2m.list({ subject: unscoped.id, revoked: true })).data.map((t) => t.id)).toContain(token.id)
    expect((await clerk.m2m.list({ subject: unscoped.id })).data.map((t) => t.id)).not.toContain(token.id)
  })

  it('minting needs a machine secret key; a wrong key is a 401', async () => {
    expect((await apiError(clerk.m2m.createToken({ machineSecretKey: h.clerk.secretKey }))).status).toBe(403)
    expect((await apiError(clerk.m2m.createToken({ machineSecretKey: 'ak_wrong' }))).status).toBe(401)
  })

  it('JWT-format tokens carry the machine, its scopes and claims, signed with the instance key; @clerk/backend verifies them locally', async () => {
    const minted = await asMachine(scoped.secretKey).m2m.createToken({
      tokenFormat: 'jwt',
      secondsUntilExpiration: 300,
      claims: { job: 'sync' },
    })
    const jwt = minted.token!
    expect(decodePart(jwt, 0)).toEqual({ alg: 'RS256', kid: h.clerk.instanceId, typ: 'JWT', cat: 'cl_B7d4PD333AAA' })
    const payload = decodePart(jwt, 1)
    expect(payload).toMatchObject({ iss: h.clerk.url, sub: scoped.id, jti: minted.id, scopes: server.id, job: 'sync' })
    expect((payload.exp as number) - (payload.iat as number)).toBe(300)

    const verified = await clerk.m2m.verify({ token: jwt })
    expect(verified).toMatchObject({
      id: minted.id,
      subject: scoped.id,
      scopes: [server.id],
      claims: { scopes: server.id, job: 'sync' },
    })
    expect((await clerk.m2m.list({ subject: scoped.id })).data.map((t) => t.id)).toContain(minted.id)
  })
})

describe('OAuth access tokens (minted by remix-clerk-local/testing)', () => {
  it('idPOAuthAccessToken.verify: opaque and JWT tokens, with audience; revoked and unknown tokens are a 404', async () => {
    const opaque = await createOAuthAccessToken(h.clerk, {
      user: ada,
      scopes: ['profile', 'email'],
      audience: 'https://api.example',
    })
    expect(opaque.token).toMatch(/^oat_\w{40}$/)
    const verified = await clerk.idPOAuthAccessToken.verify(opaque.token, { audience: 'https://api.example' })
    expect(verified).toMatchObject({
      id: opaque.id,
      subject: ada,
      clientId: opaque.clientId,
      scopes: ['profile', 'email'],
      aud: ['https://api.example'],
      type: 'oauth:access_token',
    })

    const jwt = await createOAuthAccessToken(h.clerk, { user: 'grace@example.com', format: 'jwt', scopes: ['profile'] })
    expect(decodePart(jwt.token, 0)).toEqual({ alg: 'RS256', kid: h.clerk.instanceId, typ: 'at+jwt' })
    expect(decodePart(jwt.token, 1)).toMatchObject({
      sub: jwt.userId,
      client_id: jwt.clientId,
      scope: 'profile',
      jti: jwt.id,
    })
    expect((await clerk.idPOAuthAccessToken.verify(jwt.token)).subject).toBe(jwt.userId)

    h.clerk.revokeOAuthAccessToken(opaque.token)
    expect((await apiError(clerk.idPOAuthAccessToken.verify(opaque.token))).status).toBe(404)
    expect((await apiError(clerk.idPOAuthAccessToken.verify('oat_unknown'))).status).toBe(404)
  })
})

describe('@clerk/backend authenticateRequest with acceptsToken, against the local backend', () => {
  it('verifies each kind by its endpoint (or locally for JWTs) and refuses a kind it was not asked for', async () => {
    const receiver = await clerk.machines.create({ name: 'Gateway' })
    const sender = await clerk.machines.create({ name: 'Cron', scopedMachines: [receiver.id] })
    const m2m = (await asMachine(sender.secretKey!).m2m.createToken()).token!
    const m2mJwt = (await asMachine(sender.secretKey!).m2m.createToken({ tokenFormat: 'jwt' })).token!
    const apiKey = (await clerk.apiKeys.create({ name: 'k', subject: org, scopes: ['read'] })).secret!
    const oauth = (await createOAuthAccessToken(h.clerk, { user: ada, scopes: ['email'] })).token
    const oauthJwt = (await createOAuthAccessToken(h.clerk, { user: ada, format: 'jwt' })).token
    const gateway = asMachine(receiver.secretKey!)

    const key = await authenticate(clerk, apiKey, 'api_key')
    expect(key.toAuth()).toMatchObject({
      tokenType: 'api_key',
      isAuthenticated: true,
      orgId: org,
      userId: null,
      scopes: ['read'],
    })
    expect((await authenticate(gateway, m2m, 'm2m_token')).toAuth()).toMatchObject({
      tokenType: 'm2m_token',
      isAuthenticated: true,
      subject: sender.id,
    })
    expect((await authenticate(clerk, m2mJwt, 'm2m_token')).toAuth()).toMatchObject({
      tokenType: 'm2m_token',
      isAuthenticated: true,
      subject: sender.id,
    })
    expect((await authenticate(clerk, oauth, 'oauth_token')).toAuth()).toMatchObject({
      tokenType: 'oauth_token',
      isAuthenticated: true,
      userId: ada,
      scopes: ['email'],
    })
    expect((await authenticate(clerk, oauthJwt, ['oauth_token', 'session_token'])).toAuth()).toMatchObject({
      tokenType: 'oauth_token',
      userId: ada,
    })

    const mismatch = await authenticate(clerk, apiKey, 'm2m_token')
    expect(mismatch).toMatchObject({ status: 'signed-out', reason: 'token-type-mismatch' })
    const unknown = await authenticate(clerk, 'ak_unknown', 'api_key')
    expect(unknown).toMatchObject({ status: 'signed-out', reason: 'token-invalid' })
  })
})
