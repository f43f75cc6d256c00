// The table of tokens verification must refuse, each with its exact reason, message and action.
// Shared by our verification tests and by the cross-check against @clerk/backend.
import { generateKeyPair, generateSecret } from 'jose'
import type { VerificationOptions } from '../../src/jwt/verify.js'
import { ORIGIN, base64urlJson, sessionClaims, signToken, withSegment, type TestKey } from '../helpers/sessionTokens.js'

export const ENSURE_JWT = 'Make sure that this is a valid Clerk-generated JWT.'
export const THREE_PARTS = 'Invalid JWT form. A JWT consists of three parts separated by dots.'
export const UNDECODABLE = 'Invalid JWT form. The header, payload, or signature could not be decoded.'
const badAlg = (alg: string) => `Invalid JWT algorithm "${alg}". Supported: RS256,RS384,RS512.`

export interface RefusalCase {
  name: string
  token: () => Promise<string> | string
  /** Options other than the key; the key is the PEM of `rs256` unless `keyless`. */
  options?: Partial<VerificationOptions>
  keyless?: boolean
  reason: string
  message: string
  action?: string
}

/** `keys` is read when a token is built, so the table can be declared before the keys are generated. */
export function refusalCases(keys: () => { rs256: TestKey; otherKey: TestKey }): RefusalCase[] {
  const signer = (name: 'rs256' | 'otherKey') => ({
    alg: 'RS256',
    get kid() {
      return keys()[name].kid
    },
    get privateKey() {
      return keys()[name].privateKey
    },
  })
  const rs256 = signer('rs256')
  const otherKey = signer('otherKey')
  const pem = () => keys().rs256.pem
  return [
    // Decoding
    { name: 'an empty string', token: () => '', reason: 'token-invalid', message: THREE_PARTS },
    { name: 'one part', token: () => 'abc', reason: 'token-invalid', message: THREE_PARTS },
    { name: 'two parts', token: () => 'abc.def', reason: 'token-invalid', message: THREE_PARTS },
    {
      name: 'four parts',
      token: async () => `${await signToken(rs256)}.x`,
      reason: 'token-invalid',
      message: THREE_PARTS,
    },
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
      token: () => signToken({ privateKey: new TextEncoder().encode(pem()), alg: 'HS256', kid: 'ins_rs256' }),
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
      keyless: true,
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
      name: 'a forged token with every claim wrong',
      token: () => signToken(otherKey, { exp: 1, nbf: 9_999_999_999, iat: 9_999_999_999 }),
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
      options: { audience: ['api', 'web'] },
      reason: 'token-verification-failed',
      message: 'Invalid JWT audience claim (aud) "convex". Is not included in "["api","web"]".',
      action: ENSURE_JWT,
    },
    {
      name: 'a wrong aud array',
      token: () => signToken(rs256, sessionClaims({ aud: ['a', 'b'] })),
      options: { audience: 'api' },
      reason: 'token-verification-failed',
      message: 'Invalid JWT audience claim array (aud) ["a","b"]. Is not included in "["api"]".',
      action: ENSURE_JWT,
    },
    {
      name: 'no aud while an audience is required',
      token: () => signToken(rs256),
      options: { audience: 'api' },
      reason: 'token-verification-failed',
      message: 'Invalid JWT audience claim (aud) undefined. Is not included in "["api"]".',
      action: ENSURE_JWT,
    },
    {
      name: 'no azp while authorizedParties is set',
      token: () => signToken(rs256, sessionClaims({ azp: undefined })),
      options: { authorizedParties: [ORIGIN] },
      reason: 'token-invalid-authorized-parties',
      message: 'Invalid JWT Authorized party claim (azp) undefined. Expected "https://app.example.com".',
    },
    {
      name: 'a wrong azp',
      token: () => signToken(rs256, sessionClaims({ azp: 'https://evil.example' })),
      options: { authorizedParties: [ORIGIN, 'https://other.example'] },
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
}
