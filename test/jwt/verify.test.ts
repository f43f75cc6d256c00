import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { TokenVerificationError } from '../../src/jwt/reasons.js'
import { verifyToken } from '../../src/jwt/publicVerifyToken.js'
import { checkSessionClaims, type VerificationOptions } from '../../src/jwt/verify.js'
import { verifySessionToken } from '../helpers/verify.js'
import { decodeJwt } from '../../src/jwt/decodeJwt.js'
import {
  ORIGIN,
  base64urlJson,
  createTestKey,
  sessionClaims,
  signToken,
  type TestKey,
} from '../helpers/sessionTokens.js'
import { ENSURE_JWT, THREE_PARTS, UNDECODABLE, refusalCases } from './refusalCases.js'
import { resetProcessState } from '../../src/shared/processState.js'

let rs256: TestKey
let rs384: TestKey
let rs512: TestKey
let otherKey: TestKey

beforeAll(async () => {
  ;[rs256, rs384, rs512, otherKey] = await Promise.all([
    createTestKey('ins_rs256', 'RS256'),
    createTestKey('ins_rs384', 'RS384'),
    createTestKey('ins_rs512', 'RS512'),
    createTestKey('ins_other', 'RS256'),
  ])
})

beforeEach(() => resetProcessState())

const pemOptions = (extra: Partial<VerificationOptions> = {}): VerificationOptions => ({ jwtKey: rs256.pem, ...extra })

const refusals = refusalCases(() => ({ rs256, otherKey }))

describe('verifySessionToken refuses', () => {
  it.each(refusals)('$name → $reason', async ({ token, options, keyless, reason, message, action }) => {
    const result = await verifySessionToken(await token(), keyless ? {} : pemOptions(options))
    expect(result).toEqual(
      action === undefined ? { ok: false, reason, message } : { ok: false, reason, message, action },
    )
  })

  it('a non-string token without throwing', async () => {
    for (const token of [undefined, null, 42, {}, ['a.b.c']]) {
      expect(await verifySessionToken(token as unknown as string, pemOptions())).toEqual({
        ok: false,
        reason: 'token-invalid',
        message: THREE_PARTS,
      })
    }
  })
})

describe('verifySessionToken accepts', () => {
  it.each([
    ['RS256', () => rs256],
    ['RS384', () => rs384],
    ['RS512', () => rs512],
  ])('an %s session token and returns its claims and header', async (alg, key) => {
    const claims = sessionClaims()
    const token = await signToken(key(), claims)
    const result = await verifySessionToken(token, { jwtKey: key().pem })
    expect(result).toEqual({
      ok: true,
      payload: claims,
      header: { alg, kid: key().kid, typ: 'JWT', cat: 'cl_B7d4PD111AAA' },
    })
  })

  it.each([
    ['no cat', { cat: undefined }],
    ['the ignore category', { cat: 'cl_I7d4PD111III' }],
    ['no typ', { typ: undefined }],
  ])('a token with %s', async (_name, header) => {
    const result = await verifySessionToken(await signToken(rs256, sessionClaims(), header), pemOptions())
    expect(result.ok).toBe(true)
  })

  it('a token whose claims hold non-ASCII text, decoded as UTF-8', async () => {
    const claims = sessionClaims({ name: 'Zoë Ørsted 🔑', org: 'Ünïcode' })
    expect(await verifySessionToken(await signToken(rs256, claims), pemOptions())).toMatchObject({
      ok: true,
      payload: claims,
    })
  })

  it('a v1 token without azp, aud, nbf or iat when nothing asks for them', async () => {
    const claims = { sub: 'user_1', sid: 'sess_1', exp: Math.floor(Date.now() / 1000) + 60 }
    const result = await verifySessionToken(await signToken(rs256, claims), pemOptions())
    expect(result).toMatchObject({ ok: true, payload: claims })
  })

  it.each([
    ['an aud string among several audiences', 'web', ['api', 'web']],
    ['an aud array that shares one value', ['x', 'api'], 'api'],
    ['an aud array against an audience array', ['x', 'web'], ['api', 'web']],
  ])('%s', async (_name, aud, audience) => {
    const result = await verifySessionToken(await signToken(rs256, sessionClaims({ aud })), pemOptions({ audience }))
    expect(result.ok).toBe(true)
  })

  it('an azp listed in authorizedParties', async () => {
    const result = await verifySessionToken(
      await signToken(rs256),
      pemOptions({ authorizedParties: ['https://x', ORIGIN] }),
    )
    expect(result.ok).toBe(true)
  })

  it('a token already decoded by the caller, without decoding it again', async () => {
    const decoded = decodeJwt(await signToken(rs256))
    if (!decoded.ok) throw new Error('fixture did not decode')
    const result = await verifySessionToken(decoded.jwt, pemOptions())
    expect(result).toMatchObject({ ok: true, payload: decoded.jwt.payload })
  })
})

describe('time claims and clock skew', () => {
  const T = Date.UTC(2030, 0, 1, 12, 0, 0) // a whole second, so exp * 1000 lands on it exactly
  const t = T / 1000
  const verifyAt = async (now: number, claims: Record<string, unknown>, clockSkewInMs?: number) => {
    vi.setSystemTime(now)
    return verifySessionToken(
      await signToken(rs256, sessionClaims({ iat: t - 30, nbf: t - 40, ...claims })),
      pemOptions({ clockSkewInMs }),
    )
  }
  const utc = (ms: number) => new Date(ms).toUTCString()

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('exp: expired exactly at exp + skew, valid 1 ms before', async () => {
    expect((await verifyAt(T + 5_000 - 1, { exp: t })).ok).toBe(true)
    expect(await verifyAt(T + 5_000, { exp: t })).toEqual({
      ok: false,
      reason: 'token-expired',
      message: `JWT is expired. Expiry date: ${utc(T)}, Current date: ${utc(T + 5_000)}.`,
    })
  })

  it('exp with skew 0: expired exactly at exp, valid 1 ms before', async () => {
    expect((await verifyAt(T - 1, { exp: t }, 0)).ok).toBe(true)
    expect(await verifyAt(T, { exp: t }, 0)).toMatchObject({ ok: false, reason: 'token-expired' })
  })

  it('nbf: valid exactly at nbf - skew, refused 1 ms earlier', async () => {
    const claims = { iat: t - 60, nbf: t, exp: t + 60 }
    expect((await verifyAt(T - 5_000, claims)).ok).toBe(true)
    expect(await verifyAt(T - 5_001, claims)).toEqual({
      ok: false,
      reason: 'token-not-active-yet',
      message: `JWT cannot be used prior to not before date claim (nbf). Not before date: ${utc(T)}; Current date: ${utc(T - 5_001)};`,
    })
  })

  it('nbf with skew 0: valid at nbf, refused 1 ms earlier', async () => {
    const claims = { iat: t - 60, nbf: t, exp: t + 60 }
    expect((await verifyAt(T, claims, 0)).ok).toBe(true)
    expect(await verifyAt(T - 1, claims, 0)).toMatchObject({ ok: false, reason: 'token-not-active-yet' })
  })

  it('iat: valid exactly at iat - skew, refused 1 ms earlier', async () => {
    const claims = { iat: t, nbf: t - 60, exp: t + 60 }
    expect((await verifyAt(T - 5_000, claims)).ok).toBe(true)
    expect(await verifyAt(T - 5_001, claims)).toEqual({
      ok: false,
      reason: 'token-iat-in-the-future',
      message: `JWT issued at date claim (iat) is in the future. Issued at date: ${utc(T)}; Current date: ${utc(T - 5_001)};`,
    })
  })

  it('a larger skew is honoured and a negative or non-finite one falls back to 5000', async () => {
    expect((await verifyAt(T + 59_999, { exp: t }, 60_000)).ok).toBe(true)
    expect(await verifyAt(T + 60_000, { exp: t }, 60_000)).toMatchObject({ reason: 'token-expired' })
    expect((await verifyAt(T + 4_999, { exp: t }, -1)).ok).toBe(true)
    expect(await verifyAt(T + 5_000, { exp: t }, Number.NaN)).toMatchObject({ reason: 'token-expired' })
  })

  it('checks exp before nbf and iat, as upstream', async () => {
    expect(await verifyAt(T, { exp: t - 10, nbf: t + 10, iat: t + 10 }, 0)).toMatchObject({ reason: 'token-expired' })
  })

  it('checkSessionClaims re-checks time claims against any given now', () => {
    const claims = sessionClaims({ iat: t - 30, nbf: t - 40, exp: t })
    expect(checkSessionClaims(claims, {}, T + 4_999)).toEqual({ ok: true, payload: claims })
    expect(checkSessionClaims(claims, {}, T + 5_000)).toMatchObject({ ok: false, reason: 'token-expired' })
  })
})

describe('verifyToken (public)', () => {
  it('resolves to the claims of a valid token', async () => {
    const claims = sessionClaims()
    expect(await verifyToken(await signToken(rs256, claims), { jwtKey: rs256.pem })).toEqual(claims)
  })

  it('rejects with a TokenVerificationError carrying reason, message and action', async () => {
    const token = await signToken(rs256, sessionClaims({ sub: undefined }))
    const error = await verifyToken(token, { jwtKey: rs256.pem }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(TokenVerificationError)
    expect(error).toBeInstanceOf(Error)
    const { reason, message, action, name } = error as TokenVerificationError
    expect({ reason, message, action, name }).toEqual({
      reason: 'token-verification-failed',
      message: 'Subject claim (sub) is required and must be a string. Received undefined.',
      action: ENSURE_JWT,
      name: 'TokenVerificationError',
    })
    ;(error as TokenVerificationError).tokenCarrier = 'header'
    expect((error as TokenVerificationError).getFullMessage()).toBe(
      `Subject claim (sub) is required and must be a string. Received undefined. ${ENSURE_JWT} (reason=token-verification-failed, token-carrier=header)`,
    )
  })

  it('leaves action undefined where upstream has none', async () => {
    const error = await verifyToken(await signToken(otherKey), { jwtKey: rs256.pem }).catch((caught: unknown) => caught)
    expect(error).toMatchObject({
      reason: 'token-invalid-signature',
      message: 'JWT signature is invalid.',
      action: undefined,
    })
    expect((error as TokenVerificationError).getFullMessage()).toBe(
      'JWT signature is invalid. (reason=token-invalid-signature, token-carrier=undefined)',
    )
  })
})

describe('hostile values in messages', () => {
  it('quotes a very long or non-printable cat short and printable', async () => {
    const cat = `x${'A'.repeat(500)}\u0000é`
    const result = await verifySessionToken(await signToken(rs256, sessionClaims(), { cat }), pemOptions())
    expect(result).toMatchObject({ ok: false, reason: 'token-type-mismatch' })
    const { message } = result as { message: string }
    expect(message).toBe(
      `Invalid session token category (cat) "x${'A'.repeat(98)}…. JWT template and machine tokens cannot be used as session tokens.`,
    )
  })

  it('replaces characters that cannot go in a header', async () => {
    const result = await verifySessionToken(
      await signToken(rs256, sessionClaims(), { cat: 'bad\u0000caté' }),
      pemOptions(),
    )
    expect((result as { message: string }).message).toBe(
      'Invalid session token category (cat) "bad\\u0000cat?". JWT template and machine tokens cannot be used as session tokens.',
    )
  })

  it('never throws for a 1 MB token', async () => {
    const big = `${base64urlJson({ alg: 'RS256' })}.${'A'.repeat(1_000_000)}.x`
    expect(await verifySessionToken(big, pemOptions())).toEqual({
      ok: false,
      reason: 'token-invalid',
      message: UNDECODABLE,
    })
  })
})
