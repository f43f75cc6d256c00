// Binds a handshake to the browser that started it, as OAuth's `state` does. A nonce or token in a URL is redeemed for
// whoever opens the URL: an attacker who signs in in his own browser and stops at the redirect back to the app could
// send that link and sign the victim in as himself (login CSRF), and the server-side refresh would keep it so. So the
// redirect to the Frontend API carries a random value in its `redirect_url`, and the browser gets the same value in
// a cookie on the app; a nonce or token that comes back in the URL counts only next to its value. Clerk's Frontend API
// sends the browser back to `redirect_url` with its query intact, so nothing on its side changes. (In production
// Clerk's Frontend API puts the handshake in a cookie on the app's domain instead, which no other site can set.)
import { stringifySetCookie } from 'cookie'
import type { RequestContext } from './requestContext.js'

/** The query parameter in `redirect_url` and the cookie beside it. */
export const HANDSHAKE_BINDING = '__clerk_handshake_binding'

/** Long enough for the redirects of a handshake (a satellite's goes through the primary), short enough to vanish. */
const BINDING_MAX_AGE_SECONDS = 120
/** Handshakes started at once in several tabs each keep their value; older ones make way. */
const MAX_PENDING = 3
const VALUE = /^[A-Za-z0-9_-]{22}$/

/** Whether the handshake parameters in the URL came back to the browser that was sent for them. */
export function isBoundToThisBrowser(context: RequestContext): boolean {
  const value = context.queryParameter(HANDSHAKE_BINDING)
  return value !== undefined && VALUE.test(value) && pendingValues(context).includes(value)
}

/** A new value for a handshake about to start, and the cookie that keeps it (with the others still pending). */
export function newBinding(context: RequestContext): { value: string; setCookie: string } {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  const value = btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
  const pending = [value, ...pendingValues(context)].slice(0, MAX_PENDING)
  return { value, setCookie: bindingCookie(context, pending) }
}

/** The cookie without the value this request used, once its handshake is over; undefined when none was used. */
export function usedBindingRemoval(context: RequestContext): string | undefined {
  const used = context.queryParameter(HANDSHAKE_BINDING)
  const pending = pendingValues(context)
  if (used === undefined || !pending.includes(used)) return undefined
  return bindingCookie(
    context,
    pending.filter((value) => value !== used),
  )
}

function pendingValues(context: RequestContext): string[] {
  return (context.cookie(HANDSHAKE_BINDING) ?? '')
    .split('.')
    .filter((value) => VALUE.test(value))
    .slice(0, MAX_PENDING)
}

function bindingCookie(context: RequestContext, pending: readonly string[]): string {
  return stringifySetCookie(HANDSHAKE_BINDING, pending.join('.'), {
    path: '/',
    httpOnly: true,
    // Sent on the top-level navigation back from the Frontend API, also when that is another site (development).
    sameSite: 'lax',
    secure: context.clerkUrl.protocol === 'https:',
    maxAge: pending.length === 0 ? 0 : BINDING_MAX_AGE_SECONDS,
  })
}
