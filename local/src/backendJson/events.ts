// The `data` of the webhook events whose payload is not simply the Backend API's JSON of the object: sessions carry
// their user, deletions say what was deleted, and an e-mail is the message this backend would have sent.
import { html } from 'hono/html'
import { newId } from '../shared/ids.js'
import type { OrganizationRecord } from '../store/organizationStore.js'
import type { SessionRecord } from '../store/sessionStore.js'
import type { UserRecord } from '../store/userStore.js'
import { sessionJson } from './session.js'
import { userJson } from './user.js'
import type { JsonView } from './view.js'

/** `session.*`: the session with its user, as Clerk sends them. */
export function sessionEventJson(view: JsonView, session: SessionRecord) {
  const user = view.store.users.get(session.user_id)
  return { ...sessionJson(session), user: user ? userJson(view, user) : null }
}

/** `user.deleted`: which user, and its `external_id` for apps that key their own records by it. */
export function userDeletedJson(user: UserRecord) {
  return {
    object: 'user',
    id: user.id,
    deleted: true,
    ...(user.external_id === null ? {} : { external_id: user.external_id }),
  }
}

/** `organization.deleted`: which organization, by id and slug. */
export function organizationDeletedJson(organization: OrganizationRecord) {
  return { object: 'organization', id: organization.id, slug: organization.slug, deleted: true }
}

/** An e-mail this backend would send (it sends none), as `email.created` describes it. */
interface EmailMessage {
  /** Clerk's template name: `verification_code`, `organization_invitation`, `invitation`, … */
  slug: string
  toEmailAddress: string
  /** The address's identification, when it belongs to a user already; null otherwise (a sign-up's, an invitee's). */
  emailAddressId: string | null
  userId: string | null
  subject: string
  bodyPlain: string
  /** What the template was filled with (`otp_code`, `action_url`, …), as Clerk puts it in `data`. */
  data: Record<string, unknown>
}

/**
 * `email.created`: the message Clerk would send, which remix-clerk-local does not (`delivered_by_clerk: false`, as on
 * an instance whose e-mails the app sends itself from this webhook).
 */
function emailJson(email: EmailMessage) {
  const paragraphs = email.bodyPlain.trim().split(/\n{2,}/)
  const body = html`<!DOCTYPE html><html><head><title>${email.subject}</title></head><body>${paragraphs.map((text) => html`<p>${text}</p>`)}</body></html>`
  return {
    object: 'email',
    id: newId('ema'),
    slug: email.slug,
    from_email_name: 'notifications',
    to_email_address: email.toEmailAddress,
    email_address_id: email.emailAddressId,
    user_id: email.userId,
    subject: email.subject,
    // Built from strings only, so hono's template is complete at once (never a Promise).
    body: String(body),
    body_plain: email.bodyPlain,
    status: 'queued',
    data: email.data,
    delivered_by_clerk: false,
  }
}

export interface VerificationEmail {
  code: string
  toEmailAddress: string
  emailAddressId: string | null
  userId: string | null
  /** Milliseconds. */
  requestedAt: number
  /** Who asked (the browser's user agent), as the e-mail tells its reader. */
  requestedBy: string
  appName: string
  appUrl: string
}

/** `email.created` for an e-mail code (`verification_code`), with what Clerk's template is filled with. */
export function verificationEmailJson(email: VerificationEmail) {
  const requestedAt = formatRequestedAt(email.requestedAt)
  return emailJson({
    slug: 'verification_code',
    toEmailAddress: email.toEmailAddress,
    emailAddressId: email.emailAddressId,
    userId: email.userId,
    subject: `${email.code} is your verification code`,
    bodyPlain:
      `${email.code} is your verification code for ${email.appName}.\n\nDo not share this with anyone.\n\n` +
      `It was requested at ${requestedAt}. If you did not request this, please ignore this email.\n`,
    data: {
      app: appData(email.appName, email.appUrl),
      otp_code: email.code,
      requested_at: requestedAt,
      requested_by: email.requestedBy,
    },
  })
}

/** What every e-mail's data says of the application: remix-clerk-local, at its Frontend API. */
function appData(appName: string, appUrl: string) {
  return { name: appName, url: appUrl, domain_name: new URL(appUrl).host, logo_url: null, logo_image_url: null }
}

/** An invitation e-mail: to whom, and the link it carries (the invitation's `url`). */
export interface InvitationEmail {
  toEmailAddress: string
  /** The invited address's identification and user, when it belongs to a user already. */
  emailAddressId: string | null
  userId: string | null
  actionUrl: string
  appName: string
  appUrl: string
}

/** `email.created` for an application invitation (`invitation`): the link to sign up with. */
export function invitationEmailJson(email: InvitationEmail) {
  return emailJson({
    slug: 'invitation',
    toEmailAddress: email.toEmailAddress,
    emailAddressId: email.emailAddressId,
    userId: email.userId,
    subject: `You're invited to ${email.appName}`,
    bodyPlain: `You have been invited to join ${email.appName}.\n\nAccept the invitation: ${email.actionUrl}\n`,
    data: { app: appData(email.appName, email.appUrl), action_url: email.actionUrl },
  })
}

/** `email.created` for an organization invitation (`organization_invitation`): who invites, to what, and the link. */
export function organizationInvitationEmailJson(
  email: InvitationEmail & { organizationName: string; inviterName: string | null },
) {
  const opening = email.inviterName === null ? 'You have been invited' : `${email.inviterName} has invited you`
  return emailJson({
    slug: 'organization_invitation',
    toEmailAddress: email.toEmailAddress,
    emailAddressId: email.emailAddressId,
    userId: email.userId,
    subject: `Invitation to join ${email.organizationName}`,
    bodyPlain:
      `${opening} to join ${email.organizationName} on ${email.appName}.\n\n` +
      `Accept the invitation: ${email.actionUrl}\n`,
    data: {
      app: appData(email.appName, email.appUrl),
      action_url: email.actionUrl,
      inviter_name: email.inviterName,
      org: { name: email.organizationName },
    },
  })
}

/** `30 August 2022, 12:14 UTC`, as Clerk writes it in its e-mails. */
function formatRequestedAt(ms: number): string {
  const date = new Date(ms)
  const month = date.toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })
  const time = `${String(date.getUTCHours()).padStart(2, '0')}:${String(date.getUTCMinutes()).padStart(2, '0')}`
  return `${date.getUTCDate()} ${month} ${date.getUTCFullYear()}, ${time} UTC`
}
