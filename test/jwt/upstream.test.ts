// Runs the same tokens through our verification and through the official implementations:
// @clerk/backend 3 (newest) and the @clerk/backend 2 that @clerk/remix 4 ships with. Every
// disagreement is listed here on purpose; each is a deliberate choice explained in docs/differences.md.
import { verifyToken as backend3VerifyToken } from '@clerk/backend'
import { beforeAll, describe, expect, it } from 'vitest'
import type { VerificationOptions } from '../../src/jwt/verify.js'
import { verifySessionToken } from '../helpers/verify.js'
import { createTestKey, sessionClaims, signToken, type TestKey } from '../helpers/sessionTokens.js'
import { refusalCases } from './refusalCases.js'

type UpstreamVerify = (token: string, options: VerificationOptions) => Promise<unknown>

let rs256: TestKey
let rs384: TestKey
let otherKey: TestKey
let backend2VerifyToken: UpstreamVerify

beforeAll(async () => {
  ;[rs256, rs384, otherKey] = await Promise.all([
    createTestKey('ins_rs256'),
    createTestKey('ins_rs384', 'RS384'),
    createTestKey('ins_other'),
  ])
  const path = '../../node_modules/@clerk/remix/node_modules/@clerk/backend/dist/index.mjs'
  backend2VerifyToken = ((await import(/* @vite-ignore */ path)) as { verifyToken: UpstreamVerify }).verifyToken
})

async function upstreamReason(verify: UpstreamVerify, token: string, options: VerificationOptions): Promise<string> {
  try {
    await verify(token, options)
    return 'ok'
  } catch (error) {
    return (error as { reason?: string }).reason ?? `threw: ${String(error)}`
  }
}

interface Outcome {
  name: string
  ours: string
  backend3: string
  backend2: string
}

async function compare(name: string, token: string, options: VerificationOptions): Promise<Outcome> {
  const ours = await verifySessionToken(token, options)
  return {
    name,
    ours: ours.ok ? 'ok' : ours.reason,
    backend3: await upstreamReason(backend3VerifyToken as UpstreamVerify, token, options),
    backend2: await upstreamReason(backend2VerifyToken, token, options),
  }
}

describe('cross-check with @clerk/backend', () => {
  it('agrees on every refusal except the listed deliberate differences', async () => {
    const outcomes: Outcome[] = []
    for (const { name, token, options, keyless } of refusalCases(() => ({ rs256, otherKey }))) {
      outcomes.push(await compare(name, await token(), keyless ? {} : { jwtKey: rs256.pem, ...options }))
    }
    outcomes.push(await compare('a valid RS256 session token', await signToken(rs256), { jwtKey: rs256.pem }))
    outcomes.push(await compare('a valid RS384 session token', await signToken(rs384), { jwtKey: rs384.pem }))
    outcomes.push(
      await compare('an expired token with skew 0', await signToken(rs256, sessionClaims({ exp: 1 })), {
        jwtKey: rs256.pem,
        clockSkewInMs: 0,
      }),
    )

    const differing = (upstream: 'backend3' | 'backend2') =>
      outcomes
        .filter((outcome) => outcome.ours !== outcome[upstream])
        .map(({ name, ours, ...rest }) => [name, ours, rest[upstream]])

    expect(differing('backend3')).toEqual([
      // Both refuse; upstream only notices the signature, or crashes on a null header.
      ['a payload that is a JSON array', 'token-invalid', 'token-invalid-signature'],
      [
        'a header that is JSON null',
        'token-invalid',
        "threw: TypeError: Cannot destructure property 'kid' of 'header' as it is null.",
      ],
      // Upstream's verifyToken does not know token kinds; only its authenticateRequest refuses these.
      ['a JWT template token (cat cl_B7d4PD222AAA)', 'token-type-mismatch', 'ok'],
      ['an M2M token category', 'token-type-mismatch', 'token-invalid'],
      ['an OAuth access token (typ at+jwt)', 'token-type-mismatch', 'token-invalid'],
      ['a machine subject (sub mch_)', 'token-type-mismatch', 'ok'],
      // Fail closed: an empty subject is no user; a required audience must be present.
      ['an empty sub', 'token-verification-failed', 'ok'],
      ['no aud while an audience is required', 'token-verification-failed', 'ok'],
      // Upstream turns a PEM into an RS256-only JWK by string surgery; jose imports it for any RS algorithm.
      ['a valid RS384 session token', 'ok', 'token-verification-failed'],
    ])

    expect(differing('backend2')).toEqual([
      // @clerk/backend 2 (inside @clerk/remix 4) throws on undecodable segments instead of refusing them.
      ['a header that is not base64url', 'token-invalid', 'threw: SyntaxError: Invalid character @'],
      ['a payload that is not JSON', 'token-invalid', expect.stringMatching(/^threw: SyntaxError: Unexpected token/)],
      ['a payload that is a JSON array', 'token-invalid', 'token-verification-failed'],
      ['a header that is JSON null', 'token-invalid', expect.stringMatching(/^threw: TypeError: Cannot destructure/)],
      [
        'a payload that is not UTF-8',
        'token-invalid',
        expect.stringMatching(/^threw: SyntaxError: Expected property name/),
      ],
      ['an empty payload segment', 'token-invalid', 'threw: SyntaxError: Unexpected end of JSON input'],
      ['a signature in base64 rather than base64url', 'token-invalid', 'threw: SyntaxError: Invalid character +'],
      ['a JWT template token (cat cl_B7d4PD222AAA)', 'token-type-mismatch', 'ok'],
      ['an M2M token category', 'token-type-mismatch', 'ok'],
      ['an OAuth access token (typ at+jwt)', 'token-type-mismatch', 'token-invalid'],
      ['a machine subject (sub mch_)', 'token-type-mismatch', 'ok'],
      // It checks claims before the signature, so a forged token reports a claim.
      ['a forged token with every claim wrong', 'token-invalid-signature', 'token-verification-failed'],
      ['an empty sub', 'token-verification-failed', 'ok'],
      // Its audience check skips array `aud`s, and it lets a missing azp through.
      ['a wrong aud array', 'token-verification-failed', 'ok'],
      ['no aud while an audience is required', 'token-verification-failed', 'ok'],
      ['no azp while authorizedParties is set', 'token-invalid-authorized-parties', 'ok'],
      ['a valid RS384 session token', 'ok', 'token-verification-failed'],
    ])
  })
})
