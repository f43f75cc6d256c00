// The rules a Clerk session token must pass: its header, its signature (node:crypto where the runtime has it, else
// jose on WebCrypto), its claims. verifyJwt.ts applies them, in that order, through the verified-token cache.
// Internally nothing throws: every outcome is a value with a reason, so a bad token is a signed-out
// state and never a crash. Only the public `verifyToken` throws, as upstream's does.
import { compactVerify } from 'jose/jws/compact/verify'
import type { DecodedJwt, JwtHeader, JwtPayload } from './decodeJwt.js'
import type { CryptoKey } from 'jose'
import {
  SESSION_TOKEN_ALGORITHMS,
  knownVerificationKey,
  resolveVerificationKey,
  type KeyOptions,
  type SessionTokenAlgorithm,
} from './keys.js'
import {
  TokenVerificationErrorAction as Action,
  TokenVerificationErrorReason as Reason,
  failure,
  type VerificationFailure,
} from './reasons.js'
import { printable, quote } from '../shared/quote.js'
import { verifySignatureNow } from './syncSignature.js'

/** What verification needs: where the keys come from, and the claim checks (the public `VerifyTokenOptions` plus `fetchJwks`). */
export interface VerificationOptions extends KeyOptions {
  /** Accepted `aud` values; once set, a token must carry one of them. */
  audience?: string | string[] | undefined
  /** Accepted `azp` origins (e.g. `['https://example.com']`); once set, a token must carry one of them. */
  authorizedParties?: string[] | undefined
  /** Tolerated clock difference for `exp`, `nbf` and `iat`; default 5000, and 0 means none. */
  clockSkewInMs?: number | undefined
}

export type VerifyResult =
  { readonly ok: true; readonly payload: JwtPayload; readonly header: JwtHeader } | VerificationFailure

const DEFAULT_CLOCK_SKEW_MS = 5_000

/** Header `cat` values that may be used as a session; any other category is another kind of token. */
const SESSION_CATEGORY = 'cl_B7d4PD111AAA'
const IGNORED_CATEGORY = 'cl_I7d4PD111III'
const OAUTH_ACCESS_TOKEN_TYPES = new Set(['at+jwt', 'application/at+jwt'])
const MACHINE_SUBJECT_PREFIX = 'mch_'

/**
 * What makes a token of one kind valid, besides its signature: the header rules (checked before any key is looked
 * up) and the claim rules (checked on every use, against the clock of that use). verifyJwt.ts runs every kind through
 * the same steps and the same verified-token cache, in which a token counts only for the kind it was verified as.
 */
export interface TokenKind {
  /** Names the kind in the verified-token cache. */
  readonly name: string
  readonly checkHeader: (
    jwt: DecodedJwt,
  ) => { readonly ok: true; readonly alg: SessionTokenAlgorithm } | VerificationFailure
  readonly checkClaims: (
    payload: Record<string, unknown>,
    options: VerificationOptions,
    now: number,
  ) => { readonly ok: true; readonly payload: JwtPayload } | VerificationFailure
}

/** A Clerk session token: what `getAuth`, `verifyToken`, a handshake and a refresh accept as a signed-in session. */
export const SESSION_TOKEN: TokenKind = Object.freeze({
  name: 'session_token',
  checkHeader: checkSessionHeader,
  checkClaims: checkSessionClaims,
})

/** Token kind, `typ` and `alg`: everything that can be refused before any key is looked up. */
function checkSessionHeader(
  jwt: DecodedJwt,
): { readonly ok: true; readonly alg: SessionTokenAlgorithm } | VerificationFailure {
  const { header, payload } = jwt
  const { cat, typ, alg } = header
  if (cat !== undefined && cat !== SESSION_CATEGORY && cat !== IGNORED_CATEGORY) {
    return failure(
      Reason.TokenTypeMismatch,
      `Invalid session token category (cat) ${quote(cat)}. JWT template and machine tokens cannot be used as session tokens.`,
      Action.EnsureClerkJWT,
    )
  }
  if (typeof typ === 'string' && OAUTH_ACCESS_TOKEN_TYPES.has(typ)) {
    return failure(
      Reason.TokenTypeMismatch,
      `Invalid JWT type ${quote(typ)}: an OAuth access token is not a session token.`,
      Action.EnsureClerkJWT,
    )
  }
  if (typeof payload.sub === 'string' && payload.sub.startsWith(MACHINE_SUBJECT_PREFIX)) {
    return failure(
      Reason.TokenTypeMismatch,
      `Subject claim (sub) ${quote(payload.sub)} is a machine, not a user session.`,
      Action.EnsureClerkJWT,
    )
  }
  if (typ !== undefined && typ !== 'JWT') {
    return failure(Reason.TokenInvalid, `Invalid JWT type ${quote(typ)}. Expected "JWT".`, Action.EnsureClerkJWT)
  }
  if (!SESSION_TOKEN_ALGORITHMS.includes(alg as SessionTokenAlgorithm)) {
    return failure(
      Reason.TokenInvalidAlgorithm,
      `Invalid JWT algorithm ${quote(alg)}. Supported: ${SESSION_TOKEN_ALGORITHMS.join(',')}.`,
      Action.EnsureClerkJWT,
    )
  }
  return { ok: true, alg: alg as SessionTokenAlgorithm }
}

export type SignatureResult = { readonly ok: true } | VerificationFailure

/**
 * Checks the signature with the key the token's header names, pinned to the one algorithm already allowed; a bad
 * signature or key is a failure, not a rejection. Answers at once when it can (the key is known and `node:crypto`
 * checks the signature synchronously, see syncSignature.ts) and through a promise only when it must (a key to import
 * or fetch, jose on WebCrypto): each async layer between a loader and the check costs a promise and a turn of the
 * microtask queue.
 */
export function checkSignature(
  jwt: DecodedJwt,
  alg: SessionTokenAlgorithm,
  options: KeyOptions,
): SignatureResult | Promise<SignatureResult> {
  const header = { kid: jwt.header.kid, alg }
  const known = knownVerificationKey(header, options)
  if (known !== undefined) return known.ok ? verifyWithKey(jwt, alg, known.key) : known
  return resolveVerificationKey(header, options).then((key) => (key.ok ? verifyWithKey(jwt, alg, key.key) : key))
}

// jose's options for one algorithm, built once rather than per token.
const PINNED = Object.fromEntries(
  SESSION_TOKEN_ALGORITHMS.map((alg) => [
    alg,
    Object.freeze({ algorithms: Object.freeze([alg]) as unknown as string[] }),
  ]),
) as Record<SessionTokenAlgorithm, { algorithms: string[] }>
const SIGNATURE_OK: SignatureResult = Object.freeze({ ok: true })

function verifyWithKey(
  jwt: DecodedJwt,
  alg: SessionTokenAlgorithm,
  key: CryptoKey,
): SignatureResult | Promise<SignatureResult> {
  const valid = verifySignatureNow(jwt.token, alg, key, jwt.header)
  if (valid !== undefined) return valid ? SIGNATURE_OK : invalidSignature()
  return compactVerify(jwt.token, key, PINNED[alg]).then(() => SIGNATURE_OK, signatureFailure)
}

const invalidSignature = () => failure(Reason.TokenInvalidSignature, 'JWT signature is invalid.')

function signatureFailure(error: unknown): VerificationFailure {
  if ((error as { code?: unknown } | null)?.code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') return invalidSignature()
  const detail = error instanceof Error ? error.message : String(error)
  return failure(
    Reason.TokenVerificationFailed,
    `Error verifying JWT signature. ${printable(detail, 200)}`,
    Action.EnsureClerkJWT,
  )
}

/**
 * The claims of a token whose signature is already verified. Time claims are read against `now`,
 * so a cache of verified signatures can re-check them on every use. `SESSION_TOKEN.checkClaims`; machine JWTs
 * (verifyMachineJwt.ts) check theirs with it too.
 */
export function checkSessionClaims(
  payload: Record<string, unknown>,
  options: Pick<VerificationOptions, 'audience' | 'authorizedParties' | 'clockSkewInMs'>,
  now: number = Date.now(),
): { readonly ok: true; readonly payload: JwtPayload } | VerificationFailure {
  const skew = clockSkew(options.clockSkewInMs)
  const { sub, aud, azp } = payload

  // Ours: an empty `sub` is refused as well; upstream only asks for a string.
  if (typeof sub !== 'string' || sub === '') {
    return failure(
      Reason.TokenVerificationFailed,
      `Subject claim (sub) is required and must be a string. Received ${quote(sub)}.`,
      Action.EnsureClerkJWT,
    )
  }

  // Checked on every request: no lists are built when no audience is configured.
  const audiences = options.audience === undefined ? NO_AUDIENCES : configuredAudiences(options.audience)
  if (audiences.length > 0 && !audienceMatches(aud, audiences)) {
    const what = Array.isArray(aud) ? 'claim array (aud)' : 'claim (aud)'
    return failure(
      Reason.TokenVerificationFailed,
      `Invalid JWT audience ${what} ${quote(aud)}. Is not included in "${quote(audiences)}".`,
      Action.EnsureClerkJWT,
    )
  }

  const parties = options.authorizedParties
  if (parties && parties.length > 0 && (typeof azp !== 'string' || !parties.includes(azp))) {
    return failure(
      Reason.TokenInvalidAuthorizedParties,
      `Invalid JWT Authorized party claim (azp) ${quote(azp)}. Expected "${printable(String(parties))}".`,
    )
  }

  const time = checkTimeClaims(payload, skew, now)
  return time.ok ? { ok: true, payload: payload as JwtPayload } : time
}

/**
 * `exp` (required), `nbf` and `iat` (optional) against `now`, with `skewMs` of tolerance either way. Shared by
 * session tokens and handshake tokens: a signed token replayed after its expiry is refused in both.
 */
export function checkTimeClaims(
  payload: Record<string, unknown>,
  skewMs: number,
  now: number,
): { readonly ok: true } | VerificationFailure {
  const { exp, nbf, iat } = payload
  if (typeof exp !== 'number') return notANumber('expiry date claim (exp)', exp)
  if (exp * 1000 <= now - skewMs) {
    return failure(Reason.TokenExpired, `JWT is expired. Expiry date: ${utc(exp * 1000)}, Current date: ${utc(now)}.`)
  }

  // nbf and iat are optional, and refused only when later than now plus the skew.
  if (nbf !== undefined) {
    if (typeof nbf !== 'number') return notANumber('not before date claim (nbf)', nbf)
    if (nbf * 1000 > now + skewMs) {
      return failure(
        Reason.TokenNotActiveYet,
        `JWT cannot be used prior to not before date claim (nbf). Not before date: ${utc(nbf * 1000)}; Current date: ${utc(now)};`,
      )
    }
  }
  if (iat !== undefined) {
    if (typeof iat !== 'number') return notANumber('issued at date claim (iat)', iat)
    if (iat * 1000 > now + skewMs) {
      return failure(
        Reason.TokenIatInTheFuture,
        `JWT issued at date claim (iat) is in the future. Issued at date: ${utc(iat * 1000)}; Current date: ${utc(now)};`,
      )
    }
  }

  return TIME_OK
}

const TIME_OK = Object.freeze({ ok: true as const })

function notANumber(claim: string, value: unknown): VerificationFailure {
  return failure(
    Reason.TokenVerificationFailed,
    `Invalid JWT ${claim} ${quote(value)}. Expected number.`,
    Action.EnsureClerkJWT,
  )
}

export function clockSkew(value: number | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : DEFAULT_CLOCK_SKEW_MS
}

const NO_AUDIENCES: readonly string[] = []

function configuredAudiences(audience: string | string[]): string[] {
  return [audience].flat().filter((value): value is string => typeof value === 'string' && value !== '')
}

// Ours: once an audience is configured, a token without `aud` fails; upstream lets it through.
function audienceMatches(aud: unknown, audiences: readonly string[]): boolean {
  if (typeof aud === 'string') return audiences.includes(aud)
  return Array.isArray(aud) && aud.some((value) => typeof value === 'string' && audiences.includes(value))
}

function utc(ms: number): string {
  return new Date(ms).toUTCString()
}
