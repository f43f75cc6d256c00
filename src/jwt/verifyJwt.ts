// The one way through verification: every token the package trusts (getAuth's header or cookie, a handshake's or a
// refresh's new session token, the public verifyToken) goes through `verifyJwt`, which runs its kind's rules in one
// order and checks each token's signature once per (instance, kind, exact token):
//   1. a token verified before, for this instance and kind, not older than the key set's trust: its claims only;
//   2. else decode it, and refuse it on its header before any key is looked up;
//   3. else join the check of the same token already in flight, or check its signature: synchronously when the key
//      is known and node:crypto can (the answer comes back without a promise), asynchronously only when a key must
//      be imported or fetched or jose must run on WebCrypto; a valid signature is remembered, a failure never is;
//   4. then its claims, against the clock of this call (exp, nbf, iat, azp, aud are checked on every use).
import { decodeJwt, type DecodedJwt } from './decodeJwt.js'
import { jwksScope, type KeyOptions, type SessionTokenAlgorithm } from './keys.js'
import { TokenVerificationErrorReason as Reason, failure, type VerificationFailure } from './reasons.js'
import { findVerified, keyOf, remember, touch, vouches } from './verifiedTokenCache.js'
import { forgetOnReset } from '../shared/processState.js'
import {
  checkSignature,
  type SignatureResult,
  type TokenKind,
  type VerificationOptions,
  type VerifyResult,
} from './verify.js'

/** Checks of a token's signature running now, by the token's tail (as the cache keys it); each names its token. */
const inFlight = new Map<
  number,
  {
    readonly token: string
    readonly kind: string
    readonly instance: string
    readonly promise: Promise<SignatureResult>
  }
>()
let signatureChecks = 0
forgetOnReset(() => {
  signatureChecks = 0
})

/**
 * Names the keys a token is verified with: the `jwtKey` PEM when there is one (it alone decides), else
 * the JWKS of (apiUrl, apiVersion, secretKey), as the key cache scopes it.
 */
export function instanceIdentity(options: KeyOptions): string {
  return options.jwtKey ? `pem:${options.jwtKey}` : `jwks:${jwksScope(options)}`
}

/**
 * Verifies `token` as a `kind` (e.g. `SESSION_TOKEN`) with the keys and claim checks of `options`. Never throws, never
 * rejects: a refusal is a `VerificationFailure` with its reason. The answer is a value when no step has to wait (a
 * token seen before; a new token whose key is known, on a runtime with node:crypto) and a promise otherwise.
 * `instance` must be `instanceIdentity(options)`; callers that verify often compute it once. Pass the `DecodedJwt`
 * when the caller already decoded the token, so it is not decoded twice.
 */
export function verifyJwt(
  token: string | DecodedJwt,
  kind: TokenKind,
  options: VerificationOptions,
  instance: string,
): VerifyResult | Promise<VerifyResult> {
  // Callers in JavaScript can pass anything: what is neither a string nor a decoded token is refused as not a JWT.
  if (typeof token !== 'string' && !isDecodedJwt(token)) return decodeJwt(token) as VerificationFailure
  const text = typeof token === 'string' ? token : token.token
  // `skipJwksCache` asks for keys fetched now: a signature remembered from earlier keys would not say that.
  if (options.skipJwksCache !== true) {
    const entry = findVerified(text)
    const now = Date.now()
    if (entry !== undefined && vouches(entry, kind.name, instance, now)) {
      touch(text, entry)
      return withClaims(entry, kind, options, now)
    }
  }

  let jwt: DecodedJwt
  if (typeof token === 'string') {
    const decoded = decodeJwt(token)
    if (!decoded.ok) return decoded
    jwt = decoded.jwt
  } else {
    jwt = token
  }
  const header = kind.checkHeader(jwt)
  if (!header.ok) return header

  const signature = sharedSignatureCheck(jwt, header.alg, kind.name, options, instance)
  if (signature instanceof Promise) {
    return signature.then((checked) => (checked.ok ? withClaims(jwt, kind, options, Date.now()) : checked))
  }
  return signature.ok ? withClaims(jwt, kind, options, Date.now()) : signature
}

function isDecodedJwt(value: unknown): value is DecodedJwt {
  return typeof value === 'object' && value !== null && typeof (value as DecodedJwt).token === 'string'
}

function withClaims(
  jwt: Pick<DecodedJwt, 'header' | 'payload'>,
  kind: TokenKind,
  options: VerificationOptions,
  now: number,
): VerifyResult {
  const claims = kind.checkClaims(jwt.payload, options, now)
  return claims.ok ? { ok: true, payload: claims.payload, header: jwt.header } : claims
}

/**
 * Joins a check of the same token for the same instance and kind already running, or checks the signature: at once
 * when it can, else through a promise that concurrent callers share until it settles. Only a valid signature is
 * remembered: a failure is checked again every time, so nothing can make a bad token pass later.
 */
function sharedSignatureCheck(
  jwt: DecodedJwt,
  alg: SessionTokenAlgorithm,
  kind: string,
  options: KeyOptions,
  instance: string,
): SignatureResult | Promise<SignatureResult> {
  const { token } = jwt
  const key = keyOf(token)
  const running = inFlight.get(key)
  if (running !== undefined && running.token === token && running.instance === instance && running.kind === kind)
    return running.promise
  signatureChecks += 1
  let checked: SignatureResult | Promise<SignatureResult>
  try {
    checked = checkSignature(jwt, alg, options)
  } catch (error) {
    return unexpected(error)
  }
  if (!(checked instanceof Promise)) {
    if (checked.ok) remember(jwt, kind, instance)
    return checked
  }
  // A check for another instance or kind (or another token with the same ending) holds the slot: run alone rather
  // than displace it.
  const holdsSlot = running === undefined
  const settle = (result: SignatureResult): SignatureResult => {
    if (holdsSlot) inFlight.delete(key)
    if (result.ok) remember(jwt, kind, instance)
    return result
  }
  const promise = checked.then(settle, (error: unknown) => settle(unexpected(error)))
  // `settle` runs in a later microtask, so the slot is always taken before it is given back.
  if (holdsSlot) inFlight.set(key, { token, kind, instance, promise })
  return promise
}

/** Only a bug (ours or an injected fetcher's) gets here; it still must not take the request down. */
function unexpected(error: unknown): VerificationFailure {
  return failure(Reason.TokenVerificationFailed, `Unexpected error while verifying the session token: ${String(error)}`)
}

/** @internal Test hook: how many signature checks ran (cache misses) in this process. */
export function signatureCheckCount(): number {
  return signatureChecks
}
