// Forged or rotating `kid`s must not turn into a flood of JWKS requests: 1 000 requests through getAuth
// against the real local backend (over HTTP, behind a counting proxy) cost a small, exact number of fetches.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { getAuth } from '../../src/ssr.server.js'
import { JWKS_UNKNOWN_KID_REFETCH_MS } from '../../src/jwt/keys.js'
import { createTestKey, sessionClaims, signToken, type TestKey } from '../helpers/sessionTokens.js'
import { FETCH, args, requestWith, startLocalInstance, type LocalInstance } from '../helpers/localInstance.js'
import { startCountingProxy, type CountingProxy } from './countingProxy.js'
import { resetProcessState } from '../../src/shared/processState.js'

const PAGE = 'http://127.0.0.1:3000/api/data'

let instance: LocalInstance
let proxy: CountingProxy
let forger: TestKey

beforeAll(async () => {
  ;[instance, forger] = await Promise.all([startLocalInstance(), createTestKey('forger')])
  proxy = await startCountingProxy(instance.local.fetch)
})
afterAll(async () => {
  await Promise.all([instance?.close(), proxy?.close()])
})
beforeEach(() => {
  resetProcessState()
  proxy.reset()
  // The clock only moves when a test moves it, so the refetch window is exact whatever the machine's speed.
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(Date.now())
})
afterEach(() => vi.useRealTimers())

const options = () => ({
  secretKey: instance.local.secretKey,
  publishableKey: instance.local.publishableKey,
  apiUrl: proxy.url,
})
const withKid = (kid: string) => signToken({ ...forger, kid }, sessionClaims())
const authFor = (token: string) =>
  getAuth(args(requestWith(PAGE, { headers: { ...FETCH, authorization: `Bearer ${token}` } })), options())
const jwksFetches = () => proxy.count('GET', '/v1/jwks')

describe('1 000 requests with kids the instance does not have', () => {
  it('after one valid request, random kids cost one more JWKS fetch in the refetch window', async () => {
    const valid = await instance.mint(instance.sessionId)
    expect((await authFor(valid)).userId).toBe(instance.userId)
    expect(jwksFetches()).toBe(1)

    const forged = await Promise.all(
      Array.from({ length: 50 }, (_, i) => withKid(`ins_forged_${i}_${Math.random().toString(36).slice(2)}`)),
    )
    const reasons = new Map<string, number>()
    for (let i = 0; i < 1_000; i++) {
      const auth = await authFor(forged[i % forged.length]!)
      const reason = String(auth.debug().reason)
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1)
    }
    expect(Object.fromEntries(reasons)).toEqual({ 'jwk-kid-mismatch': 1_000 })
    expect(jwksFetches()).toBe(2)
    // The real key still works without another fetch.
    expect((await authFor(valid)).userId).toBe(instance.userId)
    expect(jwksFetches()).toBe(2)
  })

  it('rotating kids over ten (simulated) seconds: one fetch per refetch window', async () => {
    expect((await authFor(await instance.mint(instance.sessionId))).isAuthenticated).toBe(true)
    const rotating = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((kid) => withKid(`ins_rotated_${kid}`)))
    const start = Date.now()
    for (let i = 0; i < 1_000; i++) {
      vi.setSystemTime(start + Math.floor(i / 100) * 1_000) // 1 s per 100 requests
      expect((await authFor(rotating[i % rotating.length]!)).isAuthenticated).toBe(false)
    }
    // The warm-up, then one at 0 s and one at 5 s: JWKS_UNKNOWN_KID_REFETCH_MS apart.
    expect(JWKS_UNKNOWN_KID_REFETCH_MS).toBe(5_000)
    expect(jwksFetches()).toBe(3)
  })

  it('arriving all at once on a cold cache: one fetch, shared', async () => {
    const forged = await withKid('ins_cold')
    const auths = await Promise.all(Array.from({ length: 1_000 }, () => authFor(forged)))
    expect(auths.every((auth) => auth.debug().reason === 'jwk-kid-mismatch')).toBe(true)
    expect(jwksFetches()).toBe(1)
  })
})
