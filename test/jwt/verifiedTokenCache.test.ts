// The verified-token cache: a signature is checked once per (instance, token); everything that depends
// on the clock or on options is checked on every use; failures are never remembered; instances never
// share entries; the cache stays bounded.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  VERIFIED_TOKEN_MAX_AGE_MS,
  setMaxVerifiedTokens,
  verifiedTokenCount,
} from '../../src/jwt/verifiedTokenCache.js'
import { SESSION_TOKEN, type VerificationOptions } from '../../src/jwt/verify.js'
import { instanceIdentity, signatureCheckCount, verifyJwt } from '../../src/jwt/verifyJwt.js'
import {
  ORIGIN,
  base64urlJson,
  createTestKey,
  nowSeconds,
  sessionClaims,
  signToken,
  withSegment,
  type TestKey,
} from '../helpers/sessionTokens.js'
import { resetProcessState } from '../../src/shared/processState.js'

let keyA: TestKey
let keyB: TestKey

beforeAll(async () => {
  ;[keyA, keyB] = await Promise.all([createTestKey('ins_a'), createTestKey('ins_b')])
})
beforeEach(() => resetProcessState())
afterEach(() => {
  vi.useRealTimers()
})

const optionsFor = (key: TestKey, extra: Partial<VerificationOptions> = {}): VerificationOptions => ({
  jwtKey: key.pem,
  ...extra,
})
const verify = (token: string, key: TestKey, extra: Partial<VerificationOptions> = {}) => {
  const options = optionsFor(key, extra)
  return Promise.resolve(verifyJwt(token, SESSION_TOKEN, options, instanceIdentity(options)))
}

/** Signature checks that ran while `work` did. */
async function checksDuring(work: () => Promise<unknown>): Promise<number> {
  const before = signatureCheckCount()
  await work()
  return signatureCheckCount() - before
}

describe('a token seen before', () => {
  it('skips the signature check and gives the same claims', async () => {
    const claims = sessionClaims()
    const token = await signToken(keyA, claims)
    const first = await verify(token, keyA)
    let second: unknown
    expect(await checksDuring(async () => (second = await verify(token, keyA)))).toBe(0)
    expect(first).toEqual({
      ok: true,
      payload: claims,
      header: { alg: 'RS256', kid: 'ins_a', typ: 'JWT', cat: 'cl_B7d4PD111AAA' },
    })
    expect(second).toEqual(first)
    expect(verifiedTokenCount()).toBe(1)
  })

  it('checked by 20 callers at once is verified once', async () => {
    const token = await signToken(keyA)
    let results: Array<{ ok: boolean }> = []
    expect(
      await checksDuring(
        async () => (results = await Promise.all(Array.from({ length: 20 }, () => verify(token, keyA)))),
      ),
    ).toBe(1)
    expect(results.map((result) => result.ok)).toEqual(Array(20).fill(true))
  })

  it('that has expired since it was cached is refused, without a new signature check', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const now = Date.now()
    vi.setSystemTime(now)
    const iat = Math.floor(now / 1000)
    const token = await signToken(keyA, sessionClaims({ iat, nbf: iat - 10, exp: iat + 60 }))
    expect(await verify(token, keyA)).toMatchObject({ ok: true })

    vi.setSystemTime(now + 66_000) // past exp plus the 5 s of default skew
    let result: unknown
    expect(await checksDuring(async () => (result = await verify(token, keyA)))).toBe(0)
    expect(result).toEqual({
      ok: false,
      reason: 'token-expired',
      message: `JWT is expired. Expiry date: ${new Date((iat + 60) * 1000).toUTCString()}, Current date: ${new Date(now + 66_000).toUTCString()}.`,
    })
  })

  it('is checked against the options of each use: authorizedParties, audience, clock skew', async () => {
    const iat = nowSeconds()
    const token = await signToken(keyA, sessionClaims({ iat: iat + 3, nbf: iat + 3, aud: 'web' }))
    expect(await verify(token, keyA)).toMatchObject({ ok: true })
    const outcomes = await Promise.all([
      verify(token, keyA, { authorizedParties: ['https://elsewhere.example'] }),
      verify(token, keyA, { audience: 'api' }),
      verify(token, keyA, { clockSkewInMs: 0 }),
      verify(token, keyA, { authorizedParties: [ORIGIN], audience: ['api', 'web'] }),
    ])
    expect(outcomes.map((outcome) => (outcome.ok ? 'ok' : outcome.reason))).toEqual([
      'token-invalid-authorized-parties',
      'token-verification-failed',
      'token-not-active-yet',
      'ok',
    ])
  })

  it('does not validate it for another instance (another key)', async () => {
    const token = await signToken(keyA)
    expect(await verify(token, keyA)).toMatchObject({ ok: true })
    let result: unknown
    expect(await checksDuring(async () => (result = await verify(token, keyB)))).toBe(1)
    expect(result).toEqual({ ok: false, reason: 'token-invalid-signature', message: 'JWT signature is invalid.' })
    // Nor did the refusal evict or spoil instance A's entry.
    expect(await checksDuring(async () => expect(await verify(token, keyA)).toMatchObject({ ok: true }))).toBe(0)
  })

  it('does not validate it for another JWKS instance (same URL, other secret key)', () => {
    const a = instanceIdentity({ secretKey: 'sk_live_a', apiUrl: 'https://api.clerk.com' })
    const b = instanceIdentity({ secretKey: 'sk_live_b', apiUrl: 'https://api.clerk.com' })
    const c = instanceIdentity({ secretKey: 'sk_live_a', apiUrl: 'https://api.clerk.com', apiVersion: 'v2' })
    const pem = instanceIdentity({ secretKey: 'sk_live_a', jwtKey: keyA.pem })
    expect(new Set([a, b, c, pem]).size).toBe(4)
    expect(instanceIdentity({ secretKey: 'sk_live_a' })).toBe(a)
  })

  it('counts for VERIFIED_TOKEN_MAX_AGE_MS at most, then its signature is checked again', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const now = Date.now()
    vi.setSystemTime(now)
    const token = await signToken(keyA, sessionClaims({ exp: Math.floor(now / 1000) + 3_600 }))
    expect(await verify(token, keyA)).toMatchObject({ ok: true })
    // Ages are kept in tenths of a second, rounded so that an entry is never thought younger than it is: it may
    // stop counting a fraction of a second early, never late.
    vi.setSystemTime(now + VERIFIED_TOKEN_MAX_AGE_MS - 1_000)
    expect(await checksDuring(() => verify(token, keyA))).toBe(0)
    vi.setSystemTime(now + VERIFIED_TOKEN_MAX_AGE_MS + 1)
    expect(await checksDuring(() => verify(token, keyA))).toBe(1)
  })
})

describe('failures', () => {
  it('are never remembered: a bad signature is checked (and refused) every time', async () => {
    const forged = await signToken({ ...keyB, kid: keyA.kid })
    for (let attempt = 0; attempt < 3; attempt++) {
      let result: unknown
      expect(await checksDuring(async () => (result = await verify(forged, keyA)))).toBe(1)
      expect(result).toEqual({ ok: false, reason: 'token-invalid-signature', message: 'JWT signature is invalid.' })
    }
    expect(verifiedTokenCount()).toBe(0)
  })

  it('refused before the signature (header, decoding) cost no signature check', async () => {
    const template = await signToken(keyA, sessionClaims(), { cat: 'cl_B7d4PD222AAA' })
    expect(await checksDuring(() => verify(template, keyA))).toBe(0)
    expect(await verify(template, keyA)).toMatchObject({ ok: false, reason: 'token-type-mismatch' })
    expect(await verify('not.a.token', keyA)).toMatchObject({ ok: false, reason: 'token-invalid' })
  })

  it('of the claims still leave the signature remembered (the token may be fine for other options)', async () => {
    const token = await signToken(keyA, sessionClaims({ azp: 'https://other.example' }))
    expect(await verify(token, keyA, { authorizedParties: [ORIGIN] })).toMatchObject({
      ok: false,
      reason: 'token-invalid-authorized-parties',
    })
    expect(await checksDuring(async () => expect(await verify(token, keyA)).toMatchObject({ ok: true }))).toBe(0)
  })
})

describe('a token that ends like a remembered one (the cache is keyed by the last characters of the signature)', () => {
  // Same signature, other claims: the cache must compare the whole token, never trust the shared ending.
  const forgeryOf = (token: string) => withSegment(token, 1, base64urlJson(sessionClaims({ sub: 'user_mallory' })))

  it('is verified, refused, and leaves the real token remembered', async () => {
    const token = await signToken(keyA)
    expect(await verify(token, keyA)).toMatchObject({ ok: true })
    const forged = forgeryOf(token)
    expect(forged.slice(-64)).toBe(token.slice(-64))
    for (let attempt = 0; attempt < 2; attempt++) {
      let result: unknown
      expect(await checksDuring(async () => (result = await verify(forged, keyA)))).toBe(1)
      expect(result).toEqual({ ok: false, reason: 'token-invalid-signature', message: 'JWT signature is invalid.' })
    }
    expect(
      await checksDuring(async () =>
        expect(await verify(token, keyA)).toMatchObject({ ok: true, payload: { sub: 'user_2xyz' } }),
      ),
    ).toBe(0)
    expect(verifiedTokenCount()).toBe(1)
  })

  it("never joins the real token's check in flight, nor the real token a forgery's", async () => {
    const token = await signToken(keyA)
    const forged = forgeryOf(token)
    let outcomes: Array<{ ok: boolean }> = []
    const checks = await checksDuring(async () => {
      outcomes = await Promise.all([
        verify(token, keyA),
        verify(forged, keyA),
        verify(forged, keyA),
        verify(token, keyA),
      ])
    })
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false, false, true])
    // The real token's check holds the slot: both forgeries run alone, the second real one joins it.
    expect(checks).toBe(3)

    resetProcessState()
    const reversed = await Promise.all([verify(forged, keyA), verify(token, keyA)])
    expect(reversed.map((outcome) => outcome.ok)).toEqual([false, true])
  })
})

describe('the bound', () => {
  it('keeps the most recently used tokens and forgets the least recently used', async () => {
    const previous = setMaxVerifiedTokens(3)
    try {
      const tokens = await Promise.all([1, 2, 3, 4].map((n) => signToken(keyA, sessionClaims({ sid: `sess_${n}` }))))
      for (const token of tokens.slice(0, 3)) await verify(token, keyA)
      await verify(tokens[0]!, keyA) // token 1 becomes the most recently used; token 2 the least
      await verify(tokens[3]!, keyA) // evicts token 2
      expect(verifiedTokenCount()).toBe(3)
      expect(await checksDuring(() => verify(tokens[0]!, keyA))).toBe(0)
      expect(await checksDuring(() => verify(tokens[2]!, keyA))).toBe(0)
      expect(await checksDuring(() => verify(tokens[3]!, keyA))).toBe(0)
      expect(await checksDuring(() => verify(tokens[1]!, keyA))).toBe(1)
      expect(verifiedTokenCount()).toBe(3)
    } finally {
      setMaxVerifiedTokens(previous)
    }
  })

  it('evicts exactly as a least-recently-used list would, over a long mix of hits and misses', async () => {
    const previous = setMaxVerifiedTokens(3)
    try {
      const tokens = await Promise.all(
        [0, 1, 2, 3, 4, 5].map((n) => signToken(keyA, sessionClaims({ sid: `sess_${n}` }))),
      )
      // A fixed pseudo-random walk, so a failure replays the same way.
      let seed = 7
      const order = Array.from({ length: 60 }, () => (seed = (seed * 48_271) % 2_147_483_647) % tokens.length)
      const model: number[] = []
      const expected: number[] = []
      const actual: number[] = []
      for (const index of order) {
        const cached = model.indexOf(index)
        if (cached !== -1) model.splice(cached, 1)
        model.push(index)
        if (model.length > 3) model.shift()
        expected.push(cached === -1 ? 1 : 0)
        actual.push(await checksDuring(() => verify(tokens[index]!, keyA)))
      }
      expect(actual).toEqual(expected)
      expect(expected.filter((checks) => checks === 0).length).toBeGreaterThan(10)
      expect(verifiedTokenCount()).toBe(3)
    } finally {
      setMaxVerifiedTokens(previous)
    }
  })

  it('is 1 000 by default', () => {
    const previous = setMaxVerifiedTokens(1)
    setMaxVerifiedTokens(previous)
    expect(previous).toBe(1_000)
  })
})
