// Clerk's allowlist and blocklist: identifiers (e-mail addresses, whole e-mail domains, phone numbers) that alone may,
// or may not, sign up and sign in, enforced once switched on in the instance's restrictions.
import type { Core } from '../core/core.js'
import { clerkError, identifierExists, notFound, paramFormatInvalid, unprocessable } from '../shared/errors.js'
import { newId } from '../shared/ids.js'
import type { AccessIdentifierRecord, AccessList, IdentifierType } from '../store/instanceRecords.js'
import { isEmailAddress } from '../validation/emailAddress.js'
import { f, parseFields } from '../validation/schema.js'
import { readSettings } from './instanceSettings.js'
import { PHONE_PATTERN } from './users.js'

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/
const WALLET = /^0x[0-9a-f]{40}$/

const CREATE_FIELDS = { identifier: f.string({ maxLength: 320 }).required(), notify: f.boolean() }

/** What kind of identifier the text is; a leading `@` or `*@` names a whole e-mail domain. */
function classify(raw: string): { identifier: string; type: IdentifierType } | undefined {
  const value = raw.trim().toLowerCase()
  if (isEmailAddress(value)) return { identifier: value, type: 'email_address' }
  if (PHONE_PATTERN.test(value)) return { identifier: value, type: 'phone_number' }
  if (WALLET.test(value)) return { identifier: value, type: 'web3_wallet' }
  const domain = value.replace(/^\*?@/, '')
  if (DOMAIN.test(domain)) return { identifier: domain, type: 'domain' }
  return undefined
}

/** `POST /v1/allowlist_identifiers` or `/v1/blocklist_identifiers`. */
export function createAccessIdentifier(core: Core, list: AccessList, input: unknown): AccessIdentifierRecord {
  const body = parseFields(input, CREATE_FIELDS)
  const classified = classify(body.identifier)
  if (!classified) {
    throw unprocessable(
      paramFormatInvalid(
        'identifier',
        'must be an e-mail address, an e-mail domain (example.com), a phone number in E.164 format or a Web3 wallet.',
      ),
    )
  }
  const taken = core.store.records.accessIdentifiers.where('list = ? AND identifier = ?', list, classified.identifier)
  if (taken.length > 0) {
    throw unprocessable({
      ...identifierExists('identifier', `${classified.identifier} is already on the ${list}list.`),
      code: `duplicate_record`,
    })
  }
  const now = core.now()
  const record: AccessIdentifierRecord = {
    id: newId(list === 'allow' ? 'alid' : 'blid'),
    list,
    identifier: classified.identifier,
    identifier_type: classified.type,
    created_at: now,
    updated_at: now,
  }
  core.store.records.accessIdentifiers.insert(record)
  return record
}

export function deleteAccessIdentifier(core: Core, list: AccessList, id: string): void {
  const record = core.store.records.accessIdentifiers.get(id)
  if (!record || record.list !== list) throw notFound('not found', `No ${list}list identifier was found with id ${id}`)
  core.store.records.accessIdentifiers.delete(id)
}

/** The identifiers of one list. */
export const accessIdentifiers = (core: Core, list: AccessList) =>
  core.store.records.accessIdentifiers.where('list = ?', list)

function matches(entry: AccessIdentifierRecord, value: string): boolean {
  if (entry.identifier_type === 'domain') return value.endsWith(`@${entry.identifier}`)
  return entry.identifier === value
}

const notAllowed = (detail: string) =>
  clerkError(
    403,
    'not_allowed_access',
    'Access not allowed.',
    `${detail} The instance's restrictions (allowlist or blocklist) do not let it in.`,
  )

/**
 * Refuses identifiers the restrictions keep out: any on the blocklist, or none on the allowlist, each only when
 * that list is switched on (`PATCH /v1/instance/restrictions`); at sign-in only unless
 * `allowlist_blocklist_disabled_on_sign_in`. A 403 `not_allowed_access`, Clerk's code.
 */
export function checkAccess(core: Core, identifiers: readonly string[], phase: 'sign_up' | 'sign_in'): void {
  const restrictions = readSettings(core, 'restrictions')
  if (phase === 'sign_in' && restrictions.allowlist_blocklist_disabled_on_sign_in) return
  const values = identifiers.map((value) => value.trim().toLowerCase())
  if (restrictions.blocklist) {
    const blocked = accessIdentifiers(core, 'block')
    const hit = values.find((value) => blocked.some((entry) => matches(entry, value)))
    if (hit !== undefined) throw notAllowed(`${hit} is on the blocklist.`)
  }
  if (restrictions.allowlist) {
    const allowed = accessIdentifiers(core, 'allow')
    if (!values.some((value) => allowed.some((entry) => matches(entry, value)))) {
      throw notAllowed(
        values.length === 0
          ? 'Only identifiers on the allowlist may sign in.'
          : `${values.join(', ')} is not on the allowlist.`,
      )
    }
  }
  if (phase === 'sign_up' && restrictions.block_email_subaddresses) {
    const subaddress = values.find((value) => /^[^@]*\+[^@]*@/.test(value))
    if (subaddress !== undefined) {
      throw clerkError(
        422,
        'form_email_address_blocked',
        'This email address is not allowed.',
        `${subaddress} has a subaddress (+…), which this instance blocks.`,
        {
          param_name: 'email_address',
        },
      )
    }
  }
}

/** The identifiers an existing user signs in under: e-mail addresses and phone numbers. */
export function userIdentifiers(core: Core, userId: string): string[] {
  const { users } = core.store
  return [...users.emails(userId), ...users.phones(userId)].map((identifier) => identifier.value)
}
