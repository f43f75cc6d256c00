// API keys: issued to a user or an organization (the subject), with scopes, claims and an optional expiry; verified
// by their secret, revoked or deleted by the instance.
import type { Core } from '../core/core.js'
import { notFound, paramValueInvalid, unprocessable } from '../shared/errors.js'
import { machineAuthId, machineAuthSecret } from '../shared/machineIds.js'
import type { ApiKeyRecord } from '../store/apiKeyStore.js'
import { f, parseFields } from '../validation/schema.js'

const MAX_LIFETIME = 315_360_000
const subject = () => f.string({ minLength: 1, maxLength: 64 })
const editable = {
  description: f.nullableString({ maxLength: 1024 }),
  claims: f.nullableObject(),
  scopes: f.stringArray({ minLength: 1, maxLength: 256 }),
  seconds_until_expiration: f.nullableInteger(1, MAX_LIFETIME),
}
const CREATE_FIELDS = {
  ...editable,
  name: f.string({ minLength: 1, maxLength: 256 }).required(),
  subject: subject().required(),
  created_by: f.nullableString({ maxLength: 64 }),
}
const UPDATE_FIELDS = { ...editable, subject: subject().required() }
const REVOKE_FIELDS = { revocation_reason: f.nullableString({ maxLength: 1024 }) }
const VERIFY_FIELDS = { secret: f.string({ minLength: 1, maxLength: 4096 }).required() }

export function createApiKey(core: Core, input: unknown): ApiKeyRecord {
  const body = parseFields(input, CREATE_FIELDS)
  assertSubjectExists(core, body.subject)
  const now = core.now()
  const key: ApiKeyRecord = {
    id: machineAuthId('ak'),
    name: body.name,
    subject: body.subject,
    secret: machineAuthSecret('ak'),
    description: body.description ?? null,
    scopes: body.scopes ?? [],
    claims: body.claims ?? null,
    created_by: body.created_by ?? null,
    revoked: false,
    revocation_reason: null,
    expiration: expirationOf(body.seconds_until_expiration, now),
    last_used_at: null,
    created_at: now,
    updated_at: now,
  }
  core.store.machineAuth.apiKeys.insert(key)
  return key
}

export function getApiKey(core: Core, apiKeyId: string): ApiKeyRecord {
  const key = core.store.machineAuth.apiKeys.get(apiKeyId)
  if (!key) throw notFound('API key not found', `No API key was found with id ${apiKeyId.slice(0, 100)}`)
  return key
}

/** The fields given change, the others stay; `seconds_until_expiration` counts from now (null: never expires). */
export function updateApiKey(core: Core, apiKeyId: string, input: unknown): ApiKeyRecord {
  const key = getApiKey(core, apiKeyId)
  const body = parseFields(input, UPDATE_FIELDS)
  assertSubjectExists(core, body.subject)
  const now = core.now()
  const updated: ApiKeyRecord = {
    ...key,
    subject: body.subject,
    description: body.description === undefined ? key.description : body.description,
    claims: body.claims === undefined ? key.claims : body.claims,
    scopes: body.scopes ?? key.scopes,
    expiration:
      body.seconds_until_expiration === undefined ? key.expiration : expirationOf(body.seconds_until_expiration, now),
    updated_at: now,
  }
  core.store.machineAuth.apiKeys.update(updated)
  return updated
}

export function revokeApiKey(core: Core, apiKeyId: string, input: unknown): ApiKeyRecord {
  const key = getApiKey(core, apiKeyId)
  const { revocation_reason: reason = null } = parseFields(input, REVOKE_FIELDS)
  if (key.revoked) return key
  const revoked = { ...key, revoked: true, revocation_reason: reason, updated_at: core.now() }
  core.store.machineAuth.apiKeys.update(revoked)
  return revoked
}

export function deleteApiKey(core: Core, apiKeyId: string): void {
  if (!core.store.machineAuth.apiKeys.delete(apiKeyId)) getApiKey(core, apiKeyId)
}

/** The key a secret belongs to, if it is live and its subject still exists; its use is recorded. Else a 404. */
export function verifyApiKey(core: Core, input: unknown): ApiKeyRecord {
  const { secret } = parseFields(input, VERIFY_FIELDS)
  const { apiKeys } = core.store.machineAuth
  const key = apiKeys.bySecret(secret)
  const now = core.now()
  if (!key || key.revoked || (key.expiration !== null && key.expiration <= now) || !subjectExists(core, key.subject)) {
    const why = !key
      ? 'No such API key exists'
      : key.revoked
        ? 'The API key is revoked'
        : key.expiration !== null && key.expiration <= now
          ? 'The API key is expired'
          : `Its subject ${key.subject} no longer exists`
    throw notFound('API key not found', `${why}: it does not verify.`)
  }
  apiKeys.touch(key.id, now)
  return { ...key, last_used_at: now }
}

/** A list needs its subject; it need not exist any more (its keys are still listed). */
export function assertListableSubject(subjectId: string | undefined): string {
  if (!subjectId)
    throw unprocessable(
      paramValueInvalid('subject', 'must be included: the user or organization whose API keys to list.'),
    )
  return subjectId
}

function expirationOf(seconds: number | null | undefined, now: number): number | null {
  return seconds === null || seconds === undefined ? null : now + seconds * 1000
}

function subjectExists(core: Core, id: string): boolean {
  if (id.startsWith('user_')) return core.store.users.get(id) !== undefined
  if (id.startsWith('org_')) return core.store.organizations.get(id) !== undefined
  return false
}

function assertSubjectExists(core: Core, id: string): void {
  if (!id.startsWith('user_') && !id.startsWith('org_')) {
    throw unprocessable(
      paramValueInvalid(
        'subject',
        `must be a user (user_…) or an organization (org_…) id; got ${JSON.stringify(id.slice(0, 64))}.`,
      ),
    )
  }
  if (!subjectExists(core, id)) {
    throw notFound(
      id.startsWith('user_') ? 'User not found' : 'Organization not found',
      `No ${id.startsWith('user_') ? 'user' : 'organization'} was found with id ${id}`,
      { param_name: 'subject' },
    )
  }
}
