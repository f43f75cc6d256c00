// E-mail codes without e-mail: every code remix-clerk-local "sends" is the same fixed development code.
import { clerkError } from '../errors.js'
import type { VerificationState } from '../store/attemptStore.js'

/**
 * The code that verifies any e-mail address on remix-clerk-local, for sign-in and sign-up alike. Clerk's test mode
 * uses the same one for `+clerk_test` addresses; a local backend sends no e-mail, so every address gets it.
 */
export const DEVELOPMENT_EMAIL_CODE = '424242'

/** As on Clerk: a code is good for ten minutes after it was "sent". */
const CODE_LIFETIME_MS = 10 * 60 * 1000

/** A freshly "sent" code, waiting to be typed in. */
export function sentEmailCode(now: number): VerificationState {
  return { strategy: 'email_code', status: 'unverified', attempts: 0, expire_at: now + CODE_LIFETIME_MS }
}

/**
 * Checks a typed code against a sent one: the verified state, or a 422 the UI shows under the code field
 * (`form_code_incorrect`), or one that asks for a new code (`verification_expired`, `verification_missing`).
 */
export function checkEmailCode(sent: VerificationState | null, code: string, now: number): VerificationState {
  if (sent?.strategy !== 'email_code') {
    throw clerkError(400, 'verification_missing', 'No code was sent', 'Ask for an e-mail code first (prepare it), then enter it.', { param_name: 'code' })
  }
  if (sent.expire_at !== null && now >= sent.expire_at) {
    throw clerkError(422, 'verification_expired', 'This code has expired', 'This code has expired. Ask for a new one.', { param_name: 'code' })
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
