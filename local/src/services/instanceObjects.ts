// The instance's simple Backend API objects: redirect URLs, domains and waitlist entries. They are stored and
// listed as Clerk does; none of them changes how this backend signs people in (see local/README.md).
import type { Core } from '../core/core.js'
import { clerkError, identifierExists, notFound, paramFormatInvalid, unprocessable } from '../shared/errors.js'
import { newId } from '../shared/ids.js'
import type { DomainRecord, RedirectUrlRecord, WaitlistEntryRecord, WaitlistStatus } from '../store/instanceRecords.js'
import { isEmailAddress } from '../validation/emailAddress.js'
import { f, parseFields } from '../validation/schema.js'

const URL_FIELDS = { url: f.string({ maxLength: 2048 }).required() }

/** `POST /v1/redirect_urls`: an absolute URL (http(s) or an app's own scheme, as mobile apps register). */
export function createRedirectUrl(core: Core, input: unknown): RedirectUrlRecord {
  const { url } = parseFields(input, URL_FIELDS)
  if (!URL.canParse(url) || !/^[a-z][a-z0-9+.-]*:/i.test(url))
    throw unprocessable(paramFormatInvalid('url', 'must be an absolute URL, e.g. https://example.com/callback.'))
  if (core.store.records.redirectUrls.where('url = ?', url).length > 0) {
    throw unprocessable({ ...identifierExists('url', `${url} is already a redirect URL.`), code: 'duplicate_record' })
  }
  const now = core.now()
  const record = { id: newId('ru'), url, created_at: now, updated_at: now }
  core.store.records.redirectUrls.insert(record)
  return record
}

export function getRedirectUrl(core: Core, id: string): RedirectUrlRecord {
  const record = core.store.records.redirectUrls.get(id)
  if (!record) throw notFound('not found', `No redirect URL was found with id ${id}`)
  return record
}

/** The instance's primary domain: this backend's own, listed first and never stored. */
export function primaryDomain(core: Core): DomainRecord {
  return {
    id: `dmn_${core.keys.instanceId.replace(/^ins_/, '')}`,
    name: new URL(core.frontendApiUrl()).host,
    is_satellite: false,
    proxy_url: null,
    created_at: 0,
    updated_at: 0,
  }
}

const DOMAIN_FIELDS = {
  name: f.string({ maxLength: 253 }).required(),
  is_satellite: f.boolean().required(),
  proxy_url: f.nullableString({ maxLength: 2048 }),
}
const DOMAIN_UPDATE_FIELDS = {
  name: f.nullableString({ maxLength: 253 }),
  proxy_url: f.nullableString({ maxLength: 2048 }),
  is_secondary: f.nullableBoolean(),
}
const DOMAIN_NAME =
  /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(:\d{1,5})?$/i

function checkDomain(core: Core, name: string, except?: string): string {
  const value = name.trim().toLowerCase()
  if (!DOMAIN_NAME.test(value))
    throw unprocessable(paramFormatInvalid('name', 'must be a domain name, e.g. satellite.example.com.'))
  const taken =
    value === primaryDomain(core).name ||
    core.store.records.domains.where('name = ? AND id != ?', value, except ?? '').length > 0
  if (taken)
    throw unprocessable({
      ...identifierExists('name', `The domain ${value} exists already.`),
      code: 'duplicate_record',
    })
  return value
}

/** `POST /v1/domains`: only satellites can be added, as on Clerk. */
export function addDomain(core: Core, input: unknown): DomainRecord {
  const body = parseFields(input, DOMAIN_FIELDS)
  if (!body.is_satellite) {
    throw unprocessable({
      ...paramFormatInvalid(
        'is_satellite',
        'must be true: an instance has one primary domain, and only satellite domains can be added.',
      ),
      code: 'form_param_value_invalid',
    })
  }
  const now = core.now()
  const record: DomainRecord = {
    id: newId('dmn'),
    name: checkDomain(core, body.name),
    is_satellite: true,
    proxy_url: body.proxy_url ?? null,
    created_at: now,
    updated_at: now,
  }
  core.store.records.domains.insert(record)
  return record
}

function storedDomain(core: Core, id: string): DomainRecord {
  if (id === primaryDomain(core).id) {
    throw clerkError(
      403,
      'primary_domain_immutable',
      'The primary domain cannot be changed here',
      "The primary domain is remix-clerk-local's own address; start it with another --host or --port instead.",
    )
  }
  const record = core.store.records.domains.get(id)
  if (!record) throw notFound('not found', `No domain was found with id ${id}`)
  return record
}

export function updateDomain(core: Core, id: string, input: unknown): DomainRecord {
  const body = parseFields(input, DOMAIN_UPDATE_FIELDS)
  const record = storedDomain(core, id)
  const next: DomainRecord = {
    ...record,
    name: body.name ? checkDomain(core, body.name, record.id) : record.name,
    proxy_url: body.proxy_url === undefined ? record.proxy_url : body.proxy_url,
    updated_at: core.now(),
  }
  core.store.records.domains.update(next)
  return next
}

export function deleteDomain(core: Core, id: string): DomainRecord {
  const record = storedDomain(core, id)
  core.store.records.domains.delete(record.id)
  return record
}

const WAITLIST_FIELDS = { email_address: f.string({ maxLength: 320 }).required(), notify: f.boolean() }

/** `POST /v1/waitlist_entries`: an address already on the waitlist gets its existing entry back. */
export function joinWaitlist(core: Core, input: unknown): WaitlistEntryRecord {
  const body = parseFields(input, WAITLIST_FIELDS)
  const email = body.email_address.trim().toLowerCase()
  if (!isEmailAddress(email)) throw unprocessable(paramFormatInvalid('email_address', 'must be a valid email address.'))
  const [existing] = core.store.records.waitlist.where('email_address = ?', email)
  if (existing) return existing
  const now = core.now()
  const record: WaitlistEntryRecord = {
    id: newId('wle'),
    email_address: email,
    status: 'pending',
    created_at: now,
    updated_at: now,
  }
  core.store.records.waitlist.insert(record)
  return record
}

function getWaitlistEntry(core: Core, id: string): WaitlistEntryRecord {
  const record = core.store.records.waitlist.get(id)
  if (!record) throw notFound('not found', `No waitlist entry was found with id ${id}`)
  return record
}

/** Invite or reject an entry. Inviting records the decision; no invitation e-mail exists here to send. */
export function decideWaitlistEntry(
  core: Core,
  id: string,
  status: Extract<WaitlistStatus, 'invited' | 'rejected'>,
): WaitlistEntryRecord {
  const record = getWaitlistEntry(core, id)
  const next = { ...record, status, updated_at: core.now() }
  core.store.records.waitlist.update(next)
  return next
}

/** Only a pending entry can be deleted, as on Clerk. */
export function deleteWaitlistEntry(core: Core, id: string): WaitlistEntryRecord {
  const record = getWaitlistEntry(core, id)
  if (record.status !== 'pending') {
    throw clerkError(
      400,
      'waitlist_entry_not_pending',
      'Only pending entries can be deleted',
      `The waitlist entry ${id} is ${record.status}; only a pending one can be deleted.`,
    )
  }
  core.store.records.waitlist.delete(id)
  return record
}
