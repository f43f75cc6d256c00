// Changing a user, from the Backend API and from ClerkJS: `PATCH /v1/users/{id}` (names, username, password, primary
// identifiers, settings, metadata replaced), the metadata endpoints (`PATCH` deep-merges, `PUT` replaces) and setting
// or removing the password. Each change is announced as `user.updated`.
import type { Core } from '../core/core.js'
import { identifierExists, notSupported, paramValueInvalid, unprocessable } from '../shared/errors.js'
import { mergeMetadata } from '../shared/metadata.js'
import type { UserRecord } from '../store/userStore.js'
import { f, parseFields } from '../validation/schema.js'
import { revokeUserSessions } from './sessions.js'
import { MAX_PASSWORD_LENGTH, checkPasswordLength, getUser, userName, usernameField, userUpdated } from './users.js'

const UPDATE_FIELDS = {
  first_name: userName(),
  last_name: userName(),
  username: usernameField(),
  password: f.string({ maxLength: MAX_PASSWORD_LENGTH }),
  skip_password_checks: f.boolean(),
  sign_out_of_other_sessions: f.boolean(),
  primary_email_address_id: f.string(),
  notify_primary_email_address_changed: f.boolean(),
  primary_phone_number_id: f.string(),
  primary_web3_wallet_id: f.string(),
  profile_image_id: f.string(),
  totp_secret: f.string(),
  backup_codes: f.stringArray(),
  password_digest: f.string(),
  password_hasher: f.string(),
  external_id: f.nullableString({ maxLength: 256 }),
  created_at: f.timestamp(),
  skip_legal_checks: f.boolean(),
  legal_accepted_at: f.timestamp(),
  locale: f.nullableString({ maxLength: 35 }),
  delete_self_enabled: f.boolean(),
  create_organization_enabled: f.boolean(),
  create_organizations_limit: f.nullableInteger(0, 1_000_000),
  public_metadata: f.object(),
  private_metadata: f.object(),
  unsafe_metadata: f.object(),
}

/** What this backend does not model, by the parameter that asks for it. */
const UNSUPPORTED_UPDATES: Record<string, string> = {
  totp_secret: 'Multi-factor authentication (TOTP)',
  backup_codes: 'Multi-factor authentication (backup codes)',
  primary_web3_wallet_id: 'Web3 wallets',
  password_digest: 'Importing password digests',
  password_hasher: 'Importing password digests',
  profile_image_id: 'profile_image_id (upload with POST /v1/users/{user_id}/profile_image instead)',
}

/**
 * `PATCH /v1/users/{id}`. A new `password` arrives hashed by the caller (`passwordDigest`, off the event loop);
 * `sign_out_of_other_sessions` then revokes the user's active sessions. Metadata given here replaces the stored
 * object, as on Clerk (the metadata endpoint merges).
 */
export function updateUser(core: Core, userId: string, input: unknown, passwordDigest?: string): UserRecord {
  const body = parseFields(input, UPDATE_FIELDS)
  for (const [param, what] of Object.entries(UNSUPPORTED_UPDATES)) {
    if ((body as Record<string, unknown>)[param] !== undefined) throw notSupported(what, '', 422, { param_name: param })
  }
  const { store } = core
  const user = getUser(core, userId)
  const username = body.username === undefined ? user.username : (body.username?.toLowerCase() ?? null)
  if (username !== null && username !== user.username && store.users.userIdByUsername(username)) {
    throw unprocessable(identifierExists('username', `That username is taken: ${username}. Please try another.`))
  }
  for (const [param, kind] of [
    ['primary_email_address_id', 'email'],
    ['primary_phone_number_id', 'phone'],
  ] as const) {
    const id = body[param]
    if (id !== undefined && store.users.identifier(kind, id)?.user_id !== user.id) {
      throw unprocessable(
        paramValueInvalid(
          param,
          `must be the id of one of the user's ${kind === 'email' ? 'e-mail addresses' : 'phone numbers'}.`,
        ),
      )
    }
  }
  if (body.password !== undefined && !body.skip_password_checks) checkPasswordLength(body.password)
  const keep = <K extends keyof UserRecord>(key: K, value: UserRecord[K] | undefined): UserRecord[K] =>
    value === undefined ? user[key] : value
  const now = core.now()
  const next: UserRecord = {
    ...user,
    first_name: keep('first_name', body.first_name),
    last_name: keep('last_name', body.last_name),
    username,
    primary_email_address_id: keep('primary_email_address_id', body.primary_email_address_id),
    primary_phone_number_id: keep('primary_phone_number_id', body.primary_phone_number_id),
    external_id: keep('external_id', body.external_id),
    created_at: keep('created_at', body.created_at),
    legal_accepted_at: keep('legal_accepted_at', body.legal_accepted_at),
    locale: keep('locale', body.locale),
    delete_self_enabled: keep('delete_self_enabled', body.delete_self_enabled),
    create_organization_enabled: keep('create_organization_enabled', body.create_organization_enabled),
    create_organizations_limit: keep('create_organizations_limit', body.create_organizations_limit),
    public_metadata: keep('public_metadata', body.public_metadata),
    private_metadata: keep('private_metadata', body.private_metadata),
    unsafe_metadata: keep('unsafe_metadata', body.unsafe_metadata),
    updated_at: now,
  }
  return store.transaction(() => {
    store.users.update(next)
    if (body.password !== undefined && passwordDigest !== undefined) {
      store.users.setPasswordDigest(user.id, passwordDigest, now)
      if (body.sign_out_of_other_sessions) revokeUserSessions(core, user.id)
    }
    return userUpdated(core, user.id)
  })
}

/**
 * Sets the user's password (a digest) or removes it (null). `signOut` revokes the user's sessions, but the one it
 * names (the browser that asked, from ClerkJS).
 */
export function setUserPassword(
  core: Core,
  userId: string,
  digest: string | null,
  signOut?: { except?: string | undefined },
): UserRecord {
  return core.store.transaction(() => {
    const user = getUser(core, userId)
    core.store.users.setPasswordDigest(user.id, digest, core.now())
    if (signOut) revokeUserSessions(core, user.id, signOut.except)
    return userUpdated(core, user.id)
  })
}

/**
 * `DELETE /v1/users/{id}/mfa` (`/totp`, `/backup_code`): nobody has a second factor here, so there is nothing to
 * remove; the user is touched and announced all the same, as Clerk does when it switches MFA off.
 */
export function removeSecondFactors(core: Core, userId: string): UserRecord {
  return core.store.transaction(() => {
    const user = getUser(core, userId)
    core.store.users.update({ ...user, updated_at: core.now() })
    return userUpdated(core, user.id)
  })
}

const METADATA_FIELDS = {
  public_metadata: f.nullableObject(),
  private_metadata: f.nullableObject(),
  unsafe_metadata: f.nullableObject(),
}
const METADATA_KEYS = ['public_metadata', 'private_metadata', 'unsafe_metadata'] as const

/**
 * `PATCH /v1/users/{id}/metadata` (`mode: 'merge'`) deep-merges each given field; `PUT` (`'replace'`) replaces each
 * given field whole (`null` clears it). Fields not given are left as they are.
 */
export function changeUserMetadata(core: Core, userId: string, input: unknown, mode: 'merge' | 'replace'): UserRecord {
  const body = parseFields(input, METADATA_FIELDS)
  const user = getUser(core, userId)
  const next: UserRecord = { ...user, updated_at: core.now() }
  for (const key of METADATA_KEYS) {
    const value = body[key]
    if (value === undefined) continue
    next[key] = mode === 'merge' ? mergeMetadata(user[key], value ?? {}) : (value ?? {})
  }
  return core.store.transaction(() => {
    core.store.users.update(next)
    return userUpdated(core, user.id)
  })
}
