// The sign-in and sign-out pages' handlers: pick or type a user, choose an organization, go back to the app.
import type { Context } from 'hono'
import type { Core } from '../core/core.js'
import { ClerkApiError } from '../shared/errors.js'
import { signInOnFreshClient, signOutClient } from '../services/clients.js'
import { checkAccess } from '../services/accessLists.js'
import { assertMaySignIn } from '../services/userAccess.js'
import { createUser } from '../services/users.js'
import type { UserRecord } from '../store/userStore.js'
import { isEmailAddress } from '../validation/emailAddress.js'
import { clientSetCookie, cookieClient } from './clientCookie.js'
import { readOwnForm } from './formPost.js'
import { handshakeLocation } from './handshake.js'
import { PORTAL_SCRIPT_PATH } from './accountPortal/urls.js'
import { errorPage, htmlResponse } from './html.js'
import {
  type OrganizationChoice,
  type UserChoice,
  organizationPage,
  signInPage,
  signedOutPage,
} from './userPickerHtml.js'

/** The sign-in page lists this many users, newest first; anyone else signs in by typing their address. */
const LISTED_USERS = 100

/**
 * `GET /sign-in?redirect_url=…`: the page to pick a user. ClerkJS pointed here (`CLERK_SIGN_IN_URL`) puts
 * `redirect_url` after `#`, out of the server's sight: so the page that says it is missing runs the hosted pages'
 * script, which moves it into the query and reloads (without JavaScript, the page's advice stands).
 */
export async function showSignIn(core: Core, c: Context): Promise<Response> {
  const redirect = pageRedirectUrl(core, c.req.query('redirect_url'), PORTAL_SCRIPT_PATH)
  if (!redirect.ok) return redirect.errorPage
  return htmlResponse(signInPage({ redirectUrl: redirect.url, users: listedUsers(core) }))
}

/**
 * `POST /sign-in`: `user_id` (a listed user) or `email` (found, or created on first use), then `organization_id`
 * ('' for none) when the user belongs to organizations. Signs the browser in on a new client (see
 * `signInOnFreshClient`) and sends it through the handshake back to the app, which receives the cookies from there.
 */
export async function submitSignIn(core: Core, c: Context): Promise<Response> {
  const posted = await readOwnForm(core, c)
  if (!posted.ok) return errorPage(posted.status, 'Cannot sign in', posted.problem, posted.fix)
  const { form } = posted
  const redirect = pageRedirectUrl(core, form.get('redirect_url') ?? undefined)
  if (!redirect.ok) return redirect.errorPage
  const redirectUrl = redirect.url

  const chosen = chooseUser(core, form)
  if ('error' in chosen) {
    const page = signInPage({
      redirectUrl,
      users: listedUsers(core),
      email: form.get('email') ?? '',
      error: chosen.error,
    })
    return htmlResponse(page, 422)
  }
  const { user } = chosen
  const organizations = organizationChoices(core, user.id)
  const organizationId = form.get('organization_id')
  if (organizationId === null && organizations.length > 0) {
    const selected = preselectedOrganization(core, user.id, organizations)
    return htmlResponse(organizationPage({ redirectUrl, user: userChoice(core, user), organizations, selected }))
  }

  let setCookie: string
  try {
    const { client } = signInOnFreshClient(core, cookieClient(core, c), user.id, organizationId || undefined)
    setCookie = clientSetCookie(core, c, client)
  } catch (error) {
    if (!(error instanceof ClerkApiError)) throw error
    const message = `That organization cannot be chosen for ${userChoice(core, user).name}: pick one from the list.`
    const selected = preselectedOrganization(core, user.id, organizations)
    const page = organizationPage({
      redirectUrl,
      user: userChoice(core, user),
      organizations,
      selected,
      error: message,
    })
    return htmlResponse(page, 422)
  }
  return seeOther(handshakeLocation(redirectUrl), setCookie)
}

/**
 * `GET` or `POST /sign-out`: ends this browser's sessions, then goes through the handshake so the app clears its
 * cookies too. Without `redirect_url` it just confirms. GET is there for plain links: another site can at most
 * sign the browser out by navigating it here (the SameSite=Lax `__client` cookie comes only with top-level
 * navigations, never with images, frames or fetches), which is acceptable for a development tool.
 */
export async function signOut(core: Core, c: Context): Promise<Response> {
  let raw: string | undefined
  if (c.req.method === 'POST') {
    const posted = await readOwnForm(core, c)
    if (!posted.ok) return errorPage(posted.status, 'Cannot sign out', posted.problem, posted.fix)
    raw = posted.form.get('redirect_url') ?? undefined
  } else {
    raw = c.req.query('redirect_url')
  }
  const redirect = raw === undefined ? undefined : pageRedirectUrl(core, raw)
  if (redirect && !redirect.ok) return redirect.errorPage
  const client = cookieClient(core, c)
  if (client) signOutClient(core, client)
  return redirect ? seeOther(handshakeLocation(redirect.url)) : htmlResponse(signedOutPage())
}

/** The checked `redirect_url`, or the error page to answer with (running `scriptIfMissing` when it is missing). */
function pageRedirectUrl(
  core: Core,
  raw: string | undefined,
  scriptIfMissing?: string,
): { ok: true; url: URL } | { ok: false; errorPage: Promise<Response> } {
  const check = core.allowedOrigins.checkRedirect(raw)
  if (check.ok) return check
  const page = errorPage(
    400,
    'Cannot continue',
    check.problem,
    'Open this page from your app, which adds where to go back to, e.g. /sign-in?redirect_url=http%3A%2F%2Flocalhost%3A3000%2F.',
    check.kind === 'missing' ? scriptIfMissing : undefined,
  )
  return { ok: false, errorPage: page }
}

/** 303 so the browser follows with a GET, whatever method led here. */
function seeOther(location: string, setCookie?: string): Response {
  const headers = new Headers({ Location: location, 'Cache-Control': 'no-store' })
  if (setCookie) headers.append('Set-Cookie', setCookie)
  return new Response(null, { status: 303, headers })
}

function chooseUser(core: Core, form: URLSearchParams): { user: UserRecord } | { error: string } {
  const userId = form.get('user_id')
  if (userId) {
    const user = core.store.users.get(userId)
    if (!user) return { error: 'That user no longer exists. Choose another one or type an e-mail address.' }
    try {
      assertMaySignIn(core, user.id)
    } catch (error) {
      if (error instanceof ClerkApiError) return { error: error.errors[0]!.long_message }
      throw error
    }
    return { user }
  }
  const email = (form.get('email') ?? '').trim().toLowerCase()
  if (email === '') return { error: 'Type an e-mail address, or choose one of the users above.' }
  if (!isEmailAddress(email)) {
    return { error: 'That is not an e-mail address. Use the form name@example.com.' }
  }
  const existing = core.store.users.userIdByEmail(email)
  try {
    if (!existing) checkAccess(core, [email], 'sign_up')
    const user = existing ? core.store.users.get(existing)! : createUser(core, { email_address: [email] })
    // Banned, locked, or kept out by the instance's restrictions: said on the form, as ClerkJS shows it.
    assertMaySignIn(core, user.id)
    return { user }
  } catch (error) {
    if (error instanceof ClerkApiError) return { error: error.errors[0]!.long_message }
    throw error
  }
}

function listedUsers(core: Core): UserChoice[] {
  const users = core.store.users.list({}, { field: 'created_at', descending: true }, LISTED_USERS, 0)
  return users.map((user) => userChoice(core, user))
}

function userChoice(core: Core, user: UserRecord): UserChoice {
  const email = core.store.users.emails(user.id).find((e) => e.id === user.primary_email_address_id)?.value ?? null
  const fullName = [user.first_name, user.last_name].filter(Boolean).join(' ')
  return { id: user.id, name: fullName || user.username || email || user.id, email }
}

function organizationChoices(core: Core, userId: string): OrganizationChoice[] {
  return core.store.organizations.userMemberships(userId).flatMap((membership) => {
    const organization = core.store.organizations.get(membership.organization_id)
    return organization ? [{ id: organization.id, name: organization.name, role: membership.role }] : []
  })
}

/**
 * The choice to preselect: the organization active in the user's newest session ('' if it had none, so someone who
 * signs in without one keeps that), or for a first sign-in (or a membership since removed) the oldest membership.
 */
function preselectedOrganization(core: Core, userId: string, organizations: OrganizationChoice[]): string {
  const [newest] = core.store.sessions.list({ user_id: userId }, core.now(), 1, 0)
  const last = newest?.last_active_organization_id
  if (newest && last === null) return ''
  return organizations.find((org) => org.id === last)?.id ?? organizations[0]?.id ?? ''
}
