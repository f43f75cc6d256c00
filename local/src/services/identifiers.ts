// A user's e-mail addresses and phone numbers as objects of their own (`/v1/email_addresses`, `/v1/phone_numbers`,
// and ClerkJS's `user.createEmailAddress`): add, read, verify, make primary, remove. Each change is a change of the
// user, announced once as `user.updated`; sending a verification code is announced as `email.created`.
import type { Core } from '../core/core.js'
import { identifierExists, notFound, notSupported, paramFormatInvalid, unprocessable } from '../shared/errors.js'
import { newId } from '../shared/ids.js'
import type { IdentifierKind, IdentifierRecord, IdentifierVerification, UserRecord } from '../store/userStore.js'
import { isEmailAddress } from '../validation/emailAddress.js'
import { f, parseFields } from '../validation/schema.js'
import { sendEmailCode } from './emailCodes.js'
import { PHONE_PATTERN, userUpdated } from './users.js'

const NAMES = {
  email: { param: 'email_address', noun: 'email address', primary: 'primary_email_address_id' },
  phone: { param: 'phone_number', noun: 'phone number', primary: 'primary_phone_number_id' },
} as const

/** Unverified, waiting for a code (ClerkJS adds addresses this way), or reserved by an administrator. */
export const UNVERIFIED_BY_ADMIN: IdentifierVerification = {
  status: 'unverified',
  strategy: 'admin',
  attempts: null,
  expire_at: null,
}

/** Addresses are kept lower-cased and trimmed, as at user creation; a bad one is a 422 on its parameter. */
function normalizeIdentifier(kind: IdentifierKind, raw: string): string {
  const value = kind === 'email' ? raw.trim().toLowerCase() : raw.trim()
  const valid = kind === 'email' ? isEmailAddress(value) : PHONE_PATTERN.test(value)
  if (!valid) {
    throw unprocessable(
      paramFormatInvalid(
        NAMES[kind].param,
        kind === 'email' ? 'must be a valid email address.' : 'must be in E.164 format, e.g. +15551234567.',
      ),
    )
  }
  return value
}

export function getIdentifier(core: Core, kind: IdentifierKind, id: string): IdentifierRecord {
  const record = core.store.users.identifier(kind, id)
  if (!record) throw notFound('not found', `No ${NAMES[kind].noun} was found with id ${id}`)
  return record
}

/** How an identifier is added: its verification (null: by an administrator), and whether it becomes primary. */
type NewIdentifier = { verification: IdentifierVerification | null; primary?: boolean | undefined }
/** What a change sets: the verification (null: by an administrator), and whether the identifier becomes primary. */
type IdentifierChanges = { verification?: IdentifierVerification | null | undefined; primary?: boolean | undefined }

function setPrimary(core: Core, kind: IdentifierKind, user: UserRecord, id: string | null): void {
  core.store.users.update({ ...user, [NAMES[kind].primary]: id, updated_at: core.now() })
}

/**
 * Adds an identifier to a user. `verification` null means verified by an administrator (the Backend API's default);
 * the first identifier of its kind, or one added with `primary`, becomes primary.
 */
export function addIdentifier(
  core: Core,
  kind: IdentifierKind,
  user: UserRecord,
  raw: string,
  options: NewIdentifier,
): IdentifierRecord {
  return announced(core, user.id, () => insertIdentifier(core, kind, user, raw, options))
}

/** Runs the change in one transaction, then announces the user as it now is (`user.updated`). */
function announced<T>(core: Core, userId: string, change: () => T): T {
  return core.store.transaction(() => {
    const result = change()
    userUpdated(core, userId)
    return result
  })
}

function insertIdentifier(
  core: Core,
  kind: IdentifierKind,
  user: UserRecord,
  raw: string,
  options: NewIdentifier,
): IdentifierRecord {
  const value = normalizeIdentifier(kind, raw)
  if (core.store.users.identifierByValue(kind, value)) {
    throw unprocessable(
      identifierExists(NAMES[kind].param, `That ${NAMES[kind].noun} is taken: ${value}. Please try another.`),
    )
  }
  const now = core.now()
  const record: IdentifierRecord = {
    id: newId('idn'),
    user_id: user.id,
    value,
    verification: options.verification,
    created_at: now,
    updated_at: now,
  }
  return core.store.transaction(() => {
    core.store.users.insertIdentifier(kind, record)
    if (options.primary || user[NAMES[kind].primary] === null)
      setPrimary(core, kind, core.store.users.get(user.id)!, record.id)
    return record
  })
}

/** Removes an identifier; when it was primary, the user's oldest remaining one of its kind becomes primary. */
export function removeIdentifier(core: Core, kind: IdentifierKind, record: IdentifierRecord): void {
  announced(core, record.user_id, () => {
    core.store.users.deleteIdentifier(kind, record)
    const user = core.store.users.get(record.user_id)
    if (user && user[NAMES[kind].primary] === record.id) {
      const remaining = kind === 'email' ? core.store.users.emails(user.id) : core.store.users.phones(user.id)
      setPrimary(
        core,
        kind,
        user,
        remaining.find((r) => r.verification?.status !== 'unverified')?.id ?? remaining[0]?.id ?? null,
      )
    }
  })
}

/** Marks the identifier verified (null: by an administrator) or not, and makes it primary if asked. */
export function changeIdentifier(
  core: Core,
  kind: IdentifierKind,
  record: IdentifierRecord,
  changes: IdentifierChanges,
): IdentifierRecord {
  return announced(core, record.user_id, () => updateIdentifierRecord(core, kind, record, changes))
}

/**
 * "Sends" the e-mail code that verifies the address (`prepare_verification`): `email.created` with the code, and the
 * address waiting for it. The user is not announced: nothing about them changed until the code is typed in.
 */
export function prepareEmailVerification(core: Core, record: IdentifierRecord): IdentifierRecord {
  return core.store.transaction(() => {
    const verification = sendEmailCode(core, {
      emailAddress: record.value,
      emailAddressId: record.id,
      userId: record.user_id,
    })
    return updateIdentifierRecord(core, 'email', record, { verification })
  })
}

function updateIdentifierRecord(
  core: Core,
  kind: IdentifierKind,
  record: IdentifierRecord,
  changes: IdentifierChanges,
): IdentifierRecord {
  const next = {
    ...record,
    ...(changes.verification === undefined ? {} : { verification: changes.verification }),
    updated_at: core.now(),
  }
  return core.store.transaction(() => {
    core.store.users.updateIdentifier(kind, next)
    if (changes.primary) setPrimary(core, kind, core.store.users.get(record.user_id)!, record.id)
    return next
  })
}

const CREATE_FIELDS = {
  email: {
    user_id: f.string().required(),
    email_address: f.string({ maxLength: 320 }).required(),
    verified: f.boolean(),
    primary: f.boolean(),
  },
  phone: {
    user_id: f.string().required(),
    phone_number: f.string({ maxLength: 20 }).required(),
    verified: f.boolean(),
    primary: f.boolean(),
    reserved_for_second_factor: f.boolean(),
  },
}

const UPDATE_FIELDS = {
  email: { verified: f.nullableBoolean(), primary: f.nullableBoolean() },
  phone: {
    verified: f.nullableBoolean(),
    primary: f.nullableBoolean(),
    reserved_for_second_factor: f.nullableBoolean(),
  },
}

function refuseSecondFactor(body: { reserved_for_second_factor?: boolean | null | undefined }): void {
  if (body.reserved_for_second_factor) {
    throw notSupported(
      'Multi-factor authentication (reserved_for_second_factor)',
      'phone numbers here are identifiers only',
      422,
      {
        param_name: 'reserved_for_second_factor',
      },
    )
  }
}

const verificationFor = (verified: boolean | null | undefined) =>
  verified === false ? UNVERIFIED_BY_ADMIN : verified ? null : undefined

/** `POST /v1/email_addresses` and `/v1/phone_numbers`: verified unless `verified: false`. */
export function createIdentifier(core: Core, kind: IdentifierKind, input: unknown): IdentifierRecord {
  const body = parseFields(input, CREATE_FIELDS[kind]) as {
    user_id: string
    verified?: boolean
    primary?: boolean
    reserved_for_second_factor?: boolean
  } & Record<string, unknown>
  refuseSecondFactor(body)
  const user = core.store.users.get(body.user_id)
  if (!user) throw notFound('not found', `No user was found with id ${body.user_id}`, { param_name: 'user_id' })
  return addIdentifier(core, kind, user, body[NAMES[kind].param] as string, {
    verification: verificationFor(body.verified) ?? null,
    primary: body.primary,
  })
}

/** `PATCH /v1/email_addresses/{id}` and `/v1/phone_numbers/{id}`. */
export function updateIdentifier(core: Core, kind: IdentifierKind, id: string, input: unknown): IdentifierRecord {
  const body = parseFields(input, UPDATE_FIELDS[kind]) as {
    verified?: boolean | null
    primary?: boolean | null
    reserved_for_second_factor?: boolean | null
  }
  refuseSecondFactor(body)
  const record = getIdentifier(core, kind, id)
  return changeIdentifier(core, kind, record, {
    verification: verificationFor(body.verified),
    primary: body.primary ?? undefined,
  })
}

const REPLACE_FIELDS = {
  email: {
    email_address: f.string({ maxLength: 320 }).required(),
    identification_status: f.oneOf(['verified', 'reserved', 'unverified'] as const),
    notify_primary_email_address_changed: f.boolean(),
  },
  phone: {
    phone_number: f.string({ maxLength: 20 }).required(),
    identification_status: f.oneOf(['verified', 'reserved', 'unverified'] as const),
  },
}

/** `PUT /v1/users/{id}/email_address` (or `phone_number`): the user's only identifier of that kind from now on, primary. */
export function replaceIdentifier(
  core: Core,
  kind: IdentifierKind,
  user: UserRecord,
  input: unknown,
): IdentifierRecord {
  const body = parseFields(input, REPLACE_FIELDS[kind]) as { identification_status?: string } & Record<string, unknown>
  const value = normalizeIdentifier(kind, body[NAMES[kind].param] as string)
  const existing = kind === 'email' ? core.store.users.emails(user.id) : core.store.users.phones(user.id)
  return announced(core, user.id, () => {
    for (const record of existing) {
      if (record.value !== value) core.store.users.deleteIdentifier(kind, record)
    }
    const kept = existing.find((record) => record.value === value)
    const verification = (body.identification_status ?? 'verified') === 'verified' ? null : UNVERIFIED_BY_ADMIN
    const fresh = core.store.users.get(user.id)!
    const record = kept
      ? updateIdentifierRecord(core, kind, kept, { verification })
      : insertIdentifier(core, kind, { ...fresh, [NAMES[kind].primary]: null }, value, { verification, primary: true })
    setPrimary(core, kind, core.store.users.get(user.id)!, record.id)
    return record
  })
}
