// ClerkJS's sign-up with an e-mail address and a password: collect the fields, verify the address with the e-mail
// code, then create the user and sign the browser's client in.
import type { Core } from '../core/core.js'
import {
  type ClerkErrorEntry,
  clerkError,
  identifierExists,
  paramFormatInvalid,
  unprocessable,
} from '../shared/errors.js'
import { newId } from '../shared/ids.js'
import type { SignUpFields, SignUpRecord } from '../store/attemptStore.js'
import type { ClientRecord } from '../store/clientStore.js'
import type { SessionRecord } from '../store/sessionStore.js'
import { checkAccess } from './accessLists.js'
import { signInOnFreshClient } from './clients.js'
import { checkEmailCode, sendEmailCode } from './emailCodes.js'
import { isEmailAddress } from '../validation/emailAddress.js'
import { createUser } from './users.js'

const ABANDON_AFTER_MS = 24 * 60 * 60 * 1000
const MIN_PASSWORD_LENGTH = 8
const MAX_PASSWORD_LENGTH = 72
const MAX_NAME_LENGTH = 256

/** What a sign-up needs before it can become a user, and what it may also collect. */
export const REQUIRED_SIGN_UP_FIELDS = ['email_address', 'password'] as const
export const OPTIONAL_SIGN_UP_FIELDS = ['first_name', 'last_name'] as const

/** The fields of `POST /v1/client/sign_ups` (or its PATCH), as they arrive from the form. */
export interface SignUpInput {
  email_address?: string | undefined
  password?: string | undefined
  first_name?: string | undefined
  last_name?: string | undefined
  unsafe_metadata?: string | undefined
  locale?: string | undefined
}

/**
 * Checks the input; a bad password is reported before anyone hashes it. Returns the fields to store, the address
 * lower-cased.
 */
export function checkSignUpInput(core: Core, input: SignUpInput, current?: SignUpFields): SignUpFields {
  const errors: ClerkErrorEntry[] = []
  const email = input.email_address?.trim().toLowerCase()
  if (email !== undefined) {
    if (!isEmailAddress(email)) {
      errors.push({
        ...paramFormatInvalid('email_address', 'must be a valid email address.'),
        message: 'Enter a valid email address.',
      })
    } else if (core.store.users.userIdByEmail(email)) {
      errors.push(identifierExists('email_address', 'That email address is taken. Please try another.'))
    }
  }
  // The instance's restrictions (allowlist, blocklist, subaddresses) once the address itself is fine.
  if (email !== undefined && errors.length === 0) checkAccess(core, [email], 'sign_up')
  if (input.password !== undefined) {
    if (input.password.length < MIN_PASSWORD_LENGTH) {
      errors.push({
        code: 'form_password_length_too_short',
        message: `Passwords must be ${MIN_PASSWORD_LENGTH} characters or more.`,
        long_message: `Passwords must be ${MIN_PASSWORD_LENGTH} characters or more.`,
        meta: { param_name: 'password' },
      })
    } else if (input.password.length > MAX_PASSWORD_LENGTH) {
      errors.push({
        code: 'form_password_length_too_long',
        message: `Passwords must be at most ${MAX_PASSWORD_LENGTH} characters.`,
        long_message: `Passwords must be at most ${MAX_PASSWORD_LENGTH} characters.`,
        meta: { param_name: 'password' },
      })
    }
  }
  for (const name of OPTIONAL_SIGN_UP_FIELDS) {
    if ((input[name]?.length ?? 0) > MAX_NAME_LENGTH)
      errors.push(paramFormatInvalid(name, `must be at most ${MAX_NAME_LENGTH} characters long.`))
  }
  const metadata = parseMetadata(input.unsafe_metadata, errors)
  if (errors.length > 0) throw unprocessable(...errors)
  const blank = (value: string | undefined) => (value === undefined ? undefined : value.trim() || null)
  return {
    email_address: email ?? current?.email_address ?? null,
    first_name: blank(input.first_name) ?? current?.first_name ?? null,
    last_name: blank(input.last_name) ?? current?.last_name ?? null,
    unsafe_metadata: metadata ?? current?.unsafe_metadata ?? {},
    locale: input.locale?.slice(0, 35) ?? current?.locale ?? null,
    ...(current?.ticket === undefined ? {} : { ticket: current.ticket }),
  }
}

function parseMetadata(raw: string | undefined, errors: ClerkErrorEntry[]): Record<string, unknown> | undefined {
  if (raw === undefined || raw === '') return undefined
  try {
    const value: unknown = JSON.parse(raw)
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>
  } catch {
    // Reported below.
  }
  errors.push(paramFormatInvalid('unsafe_metadata', 'must be a JSON object.'))
  return undefined
}

/** `POST /v1/client/sign_ups`: a new sign-up for the client (abandoning the one in progress). */
export function startSignUp(
  core: Core,
  client: ClientRecord,
  fields: SignUpFields,
  passwordDigest: string | null,
): SignUpRecord {
  const now = core.now()
  const signUp: SignUpRecord = {
    id: newId('sua'),
    client_id: client.id,
    status: 'missing_requirements',
    fields,
    password_digest: passwordDigest,
    email_verification: null,
    created_user_id: null,
    created_session_id: null,
    abandon_at: now + ABANDON_AFTER_MS,
    created_at: now,
    updated_at: now,
  }
  core.store.transaction(() => {
    core.store.attempts.abandonSignUps(client.id, now)
    core.store.attempts.putSignUp(signUp)
  })
  return signUp
}

/** The client's sign-up with this id, still collecting; a 404 or 400 otherwise. */
export function pendingSignUp(core: Core, client: ClientRecord, signUpId: string): SignUpRecord {
  const signUp = core.store.attempts.signUp(signUpId, client.id)
  if (!signUp)
    throw clerkError(
      404,
      'resource_not_found',
      'Sign-up not found',
      `No sign-up ${signUpId.slice(0, 60)} exists on this browser.`,
    )
  if (signUp.status !== 'missing_requirements') {
    throw clerkError(
      400,
      'sign_up_not_in_progress',
      'This sign-up is over',
      `This sign-up is ${signUp.status.replace(/_/g, ' ')}; start a new one.`,
    )
  }
  return signUp
}

/** `PATCH /v1/client/sign_ups/{id}`: more fields; a changed address must be verified again. */
export function updateSignUp(
  core: Core,
  signUp: SignUpRecord,
  fields: SignUpFields,
  passwordDigest: string | undefined,
): SignUpRecord {
  const addressChanged = fields.email_address !== signUp.fields.email_address
  const next: SignUpRecord = {
    ...signUp,
    fields,
    password_digest: passwordDigest ?? signUp.password_digest,
    email_verification: addressChanged ? null : signUp.email_verification,
    updated_at: core.now(),
  }
  core.store.transaction(() => core.store.attempts.putSignUp(next))
  return next
}

/** The required fields a sign-up does not have yet. */
export function missingSignUpFields(signUp: SignUpRecord): string[] {
  return REQUIRED_SIGN_UP_FIELDS.filter((name) =>
    name === 'password' ? signUp.password_digest === null : signUp.fields[name] === null,
  )
}

/** `prepare_verification` with `email_code`: "sends" the code to the address. */
export function prepareEmailVerification(core: Core, signUp: SignUpRecord): SignUpRecord {
  if (signUp.fields.email_address === null) {
    throw clerkError(422, 'form_param_missing', 'Enter an email address first', 'Enter an email address first.', {
      param_name: 'email_address',
    })
  }
  const to = { emailAddress: signUp.fields.email_address, emailAddressId: null, userId: null }
  return core.store.transaction(() => {
    const next = { ...signUp, email_verification: sendEmailCode(core, to), updated_at: core.now() }
    core.store.attempts.putSignUp(next)
    return next
  })
}

/**
 * `attempt_verification` with `email_code`: verifies the address and, when nothing else is missing, creates the
 * user (see completeSignUp).
 */
export function attemptEmailVerification(
  core: Core,
  client: ClientRecord,
  signUp: SignUpRecord,
  code: string,
): { signUp: SignUpRecord; signedIn: { client: ClientRecord; session: SessionRecord } | undefined } {
  const verified = {
    ...signUp,
    email_verification: checkEmailCode(signUp.email_verification, code, core.now()),
    updated_at: core.now(),
  }
  return core.store.transaction(() => {
    if (missingSignUpFields(verified).length > 0) {
      core.store.attempts.putSignUp(verified)
      return { signUp: verified, signedIn: undefined }
    }
    return completeSignUp(core, client, verified)
  })
}

/**
 * A sign-up with nothing missing and its address verified becomes a user (with the digest of the chosen password,
 * and `publicMetadata` when an invitation gives some), and the browser is signed in, on a fresh client (see
 * signInAttempts.ts).
 */
export function completeSignUp(
  core: Core,
  client: ClientRecord,
  signUp: SignUpRecord,
  publicMetadata: Record<string, unknown> = {},
): { signUp: SignUpRecord; signedIn: { client: ClientRecord; session: SessionRecord } } {
  return core.store.transaction(() => {
    const { fields } = signUp
    const user = createUser(
      core,
      {
        email_address: [fields.email_address],
        first_name: fields.first_name,
        last_name: fields.last_name,
        public_metadata: publicMetadata,
        unsafe_metadata: fields.unsafe_metadata,
        locale: fields.locale,
      },
      { passwordDigest: signUp.password_digest ?? undefined },
    )
    const signedIn = signInOnFreshClient(core, client, user.id)
    const complete: SignUpRecord = {
      ...signUp,
      status: 'complete',
      created_user_id: user.id,
      created_session_id: signedIn.session.id,
    }
    core.store.attempts.putSignUp(complete)
    return { signUp: complete, signedIn }
  })
}
