// A signing key rotation in the middle of traffic, against a loopback Backend API whose JWKS and token
// minting follow the rotation: the instance publishes the new key next to the old one, mints with the
// new one, then withdraws the old one. Hundreds of concurrent requests across each step stay signed in
// at an exact, small number of JWKS fetches; a retired key stops verifying once the cached key set
// expires; a JWKS outage during the rotation costs only the new key's tokens, and heals by itself.
import { SignJWT } from 'jose'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { documentedCount } from '../../helpers/documentedCount.js'
import { getAuth } from '../../../src/ssr.server.js'
import { JWKS_TTL_MS, JWKS_UNKNOWN_KID_REFETCH_MS } from '../../../src/jwt/keys.js'
import { args } from '../../helpers/localInstance.js'
import { startRecordingServer, type RecordingServer } from '../../helpers/recordingServer.js'
import { PUBLISHABLE_KEY, outcomeOf, requestCarrying, type Outcome } from '../hostile/fixtures.js'
import { failOnUnhandledRejections } from '../hostile/unhandled.js'
import { createTestKey, sessionClaims, signToken, type TestKey } from '../../helpers/sessionTokens.js'
import { resetProcessState } from '../../../src/shared/processState.js'

let server: RecordingServer
let oldKey: TestKey
let newKey: TestKey
/** What the instance publishes and signs with right now. */
let published: TestKey[]
let signer: TestKey
let jwksDown = false
failOnUnhandledRejections()

beforeAll(async () => {
  ;[oldKey, newKey, server] = await Promise.all([
    createTestKey('ins_old'),
    createTestKey('ins_new'),
    startRecordingServer(),
  ])
  server.on('GET', '/v1/jwks', () =>
    jwksDown
      ? { status: 503, json: { errors: [{ code: 'service_unavailable', message: 'down' }] } }
      : { json: { keys: published.map((key) => key.publicJwk) } },
  )
  // Mints a session token for the session in the path with the current signing key, as the instance would.
  server.on('POST', /^\/v1\/sessions\/[^/]+\/tokens$/, async (request) => {
    const sid = request.path.split('/')[3]!
    const lifetime = (request.json as { expires_in_seconds?: number } | undefined)?.expires_in_seconds ?? 60
    const now = Math.floor(Date.now() / 1000)
    const jwt = await new SignJWT(sessionClaims({ sid, iat: now, nbf: now - 10, exp: now + lifetime }))
      .setProtectedHeader({ alg: 'RS256', kid: signer.kid, typ: 'JWT', cat: 'cl_B7d4PD111AAA' })
      .sign(signer.privateKey)
    return { json: { object: 'token', jwt } }
  })
})
afterAll(() => server?.close())
beforeEach(() => {
  resetProcessState()
  server.clearRequests()
  published = [oldKey]
  signer = oldKey
  jwksDown = false
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(Date.UTC(2030, 5, 1))
})
afterEach(() => {
  vi.useRealTimers()
})

const options = {
  secretKey: 'sk_live_rotation',
  publishableKey: PUBLISHABLE_KEY,
  get apiUrl() {
    return server.url
  },
}
const SIGNED_IN: Outcome = { status: 'signed-in', userId: 'user_2xyz' }
const jwksFetches = () => server.count('GET', '/v1/jwks')
let serial = 0
/** A distinct token per request, as distinct users would send. */
const tokenFrom = (key: TestKey) => signToken(key, sessionClaims({ sid: `sess_${(serial += 1)}` }))
const traffic = async (keys: TestKey[]) => {
  const tokens = await Promise.all(keys.map(tokenFrom))
  return Promise.all(tokens.map((token) => outcomeOf(requestCarrying(token, 'header', 'fetch'), options)))
}
const alternating = (count: number) => Array.from({ length: count }, (_, i) => (i % 2 === 0 ? oldKey : newKey))

describe('a key rotation under concurrent traffic', () => {
  it('publish both, sign with the new, withdraw the old: one fetch per step, nobody signed out who should not be', async () => {
    expect(await traffic(Array(50).fill(oldKey))).toEqual(Array(50).fill(SIGNED_IN))
    expect(jwksFetches()).toBe(1)

    // The new key appears next to the old one; tokens of both kinds arrive at once.
    published = [oldKey, newKey]
    const concurrent = documentedCount('key-rotation-requests')
    expect(await traffic(alternating(concurrent))).toEqual(Array(concurrent).fill(SIGNED_IN))
    expect(jwksFetches()).toBe(2)

    // The old key is withdrawn: while the cached set is fresh (as upstream, 5 minutes) it still verifies.
    published = [newKey]
    expect(await traffic(alternating(100))).toEqual(Array(100).fill(SIGNED_IN))
    expect(jwksFetches()).toBe(2)

    // Past the TTL the set is fetched again, once, and the old key's new tokens are refused.
    vi.setSystemTime(Date.now() + JWKS_TTL_MS)
    expect(await traffic([newKey])).toEqual([SIGNED_IN])
    expect(jwksFetches()).toBe(3)
    const late = await traffic(Array(50).fill(oldKey))
    expect(new Set(late.map((outcome) => outcome.status === 'signed-out' && outcome.reason))).toEqual(
      new Set(['jwk-kid-mismatch']),
    )
    // One refetch for the unknown kid (it could have been a rotation), then none inside the window.
    expect(jwksFetches()).toBe(4)
    expect(await traffic(alternating(100))).toEqual(
      Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? late[0] : SIGNED_IN)),
    )
    expect(jwksFetches()).toBe(4)
  })

  it('a JWKS outage during the rotation refuses only the new key, then heals after the refetch window', async () => {
    expect(await traffic([oldKey])).toEqual([SIGNED_IN])
    published = [oldKey, newKey]
    jwksDown = true
    const during = await traffic(alternating(40))
    expect(during.filter((outcome) => outcome.status === 'signed-in')).toHaveLength(20)
    const refused = during.filter((outcome) => outcome.status === 'signed-out')
    expect(refused).toEqual(
      Array(20).fill({
        status: 'signed-out',
        reason: 'jwk-remote-failed-to-load',
        message: `Error loading Clerk JWKS from ${server.url}/v1/jwks with code=503 Contact support@clerk.com (reason=jwk-remote-failed-to-load, token-carrier=header)`,
      }),
    )
    // 1 + 3 attempts of the one shared refetch (503 is retried).
    expect(jwksFetches()).toBe(4)

    jwksDown = false
    // Inside the window nothing is refetched, so the new key still fails; after it, one fetch heals it.
    expect((await traffic([newKey]))[0]).toEqual(refused[0])
    expect(jwksFetches()).toBe(4)
    vi.setSystemTime(Date.now() + JWKS_UNKNOWN_KID_REFETCH_MS)
    expect(await traffic(alternating(40))).toEqual(Array(40).fill(SIGNED_IN))
    expect(jwksFetches()).toBe(5)
  })

  it('getToken across the rotation: tokens minted with the new key verify after one JWKS fetch', async () => {
    const mintAndUse = async (auths: Awaited<ReturnType<typeof getAuth>>[]) => {
      const minted = await Promise.all(auths.map((auth) => auth.getToken({ expiresInSeconds: 120 })))
      return Promise.all(minted.map((jwt) => outcomeOf(requestCarrying(jwt!, 'header', 'fetch'), options)))
    }
    const loaders = async (count: number) => {
      const tokens = await Promise.all(Array.from({ length: count }, () => tokenFrom(signer)))
      return Promise.all(tokens.map((token) => getAuth(args(requestCarrying(token, 'header', 'fetch')), options)))
    }

    expect(await mintAndUse(await loaders(10))).toEqual(Array(10).fill(SIGNED_IN))
    expect(jwksFetches()).toBe(1)

    published = [oldKey, newKey]
    const before = await loaders(20) // signed in with old-key tokens
    signer = newKey
    expect(await mintAndUse(before)).toEqual(Array(20).fill(SIGNED_IN))
    expect(jwksFetches()).toBe(2)
    expect(server.count('POST', /\/tokens$/)).toBe(30)
    expect(server.requestsTo('POST', /\/tokens$/).map((request) => request.json)).toEqual(
      Array(30).fill({ expires_in_seconds: 120 }),
    )
  })
})
