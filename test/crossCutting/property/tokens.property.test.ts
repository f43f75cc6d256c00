// Properties of token handling: decoding and verifying arbitrary strings and arbitrary JSON in the
// segments, claim checks over arbitrary claim objects, auth objects and has() over arbitrary claims.
// Nothing but typed results, ever: a failure is a value with a known reason, never a thrown TypeError.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { signedInAuthObject } from '../../../src/auth/authObject.js'
import { decodeJwt } from '../../../src/jwt/decodeJwt.js'
import { TokenVerificationErrorReason } from '../../../src/jwt/reasons.js'
import { checkSessionClaims } from '../../../src/jwt/verify.js'
import { verifySessionToken } from '../../helpers/verify.js'
import { createTestKey, sessionClaims, type TestKey } from '../../helpers/sessionTokens.js'
import { THREE_PARTS, UNDECODABLE } from '../../jwt/refusalCases.js'
import { signRaw } from '../hostile/fixtures.js'
import { base64url, jwtShaped, syntaxText } from './arbitraries.js'

let instanceKey: TestKey
let impostorKey: TestKey
beforeAll(async () => {
  ;[instanceKey, impostorKey] = await Promise.all([createTestKey('ins_rs256'), createTestKey('ins_rs256')])
})

const REASONS = new Set<string>(Object.values(TokenVerificationErrorReason))
const anyString = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), syntaxText(120), jwtShaped)

/** The good value most of the time, anything else otherwise: valid tokens are generated too. */
function mostly<T>(good: T, other: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: fc.constant(good), weight: 4 }, { arbitrary: other, weight: 1 })
}

/** Absent (undefined, dropped by JSON.stringify) most of the time, `value` otherwise. */
function sometimes(value: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: value, weight: 1 })
}

function expectTypedFailure(result: { ok: boolean }): void {
  expect(result.ok).toBe(false)
  const { reason, message } = result as unknown as { reason: string; message: string }
  expect(REASONS.has(reason)).toBe(true)
  expect(typeof message === 'string' && message.length > 0).toBe(true)
}

describe('decodeJwt', () => {
  it('any string: decoded, or token-invalid with one of two messages', () => {
    fc.assert(
      fc.property(anyString, (token) => {
        const result = decodeJwt(token)
        if (result.ok) {
          expect(result.jwt.token).toBe(token)
          expect(typeof result.jwt.header === 'object' && !Array.isArray(result.jwt.header)).toBe(true)
          return
        }
        expect(result.reason).toBe('token-invalid')
        expect([THREE_PARTS, UNDECODABLE]).toContain(result.message)
      }),
      { numRuns: 5_000 },
    )
  })

  it('any JSON in the segments: decoded exactly when both are objects, and then to what JSON.parse gives', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), fc.base64String(), (header, payload, signature) => {
        const token = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}.${signature.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}`
        const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value)
        const result = decodeJwt(token)
        expect(result.ok).toBe(isObject(header) && isObject(payload))
        if (result.ok) {
          expect(result.jwt.header).toEqual(JSON.parse(JSON.stringify(header)))
          expect(result.jwt.payload).toEqual(JSON.parse(JSON.stringify(payload)))
        }
      }),
      { numRuns: 3_000 },
    )
  })
})

describe('verifySessionToken', () => {
  it('any string: a typed failure, never a pass and never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(anyString, async (token) => {
        expectTypedFailure(await verifySessionToken(token, { jwtKey: instanceKey.pem }))
      }),
      { numRuns: 3_000 },
    )
  })

  it('any JSON header and claims, signed by the instance or an impostor: only the instance passes, and only valid claims', async () => {
    const future = Math.floor(Date.now() / 1000) + 60
    const anyHeader = fc.record({
      alg: mostly('RS256', fc.jsonValue()),
      kid: sometimes(fc.jsonValue()),
      typ: sometimes(mostly('JWT', fc.jsonValue())),
      cat: sometimes(mostly('cl_B7d4PD111AAA', fc.jsonValue())),
      crit: sometimes(fc.jsonValue()),
    })
    const anyClaims = fc.record({
      sub: mostly('user_2xyz', fc.jsonValue()),
      exp: mostly(future, fc.jsonValue()),
      nbf: sometimes(fc.jsonValue()),
      iat: sometimes(fc.jsonValue()),
      azp: sometimes(fc.jsonValue()),
      aud: sometimes(fc.jsonValue()),
      extra: fc.jsonValue(),
    })
    const now = Date.now()
    let passed = 0
    await fc.assert(
      fc.asyncProperty(anyHeader, anyClaims, fc.boolean(), async (header, payload, byInstance) => {
        const key = byInstance ? instanceKey : impostorKey
        const token = await signRaw(key.privateKey, JSON.stringify(header), JSON.stringify(payload))
        const result = await verifySessionToken(token, { jwtKey: instanceKey.pem })
        if (!result.ok) return expectTypedFailure(result)
        expect(byInstance).toBe(true)
        expect(header.alg === 'RS256' && (header.typ === undefined || header.typ === 'JWT')).toBe(true)
        expect(
          typeof payload.sub === 'string' &&
            payload.sub !== '' &&
            typeof payload.exp === 'number' &&
            payload.exp * 1000 > now - 5_000,
        ).toBe(true)
        passed += 1
      }),
      { numRuns: 1_000 },
    )
    // Valid tokens are generated too: the property also covers what passes.
    expect(passed).toBeGreaterThan(0)
  })
})

describe('checkSessionClaims', () => {
  it('any claims object and options: a typed result; ok only for a string sub and a live numeric exp', () => {
    const options = fc.record(
      {
        audience: fc.oneof(fc.string(), fc.array(fc.string())),
        authorizedParties: fc.array(fc.string()),
        clockSkewInMs: fc.oneof(fc.integer(), fc.double()),
      },
      { requiredKeys: [] },
    )
    const now = Date.UTC(2030, 0, 1)
    const sessionLike = fc.record({
      sub: mostly('user_2xyz', fc.jsonValue()),
      exp: mostly(now / 1000 + 60, fc.jsonValue()),
      nbf: sometimes(fc.jsonValue()),
      iat: sometimes(fc.jsonValue()),
      aud: sometimes(fc.oneof(fc.string(), fc.array(fc.string()), fc.jsonValue())),
      azp: sometimes(fc.oneof(fc.string(), fc.jsonValue())),
    }) as fc.Arbitrary<Record<string, unknown>>
    let passed = 0
    fc.assert(
      fc.property(fc.oneof(fc.object(), sessionLike), options, (claims, opts) => {
        const result = checkSessionClaims(claims, opts, now)
        if (!result.ok) return expectTypedFailure(result)
        expect(result.payload).toBe(claims)
        expect(typeof claims.sub === 'string' && claims.sub !== '').toBe(true)
        expect(typeof claims.exp === 'number').toBe(true)
        passed += 1
      }),
      { numRuns: 5_000 },
    )
    expect(passed).toBeGreaterThan(0)
  })
})

describe('auth objects over arbitrary claims', () => {
  it('fields and has() never throw, whatever o, fea, pla, fva, org_* and the has() parameters hold', () => {
    const claims = fc.record(
      {
        v: fc.constantFrom(1, 2, undefined, '2'),
        o: fc.oneof(
          fc.jsonValue(),
          fc.record({
            id: fc.jsonValue(),
            rol: fc.jsonValue(),
            slg: fc.jsonValue(),
            per: fc.oneof(fc.string(), fc.jsonValue()),
            fpm: fc.oneof(fc.stringMatching(/^[\d,]{0,20}$/), fc.jsonValue()),
          }),
        ),
        fea: fc.oneof(syntaxText(), fc.jsonValue()),
        pla: fc.oneof(syntaxText(), fc.jsonValue()),
        fva: fc.jsonValue(),
        sts: fc.jsonValue(),
        act: fc.jsonValue(),
        org_id: fc.jsonValue(),
        org_role: fc.jsonValue(),
        org_permissions: fc.jsonValue(),
      },
      { requiredKeys: [] },
    )
    const reverification = fc.oneof(
      fc.constantFrom('strict_mfa', 'strict', 'moderate', 'lax', 'toString', '__proto__'),
      fc.record({
        level: fc.oneof(fc.constantFrom('first_factor', 'second_factor', 'multi_factor'), fc.jsonValue()),
        afterMinutes: fc.jsonValue(),
      }),
      fc.jsonValue(),
    )
    const params = fc.oneof(
      fc.record(
        {
          role: fc.oneof(fc.string(), fc.jsonValue()),
          permission: fc.oneof(fc.string(), fc.jsonValue()),
          feature: fc.oneof(syntaxText(), fc.jsonValue()),
          plan: fc.oneof(syntaxText(), fc.jsonValue()),
          reverification,
        },
        { requiredKeys: [] },
      ),
      fc.jsonValue(),
    )
    fc.assert(
      fc.property(claims, fc.array(params, { maxLength: 4 }), (extra, checks) => {
        const auth = signedInAuthObject({
          sessionClaims: { ...sessionClaims(), ...extra } as never,
          sessionToken: 'x.y.z',
        })
        expect(auth.userId).toBe('user_2xyz')
        expect(
          auth.orgPermissions === undefined ||
            auth.orgPermissions.every((permission) => typeof permission === 'string'),
        ).toBe(true)
        for (const check of checks) expect(typeof auth.has(check as never)).toBe('boolean')
        expect(auth.has({})).toBe(false)
      }),
      { numRuns: 3_000 },
    )
  })
})
