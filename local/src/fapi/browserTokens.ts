// Tokens for a browser on the strength of its `__client` cookie, what `/local-clerk.js` and ClerkJS refresh with.
import type { Context } from 'hono'
import type { Core } from '../core/core.js'
import { clerkError } from '../shared/errors.js'
import { tokenJson } from '../http/respond.js'
import { cookieClient } from './clientCookie.js'

const unauthorized = (detail: string) =>
  clerkError(401, 'authentication_invalid', 'Unauthorized request', `${detail} Sign in again through the handshake.`)

/**
 * `POST /v1/client/sessions/{sid}/tokens[/{template}]`, what `/local-clerk.js` calls to keep `__session` fresh:
 * a bare `{object: "token", jwt}` minted with `azp` = the page's `Origin`, which must be an allowed one.
 *
 * The credential is the browser's `__client` cookie, as on Clerk's Frontend API, and nothing else: the session must
 * belong to that client (and be active, which the minter checks). A session token is not accepted instead, not even
 * an unexpired one: a token from a log or a proxy would otherwise mint fresh tokens for the whole session. The
 * cookie is SameSite=Lax, so a page's `fetch` sends it only when the page and this server are the same site: an app
 * on `http://localhost:3000` loads the script from `http://localhost:4000`, not `http://127.0.0.1:4000`.
 */
export function browserTokenHandler(core: Core): (c: Context) => Promise<Response> {
  return async (c) => {
    const sessionId = c.req.param('session_id')!
    const origin = c.req.header('origin')
    if (origin !== undefined && !core.allowedOrigins.allows(origin)) {
      throw clerkError(
        403,
        'origin_not_allowed',
        'Origin not allowed',
        `Requests from ${origin.slice(0, 200)} are not allowed. Add the origin with the allowedOrigins option or the --allowed-origin flag.`,
      )
    }
    const client = cookieClient(core, c)
    if (!client) {
      throw unauthorized(
        'This request carries no __client cookie of a signed-in browser. Browsers send it only when the page is on the ' +
          'same site as this server: load /local-clerk.js from this server under the host name of your app (e.g. localhost).',
      )
    }
    const session = core.store.sessions.getStored(sessionId)
    if (!session || session.client_id !== client.id) {
      throw unauthorized(`The __client cookie sent does not belong to session ${sessionId.slice(0, 100)}.`)
    }
    const template = c.req.param('template')
    const mint = { origin }
    const jwt =
      template === undefined
        ? await core.minter.sessionToken(sessionId, mint)
        : await core.minter.templateToken(sessionId, template, mint)
    return tokenJson(jwt)
  }
}
