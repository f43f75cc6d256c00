import { SignJWT, generateKeyPair, generateSecret } from 'jose'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { clearKeyCaches } from '../../src/tokens/keys'
import { TokenVerificationError } from '../../src/tokens/reasons'
import { checkSessionClaims, verifySessionToken, verifyToken, type VerifyTokenOptions } from '../../src/tokens/verify'
import { decodeJwt } from '../../src/tokens/decodeJwt'
import {
  ORIGIN,
  base64urlJson,
  createTestKey,
  sessionClaims,
  signToken,
  withSegment,
  type TestKey,
} from './helpers'

const ENSURE_JWT = 'Make sure that this is a valid Clerk-generated JWT.'
const THREE_PARTS = 'Invalid JWT form. A JWT consists of three parts separated by dots.'
const UNDECODABLE = 'Invalid JWT form. The header, payload, or signature could not be decoded.'
const badAlg = (alg: string) => `Invalid JWT algorithm "${alg}". Supported: RS256,RS384,RS512.`

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

beforeEach(() => clearKeyCaches())

const pemOptions = (extra: Partial<VerifyTokenOptions> = {}): VerifyTokenOptions => ({ jwtKey: rs256.pem, ...extra })

interface RefusalCase {
  name: string
  token: () => Promise<string> | string
  options?: () => VerifyTokenOptions
  reason: string
  message: string
  action?: string
}

const refusals: RefusalCase[] = [
  // Decoding
  { name: 'an empty string', token: () => '', reason: 'token-invalid', message: THREE_PARTS },
  { name: 'one part', token: () => 'abc', reason: 'token-invalid', message: THREE_PARTS },
  { name: 'two parts', token: () => 'abc.def', reason: 'token-invalid', message: THREE_PARTS },
  { name: 'four parts', token: async () => `${await signToken(rs256)}.x`, reason: 'token-invalid', message: THREE_PARTS },
  {
    name: 'a header that is not base64url',
    token: async () => withSegment(await signToken(rs256), 0, 'e@J9'),
    reason: 'token-invalid',
    message: UNDECODABLE,
  },
  {
    name: 'a payload that is not JSON',
    token: async () => withSegment(await signToken(rs256), 1, base64urlJson('not json')),
    reason: 'token-invalid',
    message: UNDECODABLE,
  },
  {
    name: 'a payload that is a JSON array',
    token: async () => withSegment(await signToken(rs256), 1, base64urlJson([1, 2])),
    reason: 'token-invalid',
    message: UNDECODABLE,
  },
  {
    name: 'a header that is JSON null',
    token: async () => withSegment(await signToken(rs256), 0, base64urlJson('null')),
    reason: 'token-invalid',
    message: UNDECODABLE,
  },
  {
    name: 'a payload that is not UTF-8',
    token: async () => withSegment(await signToken(rs256), 1, Buffer.from([0x7b, 0xff, 0x7d]).toString('base64url')),
    reason: 'token-invalid',
    message: UNDECODABLE,
  },
  {
    name: 'an empty payload segment',
    token: async () => withSegment(await signToken(rs256), 1, ''),
    reason: 'token-invalid',
    message: UNDECODABLE,
  },
  {
    name: 'a signature in base64 rather than base64url',
    token: async () => withSegment(await signToken(rs256), 2, 'ab+/'),
    reason: 'token-invalid',
    message: UNDECODABLE,
  },
  // Token kind
  {
    name: 'a JWT template token (cat cl_B7d4PD222AAA)',
    token: () => signToken(rs256, sessionClaims(), { cat: 'cl_B7d4PD222AAA' }),
    reason: 'token-type-mismatch',
    message:
      'Invalid session token category (cat) "cl_B7d4PD222AAA". JWT template and machine tokens cannot be used as session tokens.',
    action: ENSURE_JWT,
  },
  {
    name: 'an M2M token category',
    token: () => signToken(rs256, sessionClaims(), { cat: 'cl_B7d4PD333AAA' }),
    reason: 'token-type-mismatch',
    message:
      'Invalid session token category (cat) "cl_B7d4PD333AAA". JWT template and machine tokens cannot be used as session tokens.',
    action: ENSURE_JWT,
  },
  {
    name: 'an OAuth access token (typ at+jwt)',
    token: () => signToken(rs256, sessionClaims(), { typ: 'at+jwt' }),
    reason: 'token-type-mismatch',
    message: 'Invalid JWT type "at+jwt": an OAuth access token is not a session token.',
    action: ENSURE_JWT,
  },
  {
    name: 'a machine subject (sub mch_)',
    token: () => signToken(rs256, sessionClaims({ sub: 'mch_123' })),
    reason: 'token-type-mismatch',
    message: 'Subject claim (sub) "mch_123" is a machine, not a user session.',
    action: ENSURE_JWT,
  },
  // Header
  {
    name: 'typ JOSE',
    token: () => signToken(rs256, sessionClaims(), { typ: 'JOSE' }),
    reason: 'token-invalid',
    message: 'Invalid JWT type "JOSE". Expected "JWT".',
    action: ENSURE_JWT,
  },
  {
    name: 'alg none',
    token: () => `${base64urlJson({ alg: 'none', typ: 'JWT' })}.${base64urlJson(sessionClaims())}.`,
    reason: 'token-invalid-algorithm',
    message: badAlg('none'),
    action: ENSURE_JWT,
  },
  {
    name: 'no alg at all',
    token: async () => withSegment(await signToken(rs256), 0, base64urlJson({ typ: 'JWT', kid: 'ins_rs256' })),
    reason: 'token-invalid-algorithm',
    message: 'Invalid JWT algorithm undefined. Supported: RS256,RS384,RS512.',
    action: ENSURE_JWT,
  },
  {
    name: 'ES256',
    token: async () => signToken({ ...(await generateKeyPair('ES256')), alg: 'ES256', kid: 'ins_rs256' }),
    reason: 'token-invalid-algorithm',
    message: badAlg('ES256'),
    action: ENSURE_JWT,
  },
  {
    name: 'PS256',
    token: async () => signToken({ ...(await generateKeyPair('PS256')), alg: 'PS256', kid: 'ins_rs256' }),
    reason: 'token-invalid-algorithm',
    message: badAlg('PS256'),
    action: ENSURE_JWT,
  },
  {
    name: 'HS256 signed with the public key as the secret',
    token: () => signToken({ privateKey: new TextEncoder().encode(rs256.pem), alg: 'HS256', kid: 'ins_rs256' }),
    reason: 'token-invalid-algorithm',
    message: badAlg('HS256'),
    action: ENSURE_JWT,
  },
  {
    name: 'HS256 with a random secret',
    token: async () => signToken({ privateKey: await generateSecret('HS256', { extractable: true }), alg: 'HS256' }),
    reason: 'token-invalid-algorithm',
    message: badAlg('HS256'),
    action: ENSURE_JWT,
  },
  // Key
  {
    name: 'no secret key and no jwtKey',
    token: () => signToken(rs256),
    options: () => ({}),
    reason: 'jwk-failed-to-resolve',
    message: 'Failed to resolve JWK during verification.',
    action: 'Set the CLERK_SECRET_KEY (or CLERK_JWT_KEY) environment variable.',
  },
  // Signature
  {
    name: 'a tampered payload',
    token: async () => withSegment(await signToken(rs256), 1, base64urlJson(sessionClaims({ sub: 'user_admin' }))),
    reason: 'token-invalid-signature',
    message: 'JWT signature is invalid.',
  },
  {
    name: 'a tampered header',
    token: async () =>
      withSegment(await signToken(rs256), 0, base64urlJson({ alg: 'RS256', typ: 'JWT', kid: 'ins_rs256', extra: 1 })),
    reason: 'token-invalid-signature',
    message: 'JWT signature is invalid.',
  },
  {
    name: 'a tampered signature',
    token: async () => {
      const token = await signToken(rs256)
      const signature = token.split('.')[2]!
      return withSegment(token, 2, `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`)
    },
    reason: 'token-invalid-signature',
    message: 'JWT signature is invalid.',
  },
  {
    name: 'an empty signature',
    token: async () => withSegment(await signToken(rs256), 2, ''),
    reason: 'token-invalid-signature',
    message: 'JWT signature is invalid.',
  },
  {
    name: "another instance's key",
    token: () => signToken(otherKey),
    reason: 'token-invalid-signature',
    message: 'JWT signature is invalid.',
  },
  // Claims
  {
    name: 'no sub',
    token: () => signToken(rs256, sessionClaims({ sub: undefined })),
    reason: 'token-verification-failed',
    message: 'Subject claim (sub) is required and must be a string. Received undefined.',
    action: ENSURE_JWT,
  },
  {
    name: 'a numeric sub',
    token: () => signToken(rs256, sessionClaims({ sub: 42 })),
    reason: 'token-verification-failed',
    message: 'Subject claim (sub) is required and must be a string. Received 42.',
    action: ENSURE_JWT,
  },
  {
    name: 'an empty sub',
    token: () => signToken(rs256, sessionClaims({ sub: '' })),
    reason: 'token-verification-failed',
    message: 'Subject claim (sub) is required and must be a string. Received "".',
    action: ENSURE_JWT,
  },
  {
    name: 'a wrong aud',
    token: () => signToken(rs256, sessionClaims({ aud: 'convex' })),
    options: () => pemOptions({ audience: ['api', 'web'] }),
    reason: 'token-verification-failed',
    message: 'Invalid JWT audience claim (aud) "convex". Is not included in "["api","web"]".',
    action: ENSURE_JWT,
  },
  {
    name: 'a wrong aud array',
    token: () => signToken(rs256, sessionClaims({ aud: ['a', 'b'] })),
    options: () => pemOptions({ audience: 'api' }),
    reason: 'token-verification-failed',
    message: 'Invalid JWT audience claim array (aud) ["a","b"]. Is not included in "["api"]".',
    action: ENSURE_JWT,
  },
  {
    name: 'no aud while an audience is required',
    token: () => signToken(rs256),
    options: () => pemOptions({ audience: 'api' }),
    reason: 'token-verification-failed',
    message: 'Invalid JWT audience claim (aud) undefined. Is not included in "["api"]".',
    action: ENSURE_JWT,
  },
  {
    name: 'no azp while authorizedParties is set',
    token: () => signToken(rs256, sessionClaims({ azp: undefined })),
    options: () => pemOptions({ authorizedParties: [ORIGIN] }),
    reason: 'token-invalid-authorized-parties',
    message: 'Invalid JWT Authorized party claim (azp) undefined. Expected "https://app.example.com".',
  },
  {
    name: 'a wrong azp',
    token: () => signToken(rs256, sessionClaims({ azp: 'https://evil.example' })),
    options: () => pemOptions({ authorizedParties: [ORIGIN, 'https://other.example'] }),
    reason: 'token-invalid-authorized-parties',
    message:
      'Invalid JWT Authorized party claim (azp) "https://evil.example". Expected "https://app.example.com,https://other.example".',
  },
  {
    name: 'no exp',
    token: () => signToken(rs256, sessionClaims({ exp: undefined })),
    reason: 'token-verification-failed',
    message: 'Invalid JWT expiry date claim (exp) undefined. Expected number.',
    action: ENSURE_JWT,
  },
  {
    name: 'a string exp',
    token: () => signToken(rs256, sessionClaims({ exp: '9999999999' })),
    reason: 'token-verification-failed',
    message: 'Invalid JWT expiry date claim (exp) "9999999999". Expected number.',
    action: ENSURE_JWT,
  },
  {
    name: 'a string nbf',
    token: () => signToken(rs256, sessionClaims({ nbf: 'soon' })),
    reason: 'token-verification-failed',
    message: 'Invalid JWT not before date claim (nbf) "soon". Expected number.',
    action: ENSURE_JWT,
  },
  {
    name: 'a null iat',
    token: () => signToken(rs256, sessionClaims({ iat: null })),
    reason: 'token-verification-failed',
    message: 'Invalid JWT issued at date claim (iat) null. Expected number.',
    action: ENSURE_JWT,
  },
]

describe('verifySessionToken refuses', () => {
  it.each(refusals)('$name → $reason', async ({ token, options, reason, message, action }) => {
    const result = await verifySessionToken(await token(), options ? options() : pemOptions())
    expect(result).toEqual(action === undefined ? { ok: false, reason, message } : { ok: false, reason, message, action })
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
    const result = await verifySessionToken(await signToken(rs256), pemOptions({ authorizedParties: ['https://x', ORIGIN] }))
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
    return verifySessionToken(await signToken(rs256, sessionClaims({ iat: t - 30, nbf: t - 40, ...claims })), pemOptions({ clockSkewInMs }))
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
    expect(error).toMatchObject({ reason: 'token-invalid-signature', message: 'JWT signature is invalid.', action: undefined })
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
    const result = await verifySessionToken(await signToken(rs256, sessionClaims(), { cat: 'bad\u0000caté' }), pemOptions())
    expect((result as { message: string }).message).toBe(
      'Invalid session token category (cat) "bad\\u0000cat?". JWT template and machine tokens cannot be used as session tokens.',
    )
  })

  it('never throws for a 1 MB token', async () => {
    const big = `${base64urlJson({ alg: 'RS256' })}.${'A'.repeat(1_000_000)}.x`
    expect(await verifySessionToken(big, pemOptions())).toEqual({ ok: false, reason: 'token-invalid', message: UNDECODABLE })
  })

  it('a signed token whose claims are only checked after the signature', async () => {
    // A forged token with every claim wrong reports the signature, not a claim: claims are never read first.
    const forged = await new SignJWT({ exp: 1 }).setProtectedHeader({ alg: 'RS256', kid: 'ins_rs256' }).sign(otherKey.privateKey)
    expect(await verifySessionToken(forged, pemOptions())).toMatchObject({ reason: 'token-invalid-signature' })
  })
})
