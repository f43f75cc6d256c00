// `GET /v1/tickets/accept?ticket=…`: where an invitation's link (its `url`) leads. As on Clerk, the browser goes on to
// the invitation's `redirect_url` with `__clerk_ticket` and `__clerk_status` (`sign_up`, or `sign_in` when the
// invited address has an account), where <SignUp/>, <SignIn/> or a custom flow uses the ticket.
import type { Context } from 'hono'
import type { Core } from '../core.js'
import { findTicket } from '../services/tickets.js'
import { errorPage } from './html.js'

export function acceptTicket(core: Core, c: Context): Promise<Response> | Response {
  const found = findTicket(core, c.req.query('ticket') ?? '')
  if (!found) {
    return errorPage(404, 'Invitation not found', 'This invitation link is not valid.', 'Ask whoever invited you for a new invitation.')
  }
  const { invitation } = found
  if (invitation.status !== 'pending') {
    return errorPage(410, `Invitation ${invitation.status}`, `This invitation is ${invitation.status} and can no longer be used.`, 'Ask whoever invited you for a new one.')
  }
  // Checked again here: the allowed origins may have changed since the invitation was made.
  const check = core.allowedOrigins.checkRedirect(invitation.redirect_url ?? undefined)
  if (!check.ok) {
    const fix =
      check.kind === 'missing'
        ? 'remix-clerk-local has no hosted sign-up page to send you to: create the invitation with redirect_url, the page of your app that shows <SignUp/> (or <SignIn/>).'
        : 'Create the invitation again with a redirect_url on an allowed origin.'
    return errorPage(400, 'Cannot open this invitation', check.problem, fix)
  }
  const target = check.url
  const hasAccount = core.store.users.userIdByEmail(invitation.email_address) !== undefined
  target.searchParams.set('__clerk_ticket', invitation.ticket)
  target.searchParams.set('__clerk_status', found.kind === 'organization_invitation' && hasAccount ? 'sign_in' : 'sign_up')
  return new Response(null, { status: 303, headers: { Location: target.href, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' } })
}
