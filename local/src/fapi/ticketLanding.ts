// `GET /v1/tickets/accept?ticket=…`: where a ticket's link (the `url` of an invitation, a sign-in token or an actor
// token) leads. As on Clerk, an invitation made with a `redirect_url` goes on to it with `__clerk_ticket` and
// `__clerk_status` (`sign_up`, or `sign_in` when the invited address has an account), where <SignUp/>, <SignIn/> or a
// custom flow uses the ticket; any other goes to the hosted sign-up or sign-in page (the local Account Portal, on the
// origin the browser reached this link by, so it shares the `__client` cookie), whose component uses it. Opening the link uses nothing up: the ticket is spent by the sign-in or sign-up it leads to.
import type { Context } from 'hono'
import type { Core } from '../core/core.js'
import { type FoundTicket, findTicket } from '../services/tickets.js'
import { PORTAL_PATHS } from './accountPortal/urls.js'
import { errorPage } from './html.js'

export function acceptTicket(core: Core, c: Context): Response | Promise<Response> {
  const found = findTicket(core, c.req.query('ticket') ?? '')
  if (!found) {
    return errorPage(
      404,
      'Link not found',
      'This invitation or sign-in link is not valid.',
      'Ask whoever sent it for a new one.',
    )
  }
  const { status } = 'invitation' in found ? found.invitation : found.token
  if (status !== 'pending') {
    return errorPage(
      410,
      `Link ${status}`,
      `This link is ${status} and can no longer be used.`,
      'Ask whoever sent it for a new one.',
    )
  }
  const target = destination(core, c, found)
  if (!target.ok) return errorPage(400, 'Cannot open this link', target.problem, target.fix)
  return new Response(null, {
    status: 303,
    headers: { Location: target.url.href, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' },
  })
}

type Destination = { ok: true; url: URL } | { ok: false; problem: string; fix: string }

/** Where the browser goes with the ticket: the invitation's own page, or the hosted page that uses the ticket. */
function destination(core: Core, c: Context, found: FoundTicket): Destination {
  if (found.kind === 'invitation' || found.kind === 'organization_invitation') {
    const { invitation } = found
    const hasAccount = core.store.users.userIdByEmail(invitation.email_address) !== undefined
    const status = found.kind === 'organization_invitation' && hasAccount ? 'sign_in' : 'sign_up'
    let url: URL
    if (invitation.redirect_url === null) {
      url = new URL(status === 'sign_in' ? PORTAL_PATHS.signIn : PORTAL_PATHS.signUp, c.req.url)
    } else {
      // Checked again here: the allowed origins may have changed since the invitation was made.
      const check = core.allowedOrigins.checkRedirect(invitation.redirect_url)
      if (!check.ok)
        return {
          ok: false,
          problem: check.problem,
          fix: 'Create the invitation again with a redirect_url on an allowed origin.',
        }
      url = check.url
    }
    url.searchParams.set('__clerk_ticket', invitation.ticket)
    url.searchParams.set('__clerk_status', status)
    return { ok: true, url }
  }
  // A sign-in or actor token: the hosted sign-in page signs in with it, then goes on to `redirect_url` when the link
  // names one (checked now, and again by the page), else to the user's account page.
  const url = new URL(PORTAL_PATHS.signIn, c.req.url)
  url.searchParams.set('__clerk_ticket', found.token.token)
  const redirect = c.req.query('redirect_url')
  if (redirect !== undefined) {
    const check = core.allowedOrigins.checkRedirect(redirect)
    if (!check.ok)
      return { ok: false, problem: check.problem, fix: 'Leave redirect_url out, or name a page of an allowed origin.' }
    url.searchParams.set('redirect_url', check.url.href)
  }
  return { ok: true, url }
}
