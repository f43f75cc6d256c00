// Handshake nonces: what `GET /v1/client/handshake` hands the browser back with, and the Backend API's
// `GET /v1/clients/handshake_payload` redeems for the app's cookies. A signed-in browser's cookies are stored under a
// random nonce, redeemed once within a minute. A signed-out answer is the same for everyone (clear the cookies), so its
// nonce names that answer and nothing is stored: a request without a `__client` cookie (an `<img>` on any page) leaves
// no row behind.
import { randomBytes } from 'node:crypto'
import type { Core } from '../core/core.js'
import { refreshCookie, signedOutCookies, suffixForFrontendApi } from '../http/appCookies.js'
import { LINK_TOKEN_PREFIX } from '../store/nonceStore.js'

/** Long enough for the app's server to redeem it right away, short enough that a leaked URL is soon useless. */
const NONCE_LIFETIME_MS = 60_000
/** `signed_out_<suffixed 0|1><secure 0|1>`: the only stateless nonces, told apart from the random ones by the prefix. */
const SIGNED_OUT_PREFIX = 'signed_out_'
const SIGNED_OUT = /^signed_out_([01])([01])$/

export interface CookieForm {
  /** The app asked for suffixed names too (`suffixed_cookies=true`). */
  suffixed: boolean
  /** The app is served over https. */
  secure: boolean
}

/** Stores a signed-in browser's directives under a new random nonce. */
export function storeNonce(core: Core, directives: string[]): string {
  const nonce = randomBytes(32).toString('base64url')
  const now = core.now()
  core.store.transaction(() => {
    // Unredeemed nonces (a closed tab, a failed app) would otherwise pile up; the index keeps this cheap.
    core.store.nonces.purgeExpired(now)
    core.store.nonces.insert({ nonce, directives, created_at: now, expires_at: now + NONCE_LIFETIME_MS })
  })
  return nonce
}

/** The nonce of the signed-out answer in this cookie form; nothing is stored. */
export function signedOutNonce({ suffixed, secure }: CookieForm): string {
  return `${SIGNED_OUT_PREFIX}${Number(suffixed)}${Number(secure)}`
}

/** The cookies that sign a browser out of the app: no session token, `__client_uat=0`, no refresh token. */
export function signedOutDirectives(core: Core, { suffixed, secure }: CookieForm): string[] {
  const suffix = suffixForFrontendApi(core.frontendApiUrl())
  return [
    ...signedOutCookies({ suffix: suffixed ? suffix : undefined, secure }),
    refreshCookie(undefined, suffix, secure),
  ]
}

/** The directives a nonce stands for (a stored one only once), or undefined for an unknown, used or expired one. */
export function redeemNonce(core: Core, nonce: string): string[] | undefined {
  const signedOut = SIGNED_OUT.exec(nonce)
  if (signedOut) return signedOutDirectives(core, { suffixed: signedOut[1] === '1', secure: signedOut[2] === '1' })
  // A satellite's link token shares the table but is never a handshake's payload.
  if (nonce.startsWith(LINK_TOKEN_PREFIX)) return undefined
  return core.store.transaction(() => core.store.nonces.take(nonce, core.now()))
}
