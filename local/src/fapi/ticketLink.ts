// `GET /v1/tickets/accept?ticket=…`: the `url` of a sign-in token or an actor token, for a browser without ClerkJS.
// Opening it signs the browser in (on a fresh client, as every sign-in here) and goes back to the app through the
// handshake when `redirect_url` names an allowed origin; otherwise a page says who is signed in.
import type { Context } from 'hono'
import { html } from 'hono/html'
import type { Core } from '../core.js'
import { ClerkApiError } from '../errors.js'
import { signInOnFreshClient } from '../services/clients.js'
import { redeemTicket } from '../services/tickets.js'
import { clientSetCookie, cookieClient } from './clientCookie.js'
import { handshakeLocation } from './handshake.js'
import { errorPage, htmlResponse, page } from './html.js'

export async function acceptTicket(core: Core, c: Context): Promise<Response> {
  const rawRedirect = c.req.query('redirect_url')
  const redirect = rawRedirect === undefined ? undefined : core.allowedOrigins.checkRedirect(rawRedirect)
  if (redirect && !redirect.ok) return errorPage(400, 'Cannot continue', redirect.problem, 'Leave redirect_url out, or name a page of an allowed origin.')
  const ticket = c.req.query('ticket') ?? ''
  let signedIn
  try {
    signedIn = core.store.transaction(() => {
      const redeemed = redeemTicket(core, ticket)
      return signInOnFreshClient(core, cookieClient(core, c), redeemed.userId, undefined, { actor: redeemed.actor, lifetimeMs: redeemed.lifetimeMs })
    })
  } catch (error) {
    if (!(error instanceof ClerkApiError)) throw error
    return errorPage(error.status, 'Cannot sign in', error.errors[0]!.long_message, 'Ask the Backend API for a new sign-in token.')
  }
  const headers = new Headers({ 'Set-Cookie': clientSetCookie(core, c, signedIn.client), 'Cache-Control': 'no-store' })
  if (redirect) {
    headers.set('Location', handshakeLocation(redirect.url))
    return new Response(null, { status: 303, headers })
  }
  const response = await htmlResponse(page('Signed in', html`<p>This browser is signed in to remix-clerk-local as <code>${signedIn.session.user_id}</code>. Go back to your app.</p>`))
  response.headers.append('Set-Cookie', headers.get('Set-Cookie')!)
  return response
}
