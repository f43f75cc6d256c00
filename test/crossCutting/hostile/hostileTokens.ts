// Crafted session tokens, each with what verification must say about it. Together with the shared
// refusal table (test/jwt/refusalCases.ts) they make the hostile token suite: every case is run in the
// `__session` cookie and in `Authorization`, as a fetch and as a navigation, against a JWKS server that
// counts its requests.
import { generateKeyPair, generateSecret } from 'jose'
import type { GetAuthOptions } from '../../../src/remix/types.js'
import { ORIGIN, base64urlJson, sessionClaims, signToken, withSegment } from '../../helpers/sessionTokens.js'
import { ENSURE_JWT, THREE_PARTS, UNDECODABLE } from '../../jwt/refusalCases.js'
import { SESSION_HEADER, T, T_SECONDS, b64url, signRaw, type HostileWorld } from './fixtures.js'

const CHECK_JWKS =
  'Go to your Dashboard and validate your secret and public keys are correct. Contact support@clerk.com if the issue persists.'

/** How one token is refused: verification's reason and its message with the fix-it action, if any. */
interface Refusal {
  reason: string
  /** `message` followed by the action, as the signed-out message shows it. */
  text: string
}

/** What a request carrying the token ends as, when it is not simply the token's refusal. */
interface RequestLevelOutcome {
  /** The request state's reason (not a token reason). */
  reason: string
  message: string
  /** Whether a navigation is sent through a handshake (a fetch is signed out with the same reason). */
  handshake: boolean
  fetches: number
}

export interface HostileTokenCase extends Refusal {
  name: string
  token(world: HostileWorld): Promise<string> | string
  /** getAuth options besides the instance's keys. */
  options?: GetAuthOptions
  /** JWKS requests the case costs on a warm cache (default 0): only an unknown kid may cost one. */
  fetches?: number
  /** The cookie carrier ends otherwise: the cookie is not this instance's session at all. */
  cookie?: RequestLevelOutcome
}

const badAlg = (alg: string): Refusal => ({
  reason: 'token-invalid-algorithm',
  text: `Invalid JWT algorithm ${alg}. Supported: RS256,RS384,RS512. ${ENSURE_JWT}`,
})
const kidMismatch = (kid: string): Refusal => ({
  reason: 'jwk-kid-mismatch',
  text: `Unable to find a signing key in JWKS that matches the kid='${kid}' of the provided session token. Please make sure that the __session cookie or the HTTP authorization header contain a Clerk-generated session JWT. ${CHECK_JWKS}`,
})
const badTyp = (typ: string): Refusal => ({
  reason: 'token-invalid',
  text: `Invalid JWT type ${typ}. Expected "JWT". ${ENSURE_JWT}`,
})
const notSessionCategory = (cat: string): Refusal => ({
  reason: 'token-type-mismatch',
  text: `Invalid session token category (cat) ${cat}. JWT template and machine tokens cannot be used as session tokens. ${ENSURE_JWT}`,
})
const badSignature: Refusal = { reason: 'token-invalid-signature', text: 'JWT signature is invalid.' }
const badSub = (received: string): Refusal => ({
  reason: 'token-verification-failed',
  text: `Subject claim (sub) is required and must be a string. Received ${received}. ${ENSURE_JWT}`,
})
const notANumber = (claim: string, value: string): Refusal => ({
  reason: 'token-verification-failed',
  text: `Invalid JWT ${claim} ${value}. Expected number. ${ENSURE_JWT}`,
})
const badAzp = (azp: string, expected = ORIGIN): Refusal => ({
  reason: 'token-invalid-authorized-parties',
  text: `Invalid JWT Authorized party claim (azp) ${azp}. Expected "${expected}".`,
})
const badAud = (what: string, aud: string, audiences: string): Refusal => ({
  reason: 'token-verification-failed',
  text: `Invalid JWT audience ${what} ${aud}. Is not included in "${audiences}". ${ENSURE_JWT}`,
})

const utc = (seconds: number) => new Date(seconds * 1000).toUTCString()
const NOW = new Date(T).toUTCString()
const expired = (exp: number): Refusal => ({
  reason: 'token-expired',
  text: `JWT is expired. Expiry date: ${utc(exp)}, Current date: ${NOW}.`,
})
const notActiveYet = (nbf: number): Refusal => ({
  reason: 'token-not-active-yet',
  text: `JWT cannot be used prior to not before date claim (nbf). Not before date: ${utc(nbf)}; Current date: ${NOW};`,
})
const issuedInTheFuture = (iat: number): Refusal => ({
  reason: 'token-iat-in-the-future',
  text: `JWT issued at date claim (iat) is in the future. Issued at date: ${utc(iat)}; Current date: ${NOW};`,
})

/** Not this instance's cookie (another Frontend API issued it): as if no session cookie were there. */
const notOurCookie: RequestLevelOutcome = {
  reason: 'session-token-and-uat-missing',
  message: '',
  handshake: false,
  fetches: 0,
}

const instance = (w: HostileWorld, claims = sessionClaims(), header: Record<string, unknown> = {}) =>
  signToken(w.instanceKey, claims, header)
const impostor = (w: HostileWorld, claims = sessionClaims(), header: Record<string, unknown> = {}) =>
  signToken(w.impostorKey, claims, header)
const segment = (token: string, index: number) => token.split('.')[index]!
const LONG_KID = 'k'.repeat(10 * 1024)

export const hostileTokenCases: HostileTokenCase[] = [
  // ---- alg
  {
    name: 'alg none carrying the signature of a valid token',
    token: async (w) => {
      const valid = await instance(w)
      return `${base64urlJson({ ...SESSION_HEADER, alg: 'none' })}.${segment(valid, 1)}.${segment(valid, 2)}`
    },
    ...badAlg('"none"'),
  },
  {
    name: 'alg "None"',
    token: () => `${base64urlJson({ ...SESSION_HEADER, alg: 'None' })}.${base64urlJson(sessionClaims())}.`,
    ...badAlg('"None"'),
  },
  {
    name: 'alg "rs256" (lower case)',
    token: (w) =>
      instance(w, sessionClaims(), {}).then((t) =>
        withSegment(t, 0, base64urlJson({ ...SESSION_HEADER, alg: 'rs256' })),
      ),
    ...badAlg('"rs256"'),
  },
  {
    name: 'HS256 keyed with the JWKS entry (the JWK JSON) as the secret',
    token: (w) =>
      signToken({
        privateKey: new TextEncoder().encode(JSON.stringify(w.instanceKey.publicJwk)),
        alg: 'HS256',
        kid: 'ins_rs256',
      }),
    ...badAlg('"HS256"'),
  },
  {
    name: 'HS512 keyed with the modulus n as the secret',
    token: (w) =>
      signToken({
        privateKey: new TextEncoder().encode(String(w.instanceKey.publicJwk.n)),
        alg: 'HS512',
        kid: 'ins_rs256',
      }),
    ...badAlg('"HS512"'),
  },
  {
    name: 'HS256 with a random secret and the instance kid',
    token: async () =>
      signToken({ privateKey: await generateSecret('HS256', { extractable: true }), alg: 'HS256', kid: 'ins_rs256' }),
    ...badAlg('"HS256"'),
  },
  {
    name: 'ES384',
    token: async () => signToken({ ...(await generateKeyPair('ES384')), alg: 'ES384', kid: 'ins_rs256' }),
    ...badAlg('"ES384"'),
  },
  {
    name: 'PS512',
    token: async () => signToken({ ...(await generateKeyPair('PS512')), alg: 'PS512', kid: 'ins_rs256' }),
    ...badAlg('"PS512"'),
  },
  {
    name: 'alg as an array holding RS256',
    token: (w) =>
      signRaw(
        w.instanceKey.privateKey,
        JSON.stringify({ ...SESSION_HEADER, alg: ['RS256'] }),
        JSON.stringify(sessionClaims()),
      ),
    ...badAlg('["RS256"]'),
  },
  {
    name: 'alg as an object',
    token: (w) =>
      signRaw(
        w.instanceKey.privateKey,
        JSON.stringify({ ...SESSION_HEADER, alg: { name: 'RS256' } }),
        JSON.stringify(sessionClaims()),
      ),
    ...badAlg('{"name":"RS256"}'),
  },
  {
    name: 'RS384 on the instance kid, whose JWKS entry is for RS256 only',
    token: (w) =>
      signRaw(
        w.instanceKey.privateKey,
        JSON.stringify({ ...SESSION_HEADER, alg: 'RS384' }),
        JSON.stringify(sessionClaims()),
      ),
    reason: 'token-verification-failed',
    text: `Error verifying JWT signature. The JWKS key kid='ins_rs256' cannot verify RS384: no applicable key found in the JSON Web Key Set. ${ENSURE_JWT}`,
  },

  // ---- kid
  { name: 'no kid', token: (w) => instance(w, sessionClaims(), { kid: undefined }), ...kidMismatch('undefined') },
  {
    name: 'an unknown kid',
    token: (w) => impostor(w, sessionClaims(), { kid: 'ins_unknown' }),
    ...kidMismatch('ins_unknown'),
    fetches: 1,
  },
  {
    name: 'a 10 KB kid',
    token: (w) => impostor(w, sessionClaims(), { kid: LONG_KID }),
    ...kidMismatch(`${'k'.repeat(100)}…`),
    fetches: 1,
  },
  {
    name: 'a path-like kid ../../etc/passwd',
    token: (w) => impostor(w, sessionClaims(), { kid: '../../etc/passwd' }),
    ...kidMismatch('../../etc/passwd'),
    fetches: 1,
  },
  {
    name: 'a percent-encoded path kid %2e%2e%2f',
    token: (w) => impostor(w, sessionClaims(), { kid: '%2e%2e%2f%2e%2e%2fjwks?x=' }),
    ...kidMismatch('%2e%2e%2f%2e%2e%2fjwks?x='),
    fetches: 1,
  },
  {
    name: 'a kid with CR LF and a header line',
    token: (w) => impostor(w, sessionClaims(), { kid: 'ins_x\r\nX-Injected: 1' }),
    ...kidMismatch('ins_x??X-Injected: 1'),
    fetches: 1,
  },
  {
    name: 'a kid with a NUL byte after the real one',
    token: (w) => impostor(w, sessionClaims(), { kid: 'ins_rs256\u0000' }),
    ...kidMismatch('ins_rs256?'),
    fetches: 1,
  },
  {
    name: 'the kid with a trailing space',
    token: (w) => impostor(w, sessionClaims(), { kid: 'ins_rs256 ' }),
    ...kidMismatch('ins_rs256 '),
    fetches: 1,
  },
  {
    name: 'the kid in upper case',
    token: (w) => impostor(w, sessionClaims(), { kid: 'INS_RS256' }),
    ...kidMismatch('INS_RS256'),
    fetches: 1,
  },
  { name: 'a numeric kid', token: (w) => instance(w, sessionClaims(), { kid: 42 }), ...kidMismatch('42') },
  { name: 'a null kid', token: (w) => instance(w, sessionClaims(), { kid: null }), ...kidMismatch('null') },
  {
    name: 'an object kid',
    token: (w) => instance(w, sessionClaims(), { kid: { $ne: null } }),
    ...kidMismatch('[object Object]'),
  },

  // ---- typ and cat
  { name: 'typ "jwt" (lower case)', token: (w) => instance(w, sessionClaims(), { typ: 'jwt' }), ...badTyp('"jwt"') },
  { name: 'an empty typ', token: (w) => instance(w, sessionClaims(), { typ: '' }), ...badTyp('""') },
  { name: 'a numeric typ', token: (w) => instance(w, sessionClaims(), { typ: 1 }), ...badTyp('1') },
  {
    name: 'typ application/at+jwt',
    token: (w) => instance(w, sessionClaims(), { typ: 'application/at+jwt' }),
    reason: 'token-type-mismatch',
    text: `Invalid JWT type "application/at+jwt": an OAuth access token is not a session token. ${ENSURE_JWT}`,
  },
  {
    name: 'an unknown cat',
    token: (w) => instance(w, sessionClaims(), { cat: 'cl_ZZZ' }),
    ...notSessionCategory('"cl_ZZZ"'),
  },
  { name: 'a null cat', token: (w) => instance(w, sessionClaims(), { cat: null }), ...notSessionCategory('null') },
  {
    name: 'cat as an array holding the session category',
    token: (w) => instance(w, sessionClaims(), { cat: ['cl_B7d4PD111AAA'] }),
    ...notSessionCategory('["cl_B7d4PD111AAA"]'),
  },
  {
    name: 'a template token (cat 222) signed by the instance itself',
    token: (w) => instance(w, { ...sessionClaims(), sid: undefined, v: undefined }, { cat: 'cl_B7d4PD222AAA' }),
    ...notSessionCategory('"cl_B7d4PD222AAA"'),
  },
  {
    name: 'a machine token: machine cat and mch_ subject',
    token: (w) => instance(w, sessionClaims({ sub: 'mch_2abc' }), { cat: 'cl_B7d4PD333AAA' }),
    ...notSessionCategory('"cl_B7d4PD333AAA"'),
  },

  // ---- keys that travel in the token itself, and header extensions
  {
    name: "jku pointing at the attacker's key set",
    token: (w) => impostor(w, sessionClaims(), { jku: `${w.server.url}/attacker/jwks.json` }),
    ...badSignature,
  },
  {
    name: "an embedded jwk holding the attacker's key",
    token: (w) => impostor(w, sessionClaims(), { jwk: w.impostorKey.publicJwk }),
    ...badSignature,
  },
  {
    name: 'x5u pointing at the attacker',
    token: (w) => impostor(w, sessionClaims(), { x5u: `${w.server.url}/attacker/cert.pem` }),
    ...badSignature,
  },
  {
    name: 'crit naming an extension nobody understands (signed by the instance)',
    token: (w) =>
      signRaw(
        w.instanceKey.privateKey,
        JSON.stringify({ ...SESSION_HEADER, crit: ['urn:evil'], 'urn:evil': true }),
        JSON.stringify(sessionClaims()),
      ),
    reason: 'token-verification-failed',
    text: `Error verifying JWT signature. Extension Header Parameter "urn:evil" is not recognized ${ENSURE_JWT}`,
  },

  // ---- signatures
  {
    name: 'the header and payload of one token with the signature of another',
    token: async (w) => {
      const wanted = await impostor(w, sessionClaims({ sub: 'user_admin' }))
      const valid = await instance(w)
      return withSegment(wanted, 2, segment(valid, 2))
    },
    ...badSignature,
  },
  {
    name: 'a signature cut in half',
    token: async (w) => {
      const t = await instance(w)
      return withSegment(t, 2, segment(t, 2).slice(0, 171))
    },
    ...badSignature,
  },
  {
    name: 'a 4 KB signature of zeros',
    token: async (w) => withSegment(await instance(w), 2, 'A'.repeat(4096)),
    ...badSignature,
  },
  {
    name: 'a signature with base64 padding',
    token: async (w) => {
      const t = await instance(w)
      return withSegment(t, 2, `${segment(t, 2)}==`)
    },
    reason: 'token-invalid',
    text: UNDECODABLE,
  },
  {
    name: 'a payload with base64 padding',
    token: async (w) => {
      const t = await instance(w)
      return withSegment(t, 1, `${segment(t, 1)}=`)
    },
    reason: 'token-invalid',
    text: UNDECODABLE,
  },
  {
    name: 'a valid token with a trailing dot',
    token: async (w) => `${await instance(w)}.`,
    reason: 'token-invalid',
    text: THREE_PARTS,
  },
  { name: 'only dots', token: () => '..', reason: 'token-invalid', text: UNDECODABLE },
  {
    name: 'a 100 KB payload signed by the impostor',
    token: (w) => impostor(w, sessionClaims({ padding: 'x'.repeat(100 * 1024) })),
    ...badSignature,
  },
  {
    name: 'a payload nested 100 000 arrays deep',
    token: async (w) =>
      withSegment(await instance(w), 1, b64url(`{"sub":"user_2xyz","a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`)),
    ...badSignature,
  },
  {
    name: 'a payload that is a JSON string',
    token: async (w) => withSegment(await instance(w), 1, base64urlJson(JSON.stringify('{"sub":"user_2xyz"}'))),
    reason: 'token-invalid',
    text: UNDECODABLE,
  },
  {
    name: 'a payload that is a JSON number',
    token: async (w) => withSegment(await instance(w), 1, base64urlJson('42')),
    reason: 'token-invalid',
    text: UNDECODABLE,
  },

  // ---- other instances
  {
    name: "another instance's token (its kid and its Frontend API)",
    token: (w) => signToken(w.foreignKey, sessionClaims({ iss: 'https://clerk.other.example' })),
    ...kidMismatch('ins_foreign'),
    fetches: 1,
    cookie: notOurCookie,
  },
  {
    name: "another instance's key passing itself off with this instance's Frontend API",
    token: (w) => signToken(w.foreignKey, sessionClaims()),
    ...kidMismatch('ins_foreign'),
    fetches: 1,
  },

  // ---- time claims on the clock frozen at T (default skew 5 s)
  {
    name: 'exp exactly at the skew edge',
    token: (w) => instance(w, sessionClaims({ exp: T_SECONDS - 5 })),
    ...expired(T_SECONDS - 5),
  },
  {
    name: 'exp a day ago',
    token: (w) => instance(w, sessionClaims({ exp: T_SECONDS - 86_400 })),
    ...expired(T_SECONDS - 86_400),
  },
  { name: 'exp 0', token: (w) => instance(w, sessionClaims({ exp: 0 })), ...expired(0) },
  { name: 'a negative exp', token: (w) => instance(w, sessionClaims({ exp: -1 })), ...expired(-1) },
  {
    name: 'exp now with clockSkewInMs 0',
    token: (w) => instance(w, sessionClaims({ exp: T_SECONDS })),
    options: { clockSkewInMs: 0 },
    ...expired(T_SECONDS),
  },
  {
    name: 'exp true',
    token: (w) => instance(w, sessionClaims({ exp: true })),
    ...notANumber('expiry date claim (exp)', 'true'),
  },
  {
    name: 'nbf 1 s beyond the skew edge',
    token: (w) => instance(w, sessionClaims({ nbf: T_SECONDS + 6 })),
    ...notActiveYet(T_SECONDS + 6),
  },
  {
    name: 'nbf a year ahead',
    token: (w) => instance(w, sessionClaims({ nbf: T_SECONDS + 31_536_000 })),
    ...notActiveYet(T_SECONDS + 31_536_000),
  },
  {
    name: 'nbf as an array',
    token: (w) => instance(w, sessionClaims({ nbf: [0] })),
    ...notANumber('not before date claim (nbf)', '[0]'),
  },
  {
    name: 'iat 1 s beyond the skew edge',
    token: (w) => instance(w, sessionClaims({ iat: T_SECONDS + 6, nbf: undefined })),
    ...issuedInTheFuture(T_SECONDS + 6),
  },
  {
    name: 'iat as a string',
    token: (w) => instance(w, sessionClaims({ iat: String(T_SECONDS) })),
    ...notANumber('issued at date claim (iat)', `"${T_SECONDS}"`),
  },

  // ---- sub
  { name: 'sub null', token: (w) => instance(w, sessionClaims({ sub: null })), ...badSub('null') },
  {
    name: 'sub an array',
    token: (w) => instance(w, sessionClaims({ sub: ['user_2xyz'] })),
    ...badSub('["user_2xyz"]'),
  },
  {
    name: 'sub an object',
    token: (w) => instance(w, sessionClaims({ sub: { id: 'user_2xyz' } })),
    ...badSub('{"id":"user_2xyz"}'),
  },
  { name: 'sub true', token: (w) => instance(w, sessionClaims({ sub: true })), ...badSub('true') },
  {
    name: 'sub hidden under __proto__',
    token: (w) =>
      signRaw(
        w.instanceKey.privateKey,
        JSON.stringify(SESSION_HEADER),
        JSON.stringify({ ...sessionClaims({ sub: undefined }), ['__proto__']: { sub: 'user_admin' } }),
      ),
    ...badSub('undefined'),
  },

  // ---- azp with authorizedParties
  {
    name: 'azp an array holding the allowed origin',
    token: (w) => instance(w, sessionClaims({ azp: [ORIGIN] })),
    options: { authorizedParties: [ORIGIN] },
    ...badAzp(`["${ORIGIN}"]`),
  },
  {
    name: 'azp in upper case',
    token: (w) => instance(w, sessionClaims({ azp: ORIGIN.toUpperCase() })),
    options: { authorizedParties: [ORIGIN] },
    ...badAzp(`"${ORIGIN.toUpperCase()}"`),
  },
  {
    name: 'azp with a trailing slash',
    token: (w) => instance(w, sessionClaims({ azp: `${ORIGIN}/` })),
    options: { authorizedParties: [ORIGIN] },
    ...badAzp(`"${ORIGIN}/"`),
  },
  {
    name: 'azp on a look-alike host',
    token: (w) => instance(w, sessionClaims({ azp: `${ORIGIN}.evil.example` })),
    options: { authorizedParties: [ORIGIN] },
    ...badAzp(`"${ORIGIN}.evil.example"`),
  },
  {
    name: 'azp null',
    token: (w) => instance(w, sessionClaims({ azp: null })),
    options: { authorizedParties: [ORIGIN] },
    ...badAzp('null'),
  },

  // ---- aud with audience
  {
    name: 'aud an object',
    token: (w) => instance(w, sessionClaims({ aud: { 0: 'api' } })),
    options: { audience: 'api' },
    ...badAud('claim (aud)', '{"0":"api"}', '["api"]'),
  },
  {
    name: 'aud an empty array',
    token: (w) => instance(w, sessionClaims({ aud: [] })),
    options: { audience: 'api' },
    ...badAud('claim array (aud)', '[]', '["api"]'),
  },
  {
    name: 'aud a prefix of the audience',
    token: (w) => instance(w, sessionClaims({ aud: 'ap' })),
    options: { audience: 'api' },
    ...badAud('claim (aud)', '"ap"', '["api"]'),
  },
]
