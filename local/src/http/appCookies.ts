// The cookies an app's server SDK reads (`__session`, `__client_uat`, `__refresh`, with Clerk's suffixes), set the same
// way by the handshake and the Backend API.
import { createHash } from 'node:crypto'
import { generateCookie } from 'hono/cookie'
import { publishableKeyFor } from '../shared/urls.js'

/** `__client_uat` outlives the session cookie: "signed out at 0" must be remembered too. */
const CLIENT_UAT_MAX_AGE_SECONDS = 365 * 24 * 60 * 60

/**
 * Clerk SDKs also read cookies named `<name>_<suffix>`, where the suffix is the first 8 characters of
 * base64url(SHA-1(publishable key)): it tells apart the cookies of several Clerk instances on one domain.
 */
export function cookieSuffix(publishableKey: string): string {
  return createHash('sha1').update(publishableKey).digest('base64url').slice(0, 8)
}

let lastSuffix = { url: '', suffix: '' }

/** The suffix for this instance's publishable key; computed again only when the Frontend API URL changes. */
export function suffixForFrontendApi(frontendApiUrl: string): string {
  if (lastSuffix.url !== frontendApiUrl)
    lastSuffix = { url: frontendApiUrl, suffix: cookieSuffix(publishableKeyFor(frontendApiUrl)) }
  return lastSuffix.suffix
}

export interface AppCookieOptions {
  /** Also emit `<name>_<suffix>`; undefined for plain names only. */
  suffix: string | undefined
  /** Only when the app is served over https: a `Secure` cookie would never come back from plain http. */
  secure: boolean
}

/**
 * The Set-Cookie values (handshake "directives") an app's server applies for a signed-in browser: a session
 * token in `__session` and the client's last change in `__client_uat`, both readable by the page's script so
 * `/local-clerk.js` can keep `__session` fresh.
 */
export function signedInCookies(sessionToken: string, clientUpdatedAtMs: number, options: AppCookieOptions): string[] {
  return [
    ...named('__session', options, (name) => cookie(name, sessionToken, options)),
    ...clientUatCookies(clientUpdatedAtMs, options),
  ]
}

/**
 * `__client_uat` alone: the client's last sign-in or sign-out in seconds, or 0 for "signed out" (undefined). The
 * Frontend API sets it for ClerkJS, which writes `__session` itself.
 */
export function clientUatCookies(clientUpdatedAtMs: number | undefined, options: AppCookieOptions): string[] {
  const value = clientUpdatedAtMs === undefined ? '0' : String(Math.floor(clientUpdatedAtMs / 1000))
  return named('__client_uat', options, (name) => cookie(name, value, options, CLIENT_UAT_MAX_AGE_SECONDS))
}

/** Clears the session token and records "signed out" (`__client_uat=0`), so the SDK stops asking. */
export function signedOutCookies(options: AppCookieOptions): string[] {
  return [
    ...named('__session', options, (name) => cookie(name, '', options, 0)),
    ...clientUatCookies(undefined, options),
  ]
}

/**
 * `__refresh_<suffix>`: the session's refresh token, which the app's server sends to the Backend API with an expired
 * session token (see services/refresh.ts). Always suffixed, the only name SDKs read; HttpOnly, since no script needs
 * it. Without a token it is cleared.
 */
export function refreshCookie(refreshToken: string | undefined, suffix: string, secure: boolean): string {
  return generateCookie(`__refresh_${suffix}`, refreshToken ?? '', {
    path: '/',
    sameSite: 'Lax',
    httpOnly: true,
    secure,
    ...(refreshToken === undefined ? { maxAge: 0 } : {}),
  })
}

function named(base: string, { suffix }: AppCookieOptions, make: (name: string) => string): string[] {
  return suffix ? [make(`${base}_${suffix}`), make(base)] : [make(base)]
}

function cookie(name: string, value: string, { secure }: AppCookieOptions, maxAge?: number): string {
  return generateCookie(name, value, {
    path: '/',
    sameSite: 'Lax',
    secure,
    ...(maxAge === undefined ? {} : { maxAge }),
  })
}
