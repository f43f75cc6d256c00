/**
 * How a satellite's Frontend API host gets the browser's client from the primary's (see http/satellites.ts):
 *
 * 1. `GET <satellite FAPI>/v1/client/sync?redirect_url=R` (what ClerkJS calls on a satellite, and where the
 *    handshake sends a satellite's first sync) goes on to the primary's `/v1/client/sync`;
 * 2. `GET <primary FAPI>/v1/client/sync?redirect_url=R` reads the primary's `__client` cookie and hands its client
 *    over as a one-time link token: `307 <satellite FAPI>/v1/client/link?token=…&redirect_url=R`;
 * 3. `GET <satellite FAPI>/v1/client/link` sets the satellite host's `__client` to that client (or clears it when
 *    the primary has none) and goes back to R with `__clerk_synced=true`, so that nobody syncs again at once.
 *
 * R is a satellite application's page, or the satellite host's own handshake (which then completes).
 */
import { randomBytes } from 'node:crypto'
import type { Context } from 'hono'
import type { Core } from '../core/core.js'
import { clerkError, paramMissing, unprocessable } from '../shared/errors.js'
import { LINK_TOKEN_PREFIX } from '../store/nonceStore.js'
import { clientSetCookie, cookieClient, expiredClientCookie } from './clientCookie.js'

const LINK_LIFETIME_MS = 60_000
const SYNCED = '__clerk_synced'

/** The primary's Frontend API, for a request that arrived on a satellite host. */
export function isPrimaryHost(core: Core, c: Context): boolean {
  return new URL(c.req.url).origin === core.satellites.primaryOrigin()
}

/** `GET /v1/client/sync`. */
export function sync(core: Core, c: Context): Response {
  const target = checkedTarget(core, c.req.query('redirect_url'))
  if (!isPrimaryHost(core, c)) {
    const next = new URL('/v1/client/sync', core.satellites.primaryOrigin())
    next.searchParams.set('redirect_url', target.url.href)
    return redirect(next.href)
  }
  const client = cookieClient(core, c)
  const token = `${LINK_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`
  const now = core.now()
  core.store.transaction(() => {
    core.store.nonces.purgeExpired(now)
    core.store.nonces.insert({
      nonce: token,
      directives: client ? [client.id] : [],
      created_at: now,
      expires_at: now + LINK_LIFETIME_MS,
    })
  })
  const link = new URL('/v1/client/link', target.frontendApi)
  link.searchParams.set('token', token)
  link.searchParams.set('redirect_url', target.url.href)
  return redirect(link.href)
}

/** `GET /v1/client/link`. */
export function link(core: Core, c: Context): Response {
  const target = checkedTarget(core, c.req.query('redirect_url'))
  const token = c.req.query('token')
  if (!token) throw unprocessable(paramMissing('token'))
  const linked = token.startsWith(LINK_TOKEN_PREFIX)
    ? core.store.transaction(() => core.store.nonces.take(token, core.now()))
    : undefined
  if (!linked) {
    throw clerkError(
      400,
      'invalid_link_token',
      'Invalid link token',
      'The link token is unknown, expired or already used. Start the sync again.',
    )
  }
  // A link is redeemed only on the satellite host it was made for: elsewhere it would hand the client to another jar.
  if (new URL(c.req.url).origin !== target.frontendApi) {
    throw clerkError(400, 'invalid_link_token', 'Invalid link token', 'This link token belongs to another host.')
  }
  const client = linked[0] === undefined ? undefined : core.store.clients.get(linked[0])
  const back = new URL(target.url)
  back.searchParams.set(SYNCED, 'true')
  return redirect(back.href, client?.cookie_token ? clientSetCookie(core, c, client) : expiredClientCookie(core, c))
}

interface SyncTarget {
  url: URL
  /** The Frontend API origin of the satellite that `url` belongs to. */
  frontendApi: string
}

/**
 * `redirect_url` of a sync: a satellite application's page, or the handshake of a satellite's Frontend API host.
 * Anything else is refused: the link that ends the sync carries a client to whatever host it names.
 */
function checkedTarget(core: Core, raw: string | undefined): SyncTarget {
  if (!raw) throw unprocessable(paramMissing('redirect_url'))
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw notAllowed(`redirect_url must be an absolute URL (got ${JSON.stringify(raw.slice(0, 100))}).`)
  }
  const frontendApi = core.satellites.frontendApiOriginFor(url.hostname)
  if (!frontendApi || url.username !== '' || url.password !== '')
    throw notAllowed(`${url.origin} is not a satellite of this instance.`)
  if (core.satellites.isSatelliteOrigin(url.origin)) return { url, frontendApi }
  if (url.origin === frontendApi && url.pathname === '/v1/client/handshake') return { url, frontendApi }
  throw notAllowed(`${url.origin}${url.pathname} is neither a satellite application nor its handshake.`)
}

function notAllowed(problem: string) {
  return clerkError(
    403,
    'redirect_url_not_allowed',
    'Redirect URL not allowed',
    `${problem} Satellites are configured with the satelliteOrigins option (--satellite-origin).`,
    { param_name: 'redirect_url' },
  )
}

function redirect(location: string, setCookie?: string): Response {
  const headers = new Headers({ Location: location, 'Cache-Control': 'no-store' })
  if (setCookie) headers.append('Set-Cookie', setCookie)
  return new Response(null, { status: 307, headers })
}
