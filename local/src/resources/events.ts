// The `data` of the webhook events whose payload is not simply the Backend API's JSON of the object: sessions carry
// their user, deletions say what was deleted, and an e-mail is the message this backend would have sent.
import { newId } from '../ids.js'
import type { Store } from '../store/index.js'
import type { OrganizationRecord } from '../store/organizationStore.js'
import type { SessionRecord } from '../store/sessionStore.js'
import type { UserRecord } from '../store/userStore.js'
import { sessionJson } from './session.js'
import { userJson } from './user.js'

/** `session.*`: the session with its user, as Clerk sends them. */
export function sessionEventJson(store: Store, session: SessionRecord) {
  const user = store.users.get(session.user_id)
  return { ...sessionJson(session), user: user ? userJson(store, user) : null }
}

/** `user.deleted`: which user, and its `external_id` for apps that key their own records by it. */
export function userDeletedJson(user: UserRecord) {
  return { object: 'user', id: user.id, deleted: true, ...(user.external_id === null ? {} : { external_id: user.external_id }) }
}

/** `organization.deleted`: which organization, by id and slug. */
export function organizationDeletedJson(organization: OrganizationRecord) {
  return { object: 'organization', id: organization.id, slug: organization.slug, deleted: true }
}

export interface VerificationEmail {
  code: string
  toEmailAddress: string
  /** The address's identification, when it belongs to a user already (a sign-in); null for a sign-up's. */
  emailAddressId: string | null
  userId: string | null
  /** Milliseconds. */
  requestedAt: number
  /** Who asked (the browser's user agent), as the e-mail tells its reader. */
  requestedBy: string
  appName: string
  appUrl: string
}

/**
 * `email.created` for an e-mail code: the message Clerk would send, which remix-clerk-local does not
 * (`delivered_by_clerk: false`, as on an instance whose e-mails the app sends itself from this webhook).
 */
export function verificationEmailJson(email: VerificationEmail) {
  const requestedAt = formatRequestedAt(email.requestedAt)
  const subject = `${email.code} is your verification code`
  const bodyPlain =
    `${email.code} is your verification code for ${email.appName}.\n\nDo not share this with anyone.\n\n` +
    `It was requested at ${requestedAt}. If you did not request this, please ignore this email.\n`
  return {
    object: 'email',
    id: newId('ema'),
    slug: 'verification_code',
    from_email_name: 'notifications',
    to_email_address: email.toEmailAddress,
    email_address_id: email.emailAddressId,
    user_id: email.userId,
    subject,
    body: `<!DOCTYPE html><html><head><title>${subject}</title></head><body><h1>Verification code</h1><p>Enter the following verification code when prompted:</p><p><b>${email.code}</b></p><p>To protect your account, do not share this code.</p></body></html>`,
    body_plain: bodyPlain,
    status: 'queued',
    data: {
      app: { name: email.appName, url: email.appUrl, domain_name: new URL(email.appUrl).host, logo_url: null, logo_image_url: null },
      otp_code: email.code,
      requested_at: requestedAt,
      requested_by: email.requestedBy,
    },
    delivered_by_clerk: false,
  }
}

/** `30 August 2022, 12:14 UTC`, as Clerk writes it in its e-mails. */
function formatRequestedAt(ms: number): string {
  const date = new Date(ms)
  const month = date.toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })
  const time = `${String(date.getUTCHours()).padStart(2, '0')}:${String(date.getUTCMinutes()).padStart(2, '0')}`
  return `${date.getUTCDate()} ${month} ${date.getUTCFullYear()}, ${time} UTC`
}
