// Splits a compact JWT and parses its header and payload, without verifying anything.
// Request authentication needs the unverified `iat`/`iss` of the cookie token before it verifies it, so
// the decoded form is shared with verification instead of decoding the same token twice; and a token already
// verified is not parsed again: its decoded form comes from the verified-token cache.
import { TokenVerificationErrorReason as Reason, failure, type VerificationFailure } from './reasons.js'
import { BoundedCache } from '../shared/boundedCache.js'
import { forgetOnReset } from '../shared/processState.js'
import { detached } from '../shared/detached.js'
import { findVerified } from './verifiedTokenCache.js'

export interface JwtHeader {
  alg?: unknown
  typ?: unknown
  kid?: unknown
  cat?: unknown
  [name: string]: unknown
}

/** Session token claims as Clerk mints them (§4 of the local backend spec); anything else is allowed. */
export interface JwtPayload {
  iss?: string
  sub: string
  sid?: string
  iat?: number
  nbf?: number
  exp: number
  azp?: string
  aud?: string | string[]
  act?: ActClaim
  fva?: [firstFactorAge: number, secondFactorAge: number]
  sts?: SessionStatusClaim
  v?: number
  [claim: string]: unknown
}

export interface ActClaim {
  sub: string
  [claim: string]: unknown
}

export type SessionStatusClaim = 'active' | 'pending'

export interface DecodedJwt {
  readonly header: JwtHeader
  /** Unverified: only trust it after verification succeeded. */
  readonly payload: Record<string, unknown>
  /** The compact token itself, kept so verification can hand it to jose unchanged. */
  readonly token: string
}

export type DecodeResult = { readonly ok: true; readonly jwt: DecodedJwt } | VerificationFailure

const BASE64URL = /^[A-Za-z0-9_-]*$/
const NON_ASCII = /[\u0080-\uffff]/
const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

const notThreeParts = () =>
  failure(Reason.TokenInvalid, 'Invalid JWT form. A JWT consists of three parts separated by dots.')
const undecodable = () =>
  failure(Reason.TokenInvalid, 'Invalid JWT form. The header, payload, or signature could not be decoded.')

export function decodeJwt(token: unknown): DecodeResult {
  if (typeof token !== 'string') return notThreeParts()
  // What parsing it would give (it was parsed so before it was verified), at the cost of one lookup instead of a
  // base64 decode and a JSON parse of its claims. Decoding vouches for nothing: whoever verified it, it is unverified here.
  const known = findVerified(token)
  if (known !== undefined) return { ok: true, jwt: { header: known.header, payload: known.payload, token } }
  const first = token.indexOf('.')
  const second = first === -1 ? -1 : token.indexOf('.', first + 1)
  if (second === -1 || token.indexOf('.', second + 1) !== -1) return notThreeParts()

  const rawHeader = token.slice(0, first)
  const rawPayload = token.slice(first + 1, second)
  // The signature is only checked for its alphabet here; jose decodes it when it verifies.
  if (!BASE64URL.test(token.slice(second + 1))) return undecodable()

  const header = knownHeaders.get(rawHeader) ?? parseHeader(rawHeader)
  const payload = header && parseSegment(rawPayload)
  if (!header || !payload) return undecodable()
  return { ok: true, jwt: { header, payload, token } }
}

// Every session token of an instance carries the same header segment (alg, kid, typ, cat): it is parsed once and the
// frozen result shared, which saves a decode per new token and the header's memory in every verified-token cache
// entry. Bounded, since headers come from requests.
const knownHeaders = new BoundedCache<string, JwtHeader>(32)
forgetOnReset(() => knownHeaders.clear())

function parseHeader(segment: string): JwtHeader | undefined {
  const header = parseSegment(segment)
  // Kept under a copy of the segment: the segment itself is a slice of the request's whole Cookie header.
  if (header) knownHeaders.set(detached(segment), Object.freeze(header))
  return header
}

function parseSegment(segment: string): Record<string, unknown> | undefined {
  if (segment.length === 0 || !BASE64URL.test(segment)) return undefined
  try {
    const value: unknown = JSON.parse(base64urlToText(segment))
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

/**
 * The Web-standard `atob` after the two base64url substitutions. This runs on every request that carries
 * a cookie token, and on Node 20 it costs a tenth of jose's `base64url.decode` (whose per-byte copy
 * dominates). Clerk claims are ASCII; only text with other bytes goes through a strict UTF-8 decoder.
 */
function base64urlToText(segment: string): string {
  const binary = atob(segment.replace(/-/g, '+').replace(/_/g, '/'))
  if (!NON_ASCII.test(binary)) return binary
  return strictUtf8.decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)))
}
