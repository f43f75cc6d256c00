// User rules (fields, uniqueness, passwords) shared by the Backend API, seeds and the sign-in page.
import type { Core } from '../core/core.js'
import { type ClerkErrorEntry, clerkError, identifierExists, notFound, unprocessable } from '../shared/errors.js'
import { newId } from '../shared/ids.js'
import { userDeletedJson } from '../backendJson/events.js'
import { userJson } from '../backendJson/user.js'
import type { IdentifierRecord, UserRecord } from '../store/userStore.js'
import { EMAIL_ADDRESS } from '../validation/emailAddress.js'
import { f, parseFields } from '../validation/schema.js'
import { hashPassword, hashPasswordSync } from './passwords.js'

export const PHONE_PATTERN = /^\+[1-9]\d{6,14}$/
const USERNAME_PATTERN = /^[A-Za-z0-9_-]{4,64}$/
const MIN_PASSWORD_LENGTH = 8
/** Clerk's default lockout (`locked: true`, `POST …/lock`): one hour. */
export const LOCKOUT_MS = 60 * 60 * 1000
/** Clerk's limit (bcrypt's, there). */
export const MAX_PASSWORD_LENGTH = 72

export const userName = () => f.nullableString({ maxLength: 256 })
const name = userName
export const usernameField = () =>
  f.nullableString({
    pattern: USERNAME_PATTERN,
    patternHint: 'must be 4 to 64 letters, digits, "_" or "-".',
  })

const CREATE_USER_FIELDS = {
  email_address: f.stringArray({ pattern: EMAIL_ADDRESS, patternHint: 'must be a valid email address.' }),
  phone_number: f.stringArray({ pattern: PHONE_PATTERN, patternHint: 'must be in E.164 format, e.g. +15551234567.' }),
  username: usernameField(),
  password: f.string({ maxLength: MAX_PASSWORD_LENGTH }),
  first_name: name(),
  last_name: name(),
  external_id: f.nullableString({ maxLength: 256 }),
  public_metadata: f.object(),
  private_metadata: f.object(),
  unsafe_metadata: f.object(),
  skip_password_checks: f.boolean(),
  skip_password_requirement: f.boolean(),
  skip_legal_checks: f.boolean(),
  legal_accepted_at: f.timestamp(),
  created_at: f.timestamp(),
  locale: f.nullableString({ maxLength: 35 }),
  email_address_identification_status: f.stringArray({
    pattern: /^(verified|reserved)$/,
    patternHint: 'must be verified or reserved.',
  }),
  banned: f.boolean(),
  locked: f.boolean(),
}

export interface CreateUserOptions {
  /**
   * The digest of the password, hashed by the caller off the event loop (see passwordDigestFor), or a sign-up's
   * (which keeps only the digest); it takes the place of the input's `password`.
   */
  passwordDigest?: string | undefined
}

/**
 * Hashes the input's `password` on the thread pool, for async callers to hand to createUser; undefined when there
 * is none to hash (createUser then reports what is wrong with it).
 */
export async function passwordDigestFor(input: unknown): Promise<string | undefined> {
  const password = typeof input === 'object' && input !== null ? (input as { password?: unknown }).password : undefined
  return typeof password === 'string' && password.length <= MAX_PASSWORD_LENGTH ? hashPassword(password) : undefined
}

/**
 * Creates a user with verified e-mail addresses and phone numbers; the first of each becomes primary. A `password`
 * is stored as a scrypt digest (hashed here, blocking, unless the caller passes `passwordDigest`).
 */
export function createUser(core: Core, input: unknown, options: CreateUserOptions = {}): UserRecord {
  const body = parseFields(input, CREATE_USER_FIELDS)
  const { store } = core
  const emails = (body.email_address ?? []).map((email) => email.trim().toLowerCase())
  const phones = body.phone_number ?? []
  const username = body.username?.toLowerCase() ?? null

  const conflicts: ClerkErrorEntry[] = []
  for (const [index, email] of emails.entries()) {
    if (emails.indexOf(email) !== index || store.users.userIdByEmail(email)) {
      conflicts.push(identifierExists('email_address', `That email address is taken: ${email}. Please try another.`))
    }
  }
  for (const [index, phone] of phones.entries()) {
    if (phones.indexOf(phone) !== index || store.users.userIdByPhone(phone)) {
      conflicts.push(identifierExists('phone_number', `That phone number is taken: ${phone}. Please try another.`))
    }
  }
  if (username && store.users.userIdByUsername(username)) {
    conflicts.push(identifierExists('username', `That username is taken: ${username}. Please try another.`))
  }
  if (conflicts.length > 0) throw unprocessable(...conflicts)
  if (body.password !== undefined && !body.skip_password_checks) checkPasswordLength(body.password)

  const passwordDigest =
    options.passwordDigest ?? (body.password === undefined ? null : hashPasswordSync(body.password))
  const now = core.now()
  const createdAt = body.created_at ?? now
  const userId = newId('user')
  const identifier = (value: string, index = 0): IdentifierRecord => ({
    id: newId('idn'),
    user_id: userId,
    value,
    verification:
      body.email_address_identification_status?.[index] === 'reserved'
        ? { status: 'unverified', strategy: 'admin', attempts: null, expire_at: null }
        : null,
    created_at: createdAt,
    updated_at: createdAt,
  })
  const emailRecords = emails.map(identifier)
  const phoneRecords = phones.map((phone) => identifier(phone, -1))
  const user: UserRecord = {
    id: userId,
    external_id: body.external_id ?? null,
    username,
    first_name: body.first_name ?? null,
    last_name: body.last_name ?? null,
    password_enabled: passwordDigest !== null,
    public_metadata: body.public_metadata ?? {},
    private_metadata: body.private_metadata ?? {},
    unsafe_metadata: body.unsafe_metadata ?? {},
    primary_email_address_id: emailRecords[0]?.id ?? null,
    primary_phone_number_id: phoneRecords[0]?.id ?? null,
    locale: body.locale ?? null,
    legal_accepted_at: body.legal_accepted_at ?? null,
    last_sign_in_at: null,
    last_active_at: null,
    banned: body.banned ?? false,
    locked_until: body.locked ? now + LOCKOUT_MS : null,
    image_id: null,
    delete_self_enabled: true,
    create_organization_enabled: true,
    create_organizations_limit: null,
    created_at: createdAt,
    updated_at: createdAt,
  }
  store.transaction(() => {
    store.users.insert(user, emailRecords, phoneRecords, passwordDigest)
    core.events.emit('user.created', () => userJson(core, user))
  })
  return user
}

export function getUser(core: Core, userId: string): UserRecord {
  const user = core.store.users.get(userId)
  if (!user) throw notFound('not found', `No user was found with id ${userId}`)
  return user
}

/**
 * Deletes the user with their identifiers, sessions and memberships (foreign-key cascades). One event, `user.deleted`:
 * the sessions and memberships that go with the user are not announced one by one.
 */
export function deleteUser(core: Core, userId: string): void {
  const user = getUser(core, userId)
  core.store.users.delete(user.id)
  core.events.emit('user.deleted', () => userDeletedJson(user))
}

/**
 * Announces a change of the user (`user.updated`) with the user as it is now, the change included: the last step of
 * every operation that changes a user, in its transaction. Returns the user as saved.
 */
export function userUpdated(core: Core, userId: string): UserRecord {
  const user = getUser(core, userId)
  core.events.emit('user.updated', () => userJson(core, user))
  return user
}

/** Clerk's password length rule; the caller skips it for `skip_password_checks`. */
export function checkPasswordLength(password: string, param = 'password'): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw unprocessable({
      code: 'form_password_length_too_short',
      message: `Passwords must be ${MIN_PASSWORD_LENGTH} characters or more.`,
      long_message: `${param} must be at least ${MIN_PASSWORD_LENGTH} characters long (or send skip_password_checks: true).`,
      meta: { param_name: param },
    })
  }
}

export function assertUserExists(core: Core, userId: string, param: string): void {
  if (!core.store.users.get(userId)) {
    throw clerkError(404, 'resource_not_found', 'not found', `No user was found with id ${userId}`, {
      param_name: param,
    })
  }
}
