// getAuth with `acceptsToken` against the real local backend (through a counting proxy): every kind of machine token
// (API keys of a user and of an organization, M2M tokens opaque and JWT, OAuth access tokens opaque and JWT), kinds
// that are not accepted, the verified-token cache (reuse, single flight, expiry, failures, the bound on failing
// calls), CLERK_MACHINE_SECRET_KEY, and pending sessions.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createOAuthAccessToken } from 'remix-clerk-local/testing'
import { createClerkClient } from '../../src/api.server.js'
import { getAuth, rootAuthLoader } from '../../src/ssr.server.js'
import type { GetAuthOptions } from '../../src/remix/types.js'
import {
  FAILED_TOKEN_TTL_MS,
  MACHINE_TOKEN_TTL_MS,
  MAX_FAILED_VERIFICATIONS,
  machineBackendCallCount,
} from '../../src/auth/machine/machineTokenCache.js'
import { resetProcessState } from '../../src/shared/processState.js'
import {
  FETCH,
  args,
  requestWith,
  sessionCookies,
  startLocalInstance,
  type LocalInstance,
} from '../helpers/localInstance.js'
import { startCountingProxy, type CountingProxy } from './countingProxy.js'

const API = 'http://127.0.0.1:3000/api/invoices'

let local: LocalInstance
let proxy: CountingProxy
let apiKey: string
let orgKey: string
let receiver: { id: string; secretKey: string }
let sender: { id: string; secretKey: string }
let stranger: { id: string; secretKey: string }

beforeAll(async () => {
  local = await startLocalInstance({ listen: true })
  proxy = await startCountingProxy(local.local.fetch)
  const admin = createClerkClient({ secretKey: local.local.secretKey, apiUrl: local.url })
  apiKey = (
    await admin.apiKeys.create({
      name: 'CI',
      subject: local.userId,
      scopes: ['read:invoices'],
      claims: { team: 'core' },
    })
  ).secret!
  orgKey = (await admin.apiKeys.create({ name: 'Org', subject: local.orgId })).secret!
  const machine = async (name: string, scopedMachines: string[] = []) => {
    const made = await admin.machines.create({ name, scopedMachines })
    return { id: made.id, secretKey: made.secretKey! }
  }
  receiver = await machine('Invoices API')
  sender = await machine('Billing worker', [receiver.id])
  stranger = await machine('Stranger')
})
afterAll(async () => {
  await Promise.all([proxy?.close(), local?.close()])
})
beforeEach(() => {
  resetProcessState()
  proxy.reset()
})
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllEnvs()
})

/** Verified through the Backend API behind the counting proxy; JWTs against the JWKS there. */
const options = (extra: GetAuthOptions = {}): GetAuthOptions => ({ ...local.jwksOptions, apiUrl: proxy.url, ...extra })
const bearer = (token: string) => args(requestWith(API, { headers: { ...FETCH, authorization: `Bearer ${token}` } }))
const verifyCalls = () => proxy.calls.filter((call) => call.endsWith('/verify'))
const mintM2M = async (machine: { secretKey: string }, tokenFormat: 'opaque' | 'jwt' = 'opaque') =>
  (
    await createClerkClient({
      secretKey: local.local.secretKey,
      apiUrl: local.url,
      machineSecretKey: machine.secretKey,
    }).m2m.createToken({ tokenFormat })
  ).token!

describe('each kind of machine token', () => {
  it("an API key of a user: the key's id, subject, scopes, claims and name, userId; has() is false", async () => {
    const auth = await getAuth(bearer(apiKey), { ...options(), acceptsToken: 'api_key' })
    expect(auth).toMatchObject({
      tokenType: 'api_key',
      isAuthenticated: true,
      subject: local.userId,
      userId: local.userId,
      orgId: null,
      name: 'CI',
      scopes: ['read:invoices'],
      claims: { team: 'core' },
    })
    expect(auth.id).toMatch(/^ak_/)
    expect(await auth.getToken()).toBe(apiKey)
    expect(auth.has({ role: 'org:admin' })).toBe(false)
    expect(verifyCalls()).toEqual(['POST /api_keys/verify'])
    // The secret is cut in debug(), like every credential.
    expect(JSON.stringify(auth.debug())).not.toContain(apiKey)
  })

  it('an API key of an organization: orgId', async () => {
    const auth = await getAuth(bearer(orgKey), { ...options(), acceptsToken: 'api_key' })
    expect(auth).toMatchObject({
      tokenType: 'api_key',
      isAuthenticated: true,
      subject: local.orgId,
      userId: null,
      orgId: local.orgId,
    })
  })

  it('an opaque M2M token: verified as meant for CLERK_MACHINE_SECRET_KEY, so only from a machine scoped to it', async () => {
    vi.stubEnv('CLERK_MACHINE_SECRET_KEY', receiver.secretKey)
    const scoped = await getAuth(bearer(await mintM2M(sender)), { ...options(), acceptsToken: 'm2m_token' })
    expect(scoped).toMatchObject({
      tokenType: 'm2m_token',
      isAuthenticated: true,
      subject: sender.id,
      machineId: sender.id,
      scopes: [receiver.id],
    })
    const unscoped = await getAuth(bearer(await mintM2M(stranger)), { ...options(), acceptsToken: 'm2m_token' })
    expect(unscoped).toMatchObject({
      tokenType: 'm2m_token',
      isAuthenticated: false,
      id: null,
      subject: null,
      machineId: null,
    })
    expect(unscoped.debug()).toMatchObject({
      reason: 'token-invalid',
      message: 'Machine token not found (code=token-invalid, status=404)',
    })
    // The option wins over the variable, and is part of what the instance is: the stranger's own key verifies it.
    const own = await getAuth(bearer(await mintM2M(stranger)), {
      ...options({ machineSecretKey: receiver.secretKey }),
      acceptsToken: 'm2m_token',
    })
    expect(own.isAuthenticated).toBe(false)
  })

  it('an M2M JWT is verified against the instance keys, without a verify call', async () => {
    const auth = await getAuth(bearer(await mintM2M(sender, 'jwt')), { ...options(), acceptsToken: 'm2m_token' })
    expect(auth).toMatchObject({
      tokenType: 'm2m_token',
      isAuthenticated: true,
      subject: sender.id,
      scopes: [receiver.id],
    })
    expect(verifyCalls()).toEqual([])
    // The signature's first character: all six of its bits count (the last one's low bits are padding).
    const [header, payload, signature] = (await mintM2M(sender, 'jwt')).split('.')
    const tampered = `${header}.${payload}.${signature!.startsWith('A') ? 'B' : 'A'}${signature!.slice(1)}`
    const refused = await getAuth(bearer(tampered), { ...options(), acceptsToken: 'm2m_token' })
    expect(refused.isAuthenticated).toBe(false)
    expect(refused.debug()).toMatchObject({ reason: 'token-verification-failed' })
  })

  it('OAuth access tokens, opaque and JWT, with the audience option', async () => {
    const opaque = await createOAuthAccessToken(local.local, {
      user: local.userId,
      scopes: ['email'],
      audience: 'https://api.example',
    })
    const auth = await getAuth(bearer(opaque.token), { ...options(), acceptsToken: 'oauth_token' })
    expect(auth).toMatchObject({
      tokenType: 'oauth_token',
      isAuthenticated: true,
      userId: local.userId,
      clientId: opaque.clientId,
      scopes: ['email'],
    })
    const jwt = await createOAuthAccessToken(local.local, {
      user: local.userId,
      format: 'jwt',
      audience: 'https://api.example',
    })
    expect(await getAuth(bearer(jwt.token), { ...options(), acceptsToken: 'oauth_token' })).toMatchObject({
      isAuthenticated: true,
      userId: local.userId,
    })
    for (const token of [opaque.token, jwt.token]) {
      const elsewhere = await getAuth(bearer(token), {
        ...options({ audience: 'https://other.example' }),
        acceptsToken: 'oauth_token',
      })
      expect(elsewhere.isAuthenticated).toBe(false)
      expect(elsewhere.debug()).toMatchObject({ reason: 'token-verification-failed' })
    }
  })
})

describe('kinds that are not accepted', () => {
  it('are refused with token-type-mismatch, never taken for a session', async () => {
    const onM2M = await getAuth(bearer(apiKey), { ...options(), acceptsToken: 'm2m_token' })
    expect(onM2M).toMatchObject({ tokenType: 'm2m_token', isAuthenticated: false })
    expect(onM2M.debug()).toMatchObject({ reason: 'token-type-mismatch' })

    const session = await local.mint(local.sessionId)
    const sessionOnApiKey = await getAuth(bearer(session), { ...options(), acceptsToken: 'api_key' })
    expect(sessionOnApiKey).toMatchObject({ tokenType: 'api_key', isAuthenticated: false, userId: null })

    // The default takes sessions only: an API key is refused by its kind, with a message that says how to take it.
    const keyOnSession = await getAuth(bearer(apiKey), options())
    expect(keyOnSession).toMatchObject({ tokenType: 'session_token', isAuthenticated: false, userId: null })
    expect(keyOnSession.debug()).toMatchObject({
      reason: 'token-type-mismatch',
      message:
        "An API key (ak_…) is not a session token: to take it, pass acceptsToken: 'api_key' (or a list with it).",
    })
    expect(verifyCalls()).toEqual([])
  })

  it('a list: a kind it does not name gives the refused-kind object (tokenType null); one it names, its own', async () => {
    const refused = await getAuth(bearer(apiKey), { ...options(), acceptsToken: ['m2m_token', 'oauth_token'] })
    expect(refused).toMatchObject({ tokenType: null, isAuthenticated: false })
    expect(await refused.getToken()).toBeNull()
    const key = await getAuth(bearer(apiKey), { ...options(), acceptsToken: ['api_key', 'session_token'] })
    expect(key).toMatchObject({ tokenType: 'api_key', isAuthenticated: true })
    const cookie = args(
      requestWith(API, { headers: FETCH, cookies: sessionCookies(await local.mint(local.sessionId)) }),
    )
    expect(await getAuth(cookie, { ...options(), acceptsToken: ['api_key', 'session_token'] })).toMatchObject({
      tokenType: 'session_token',
      userId: local.userId,
    })
    // Without a header token, a list without sessions refuses the cookies.
    const noSessions = await getAuth(cookie, { ...options(), acceptsToken: ['api_key'] })
    expect(noSessions).toMatchObject({ tokenType: null, isAuthenticated: false })
  })

  it("one machine kind and no header token: that kind's signed-out object, 'No token in header'", async () => {
    const auth = await getAuth(args(requestWith(API, { headers: FETCH })), {
      ...options(),
      acceptsToken: 'oauth_token',
    })
    expect(auth).toMatchObject({ tokenType: 'oauth_token', isAuthenticated: false, userId: null, clientId: null })
    expect(auth.debug()).toMatchObject({ reason: 'No token in header' })
  })

  it("'any': a session from cookies or a header, a machine token of any kind", async () => {
    const cookie = args(
      requestWith(API, { headers: FETCH, cookies: sessionCookies(await local.mint(local.sessionId)) }),
    )
    expect(await getAuth(cookie, { ...options(), acceptsToken: 'any' })).toMatchObject({
      tokenType: 'session_token',
      userId: local.userId,
    })
    expect(await getAuth(bearer(orgKey), { ...options(), acceptsToken: 'any' })).toMatchObject({
      tokenType: 'api_key',
      orgId: local.orgId,
    })
  })

  it('a wrong acceptsToken value is an error that lists the right ones', async () => {
    const wrong = getAuth(bearer(apiKey), { ...options(), acceptsToken: 'apikey' as 'api_key' })
    await expect(wrong).rejects.toMatchObject({ code: 'REMIX_CLERK_INVALID_OPTION' })
    await expect(wrong).rejects.toThrow(
      /^remix-clerk: acceptsToken must be 'any', one of 'session_token', 'api_key', 'm2m_token', 'oauth_token', or a list of them; got "apikey"\.$/,
    )
  })
})

describe('the verified-token cache', () => {
  it('a token seen before costs no call; concurrent first requests share one', async () => {
    const token = await mintM2M(sender)
    const many = await Promise.all(
      Array.from({ length: 10 }, () => getAuth(bearer(token), { ...options(), acceptsToken: 'm2m_token' })),
    )
    expect(many.every((auth) => auth.isAuthenticated)).toBe(true)
    await getAuth(bearer(token), { ...options(), acceptsToken: 'm2m_token' })
    expect(verifyCalls()).toEqual(['POST /m2m_tokens/verify'])
  })

  it('a verified opaque token counts for MACHINE_TOKEN_TTL_MS: a revoked key stops working after it', async () => {
    const admin = createClerkClient({ secretKey: local.local.secretKey, apiUrl: local.url })
    const key = await admin.apiKeys.create({ name: 'short-lived', subject: local.userId })
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() })
    const ask = async () =>
      (await getAuth(bearer(key.secret!), { ...options(), acceptsToken: 'api_key' })).isAuthenticated
    expect(await ask()).toBe(true)
    await admin.apiKeys.revoke({ apiKeyId: key.id })
    vi.setSystemTime(Date.now() + MACHINE_TOKEN_TTL_MS - 1)
    expect(await ask()).toBe(true)
    vi.setSystemTime(Date.now() + 1)
    expect(await ask()).toBe(false)
    expect(verifyCalls()).toHaveLength(2)
  })

  it('a failure is the answer for FAILED_TOKEN_TTL_MS; malformed tokens are refused without a call', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() })
    const junk = 'ak_not_a_real_key'
    for (let i = 0; i < 3; i++)
      expect((await getAuth(bearer(junk), { ...options(), acceptsToken: 'api_key' })).isAuthenticated).toBe(false)
    expect(verifyCalls()).toHaveLength(1)
    vi.setSystemTime(Date.now() + FAILED_TOKEN_TTL_MS)
    await getAuth(bearer(junk), { ...options(), acceptsToken: 'api_key' })
    expect(verifyCalls()).toHaveLength(2)
    const long = await getAuth(bearer(`ak_${'x'.repeat(300)}`), { ...options(), acceptsToken: 'api_key' })
    expect(long.debug()).toMatchObject({ reason: 'token-invalid' })
    expect(verifyCalls()).toHaveLength(2)
  })

  it(`a flood of made-up tokens makes at most ${MAX_FAILED_VERIFICATIONS} calls; a known token still verifies`, async () => {
    await getAuth(bearer(apiKey), { ...options(), acceptsToken: 'api_key' })
    const before = machineBackendCallCount()
    const flood = Array.from({ length: MAX_FAILED_VERIFICATIONS + 50 }, (_, i) => `ak_junk${i}`)
    const answers = await Promise.all(
      flood.map((token) => getAuth(bearer(token), { ...options(), acceptsToken: 'api_key' })),
    )
    expect(machineBackendCallCount() - before).toBe(MAX_FAILED_VERIFICATIONS)
    expect(answers.every((auth) => !auth.isAuthenticated)).toBe(true)
    expect(answers.map((auth) => auth.debug().reason)).toContain('too-many-failed-verifications')
    expect((await getAuth(bearer(apiKey), { ...options(), acceptsToken: 'api_key' })).isAuthenticated).toBe(true)
  })
})

describe('pending sessions (a task left to do)', () => {
  it('count as signed out by default (sessionStatus pending, has() false); treatPendingAsSignedOut: false lets them in', async () => {
    const pending = local.local.createSession({ userId: local.userId, organizationId: 'acme', pending: true })
    const token = await local.local.getToken(pending.id)
    const request = () => args(requestWith(API, { headers: FETCH, cookies: sessionCookies(token) }))
    const signedOut = await getAuth(request(), options())
    expect(signedOut).toMatchObject({ isAuthenticated: false, userId: null, sessionStatus: 'pending' })
    expect(signedOut.has({ role: 'org:admin' })).toBe(false)
    const signedIn = await getAuth(request(), { ...options(), treatPendingAsSignedOut: false })
    expect(signedIn).toMatchObject({
      isAuthenticated: true,
      userId: local.userId,
      sessionStatus: 'pending',
      orgRole: 'org:admin',
    })
    expect(signedIn.has({ role: 'org:admin' })).toBe(true)
  })

  it("rootAuthLoader: clerkState and the callback's request.auth follow treatPendingAsSignedOut", async () => {
    const pending = local.local.createSession({ userId: local.userId, pending: true })
    const token = await local.local.getToken(pending.id)
    const request = () => args(requestWith(API, { headers: FETCH, cookies: sessionCookies(token) }))
    const stateOf = async (response: Response) =>
      (
        (await response.json()) as {
          clerkState: { __internal_clerk_state: { __clerk_ssr_state: Record<string, unknown> } }
        }
      ).clerkState.__internal_clerk_state.__clerk_ssr_state
    expect(await stateOf(await rootAuthLoader(request(), options()))).toMatchObject({
      userId: null,
      sessionStatus: 'pending',
    })
    const inside = await rootAuthLoader(request(), ({ request }) => ({ seen: request.auth.userId }), {
      ...options(),
      treatPendingAsSignedOut: false,
    })
    const body = (await inside.json()) as {
      seen: string | null
      clerkState: { __internal_clerk_state: { __clerk_ssr_state: Record<string, unknown> } }
    }
    expect(body.seen).toBe(local.userId)
    expect(body.clerkState.__internal_clerk_state.__clerk_ssr_state).toMatchObject({
      userId: local.userId,
      sessionStatus: 'pending',
    })
  })
})
