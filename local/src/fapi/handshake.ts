// `/v1/client/handshake`: how a server SDK learns a browser's session state, via a redirect and a one-time nonce.
import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'
import type { Core } from '../core/core.js'
import { ClerkApiError, clerkError, paramMissing, unprocessable } from '../shared/errors.js'
import { currentSession } from '../services/clients.js'
import { type CookieForm, signedOutDirectives, signedOutNonce, storeNonce } from '../services/handshakeNonces.js'
import { jwsSigner } from '../tokens/jwsSigner.js'
import { SESSION_TOKEN_CATEGORY } from '../tokens/sessionClaims.js'
import { activateOrganization } from '../services/sessions.js'
import { claimsSignedByInstance, refreshTokenFor } from '../services/refresh.js'
import type { SessionRecord } from '../store/sessionStore.js'
import { refreshCookie, signedInCookies, suffixForFrontendApi } from '../http/appCookies.js'
import { cookieClient } from './clientCookie.js'
import { isPrimaryHost } from './satelliteSync.js'

const HANDSHAKE_TOKEN_LIFETIME_SECONDS = 60

/** Query parameters of an earlier handshake that must not survive into the next redirect. */
const HANDSHAKE_PARAMS = ['__clerk_handshake', '__clerk_handshake_nonce']
/**
 * What remix-clerk binds its handshakes to the browser with: this value in `redirect_url`, and the same among the
 * '.'-separated values of the cookie on the app (which this server sees too when it shares the app's host name).
 */
const BINDING = '__clerk_handshake_binding'

/** Where the sign-in and sign-out pages send the browser: our own handshake, answered with a nonce. */
export function handshakeLocation(redirectUrl: URL): string {
  const query = new URLSearchParams({ redirect_url: redirectUrl.href, format: 'nonce', suffixed_cookies: 'true' })
  return `/v1/client/handshake?${query}`
}

/**
 * `GET /v1/client/handshake`: the app's server sent the browser here because its cookies could not say who is
 * signed in. The `__client` cookie says it; the answer is a 307 back to `redirect_url` carrying the cookies the
 * app's server must set, as a one-time nonce (`format=nonce`, what Clerk SDKs ask for) or a signed token
 * (`format=token`, the default). A satellite's handshake first takes the browser's client from the primary
 * (satelliteSync.ts). Other parameters the SDK sends (`__clerk_api_version`, `__clerk_hs_reason`, `__clerk_db_jwt`)
 * are accepted and ignored.
 *
 * A GET any page can make (an `<img>`, a link) changes nothing and stores nothing for a browser that is not signed
 * in: no client is created (signing in makes a fresh one anyway), and a signed-out answer's nonce is stored nowhere.
 * The one change the protocol asks of it, `organization_id` (organization sync: an id, a slug, or `''` for the
 * personal account, activated when the user is a member), is made only when the request shows that the app's server
 * sent this very browser (`organizationSwitchIsTheApps`).
 */
export async function handshake(core: Core, c: Context): Promise<Response> {
  const redirectUrl = checkedRedirectUrl(core, c.req.query('redirect_url'))
  const format = choice(c.req.query('format'), 'format', ['token', 'nonce'])
  const suffixed = choice(c.req.query('suffixed_cookies'), 'suffixed_cookies', ['false', 'true']) === 'true'
  const detour = satelliteDetour(core, c, redirectUrl)
  if (detour) return detour
  const client = cookieClient(core, c)
  const form: CookieForm = { suffixed, secure: redirectUrl.protocol === 'https:' }

  let session = client && currentSession(core, client)
  const organizationId = c.req.query('organization_id')
  if (session && organizationId !== undefined && (await organizationSwitchIsTheApps(core, c, session, redirectUrl))) {
    activateOrganization(core, session, organizationId)
    session = currentSession(core, client!)
  }
  const current = session && core.store.clients.get(session.client_id)
  let directives: string[] | undefined
  if (session && current) {
    const refreshSuffix = suffixForFrontendApi(core.frontendApiUrl())
    directives = [
      ...signedInCookies(
        await core.minter.sessionToken(session.id, { origin: redirectUrl.origin }),
        current.updated_at,
        {
          suffix: suffixed ? refreshSuffix : undefined,
          secure: form.secure,
        },
      ),
      refreshCookie(refreshTokenFor(core, session), refreshSuffix, form.secure),
    ]
  }

  const target = new URL(redirectUrl)
  for (const name of HANDSHAKE_PARAMS) target.searchParams.delete(name)
  if (format === 'nonce')
    target.searchParams.set('__clerk_handshake_nonce', directives ? storeNonce(core, directives) : signedOutNonce(form))
  else
    target.searchParams.set(
      '__clerk_handshake',
      await handshakeToken(core, directives ?? signedOutDirectives(core, form)),
    )
  return new Response(null, { status: 307, headers: { Location: target.href, 'Cache-Control': 'no-store' } })
}

/**
 * Whether the app's own server sent this browser to activate an organization, rather than a link or an `<img>` on
 * some page: the request carries what only that server can have put there for this browser. `@clerk/backend` 3 adds
 * the browser's session token (`__session`), which must be one of this instance's for the client's current session;
 * remix-clerk leaves tokens out of URLs and binds its handshakes instead (its `redirect_url` carries a value that the
 * browser also holds in a cookie on the app, seen here when this server shares the app's host name).
 */
async function organizationSwitchIsTheApps(
  core: Core,
  c: Context,
  session: SessionRecord,
  redirectUrl: URL,
): Promise<boolean> {
  const binding = redirectUrl.searchParams.get(BINDING)
  if (binding && (getCookie(c, BINDING) ?? '').split('.').includes(binding)) return true
  const token = c.req.query('__session')
  return token !== undefined && (await claimsSignedByInstance(core, token))?.sid === session.id
}

/**
 * A satellite's handshake on its own Frontend API host (see http/satellites.ts) first syncs with the primary when the
 * app asks for that (`satellite-needs-syncing`) or this host knows no signed-in client; `__clerk_synced=true` on the
 * handshake URL says the sync just happened, so it never repeats.
 */
function satelliteDetour(core: Core, c: Context, redirectUrl: URL): Response | undefined {
  const { satellites } = core
  if (!satellites.any || !satellites.isSatelliteOrigin(redirectUrl.origin) || isPrimaryHost(core, c)) return undefined
  if (c.req.query('__clerk_synced') === 'true') return undefined
  const client = cookieClient(core, c)
  const signedIn = client !== undefined && currentSession(core, client) !== undefined
  if (signedIn && c.req.query('__clerk_hs_reason') !== 'satellite-needs-syncing') return undefined
  const sync = new URL('/v1/client/sync', satellites.primaryOrigin())
  sync.searchParams.set('redirect_url', c.req.url)
  return new Response(null, { status: 307, headers: { Location: sync.href, 'Cache-Control': 'no-store' } })
}

function checkedRedirectUrl(core: Core, raw: string | undefined): URL {
  const check = core.allowedOrigins.checkRedirect(raw)
  if (check.ok) return check.url
  if (check.kind === 'missing') throw unprocessable(paramMissing('redirect_url'))
  if (check.kind === 'malformed') {
    throw unprocessable({
      code: 'form_param_format_invalid',
      message: 'is invalid',
      long_message: check.problem,
      meta: { param_name: 'redirect_url' },
    })
  }
  throw clerkError(403, 'redirect_url_not_allowed', 'Redirect URL not allowed', check.problem, {
    param_name: 'redirect_url',
  })
}

/** An optional parameter with a fixed set of values; absent means the first one. */
function choice<T extends string>(value: string | undefined, name: string, allowed: readonly [T, ...T[]]): T {
  if (value === undefined) return allowed[0]
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw new ClerkApiError(422, [
    {
      code: 'form_param_value_invalid',
      message: 'is invalid',
      long_message: `${name} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value.slice(0, 100))}).`,
      meta: { param_name: name },
    },
  ])
}

/** The directives in a JWT signed by the instance key, which the app's server verifies like a session token. */
function handshakeToken(core: Core, directives: string[]): Promise<string> {
  const issuedAt = Math.floor(core.now() / 1000)
  const header = { alg: 'RS256', kid: core.keys.instanceId, typ: 'JWT', cat: SESSION_TOKEN_CATEGORY }
  const sign = jwsSigner('RS256', core.keys.signingKeyObject, header)
  return sign(
    JSON.stringify({ handshake: directives, iat: issuedAt, exp: issuedAt + HANDSHAKE_TOKEN_LIFETIME_SECONDS }),
  )
}
