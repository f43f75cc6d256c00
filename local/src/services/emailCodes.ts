// E-mail codes without e-mail: every code remix-clerk-local "sends" is the same fixed development code, and the e-mail
// it would have sent is announced to webhooks (`email.created`), as Clerk does.
import type { Core } from '../core/core.js'
import { clerkError } from '../shared/errors.js'
import { verificationEmailJson } from '../backendJson/events.js'
import type { VerificationState } from '../store/attemptStore.js'
import { currentRequestAttributes } from '../webhooks/requestAttributes.js'

/**
 * The code that verifies any e-mail address on remix-clerk-local, for sign-in and sign-up alike. Clerk's test mode
 * uses the same one for `+clerk_test` addresses; a local backend sends no e-mail, so every address gets it.
 */
export const DEVELOPMENT_EMAIL_CODE = '424242'

/** Who the e-mails this backend would send come from: its name and its Frontend API. */
export const emailSender = (core: Core) => ({ appName: 'remix-clerk-local', appUrl: core.frontendApiUrl() })

/** As on Clerk: a code is good for ten minutes after it was "sent". */
const CODE_LIFETIME_MS = 10 * 60 * 1000

/** Where a code goes: a user's address (a sign-in), or the address a sign-up gave. */
export interface EmailCodeRecipient {
  emailAddress: string
  emailAddressId: string | null
  userId: string | null
}

/**
 * "Sends" a code: the verification state to store, waiting for the code to be typed in, and `email.created` with the
 * message. Call it inside the transaction that stores the state.
 */
export function sendEmailCode(core: Core, to: EmailCodeRecipient | undefined): VerificationState {
  const now = core.now()
  if (to) {
    core.events.emit('email.created', () =>
      verificationEmailJson({
        code: DEVELOPMENT_EMAIL_CODE,
        toEmailAddress: to.emailAddress,
        emailAddressId: to.emailAddressId,
        userId: to.userId,
        requestedAt: now,
        requestedBy: currentRequestAttributes().user_agent,
        ...emailSender(core),
      }),
    )
  }
  return { strategy: 'email_code', status: 'unverified', attempts: 0, expire_at: now + CODE_LIFETIME_MS }
}

/** A user's primary e-mail address (else their first), where their sign-in codes go; undefined if they have none. */
export function userEmailRecipient(core: Core, userId: string): EmailCodeRecipient | undefined {
  const user = core.store.users.get(userId)
  const emails = core.store.users.emails(userId)
  const email = emails.find((e) => e.id === user?.primary_email_address_id) ?? emails[0]
  return email && { emailAddress: email.value, emailAddressId: email.id, userId }
}

/**
 * Checks a typed code against a sent one: the verified state, or a 422 the UI shows under the code field
 * (`form_code_incorrect`), or one that asks for a new code (`verification_expired`, `verification_missing`).
 */
export function checkEmailCode(sent: VerificationState | null, code: string, now: number): VerificationState {
  if (sent?.strategy !== 'email_code') {
    throw clerkError(
      400,
      'verification_missing',
      'No code was sent',
      'Ask for an e-mail code first (prepare it), then enter it.',
      { param_name: 'code' },
    )
  }
  if (sent.expire_at !== null && now >= sent.expire_at) {
    throw clerkError(
      422,
      'verification_expired',
      'This code has expired',
      'This code has expired. Ask for a new one.',
      { param_name: 'code' },
    )
  }
  if (code.trim() !== DEVELOPMENT_EMAIL_CODE) {
    throw clerkError(
      422,
      'form_code_incorrect',
      'Incorrect code',
      `Incorrect code. remix-clerk-local sends no e-mail: the code is always ${DEVELOPMENT_EMAIL_CODE}.`,
      { param_name: 'code' },
    )
  }
  return { ...sent, status: 'verified', attempts: sent.attempts + 1 }
}
