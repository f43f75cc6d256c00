// The `__client` cookie on this server's own origin: which browser client a Frontend API request belongs to.
import type { Context } from 'hono'
import { generateCookie, getCookie } from 'hono/cookie'
import type { Core } from '../core/core.js'
import { clientForCookie, createBrowserClient } from '../services/clients.js'
import type { ClientRecord } from '../store/clientStore.js'

const CLIENT_COOKIE = '__client'
const CLIENT_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60

/** The client whose `__client` cookie (on this server's origin) came with the request, if any. */
export function cookieClient(core: Core, c: Context): ClientRecord | undefined {
  return clientForCookie(core, getCookie(c, CLIENT_COOKIE))
}

/**
 * The request's client, created when the browser has none (or one this database never issued). `setCookie` is
 * then the `__client` cookie to send: HttpOnly, because no script ever needs it, and SameSite=Lax, so it comes
 * along on top-level navigations from the app (the handshake) but not on cross-site requests a page makes.
 */
export function ensureCookieClient(core: Core, c: Context): { client: ClientRecord; setCookie: string | undefined } {
  const existing = cookieClient(core, c)
  if (existing) return { client: existing, setCookie: undefined }
  const client = createBrowserClient(core)
  return { client, setCookie: clientSetCookie(core, c, client) }
}

/** The `__client` cookie that hands `client` to this browser. */
export function clientSetCookie(core: Core, c: Context, client: ClientRecord): string {
  return clientCookie(core, c, client.cookie_token)
}

/** The `__client` cookie expired: the browser forgets its client (`DELETE /v1/client`). */
export function expiredClientCookie(core: Core, c: Context): string {
  return clientCookie(core, c, null)
}

function clientCookie(core: Core, c: Context, token: string | null): string {
  const secure = new URL(c.req.url).protocol === 'https:' || core.frontendApiUrl().startsWith('https:')
  return generateCookie(CLIENT_COOKIE, token ?? '', {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    maxAge: token === null ? 0 : CLIENT_COOKIE_MAX_AGE_SECONDS,
  })
}
