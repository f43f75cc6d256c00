// Seeding from a JSON file or object: users, organizations and templates in one transaction, existing ones kept.
import type { Core } from '../core/core.js'
import { ClerkApiError, LocalClerkError } from '../shared/errors.js'
import { createMembership } from '../services/memberships.js'
import { createOrganization, slugify } from '../services/organizations.js'
import { createTemplate } from '../services/jwtTemplates.js'
import { createUser } from '../services/users.js'

/** A user as for `POST /v1/users`; `email_address` may also be a single string. */
export type SeedUser = Record<string, unknown> & { email_address?: string | string[]; username?: string }

export interface SeedMember {
  /** The member: an e-mail address, a username or a user id. */
  user: string
  role: string
  /** Custom permissions such as `org:invoices:read`. */
  permissions?: string[]
  public_metadata?: Record<string, unknown>
}

export type SeedOrganization = Record<string, unknown> & { name: string; slug?: string; members?: SeedMember[] }

/** A template as for `POST /v1/jwt_templates`. */
export type SeedTemplate = Record<string, unknown> & { name: string }

export interface SeedData {
  users?: SeedUser[]
  organizations?: SeedOrganization[]
  templates?: SeedTemplate[]
}

export interface SeedResult {
  users: Array<{ id: string; email_address: string | null; created: boolean }>
  organizations: Array<{ id: string; slug: string; created: boolean }>
  memberships: Array<{ id: string; organization_id: string; user_id: string; role: string; created: boolean }>
  templates: Array<{ id: string; name: string; created: boolean }>
}

/** A seed item failed validation; the message starts with where, e.g. `users[2]: email_address …`. */
export class SeedError extends LocalClerkError {
  declare readonly code: 'REMIX_CLERK_LOCAL_INVALID_SEED'

  constructor(message: string) {
    super('REMIX_CLERK_LOCAL_INVALID_SEED', message)
  }
}
SeedError.prototype.name = 'SeedError'

const KNOWN_KEYS = ['users', 'organizations', 'templates']

/**
 * Adds users, organizations (with members) and JWT templates in one transaction: all or nothing. Idempotent:
 * users whose e-mail address or username exists, organizations whose slug exists, memberships that exist and
 * templates whose name exists are left as they are and reported with `created: false`.
 */
export function seed(core: Core, data: SeedData): SeedResult {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new SeedError('seed data must be an object with optional "users", "organizations" and "templates" arrays.')
  }
  for (const key of Object.keys(data)) {
    if (!KNOWN_KEYS.includes(key)) throw new SeedError(`unknown key "${key}": expected ${KNOWN_KEYS.join(', ')}.`)
  }
  for (const key of KNOWN_KEYS) {
    const value = (data as Record<string, unknown>)[key]
    if (value !== undefined && !Array.isArray(value)) throw new SeedError(`"${key}" must be an array.`)
  }
  return core.store.bulkTransaction(() => ({
    users: (data.users ?? []).map((user, i) => at(`users[${i}]`, () => seedUser(core, user))),
    ...seedOrganizations(core, data.organizations ?? []),
    templates: (data.templates ?? []).map((template, i) => at(`templates[${i}]`, () => seedTemplate(core, template))),
  }))
}

function seedUser(core: Core, input: SeedUser): SeedResult['users'][number] {
  const emails = typeof input.email_address === 'string' ? [input.email_address] : input.email_address
  const existing =
    (Array.isArray(emails) ? emails.map((e) => core.store.users.userIdByEmail(String(e))).find(Boolean) : undefined) ??
    (typeof input.username === 'string' ? core.store.users.userIdByUsername(input.username) : undefined)
  // One lookup by id: re-reading the whole user for its address would double the cost of seeding many users.
  const primary = (emailId: string | null | undefined) =>
    emailId ? (core.store.users.identifier('email', emailId)?.value ?? null) : null
  if (existing)
    return {
      id: existing,
      email_address: primary(core.store.users.get(existing)?.primary_email_address_id),
      created: false,
    }
  const user = createUser(core, emails === undefined ? input : { ...input, email_address: emails })
  return { id: user.id, email_address: primary(user.primary_email_address_id), created: true }
}

function seedOrganizations(core: Core, organizations: SeedOrganization[]) {
  const result: Pick<SeedResult, 'organizations' | 'memberships'> = { organizations: [], memberships: [] }
  organizations.forEach((input, i) => {
    const where = `organizations[${i}]`
    const { members = [], ...fields } = input
    const slug =
      typeof fields.slug === 'string' ? fields.slug : typeof fields.name === 'string' ? slugify(fields.name) : ''
    const existing = slug ? core.store.organizations.get(slug) : undefined
    const organization = existing ?? at(where, () => createOrganization(core, fields))
    result.organizations.push({ id: organization.id, slug: organization.slug, created: !existing })
    if (!Array.isArray(members)) throw new SeedError(`${where}.members must be an array.`)
    members.forEach((member, j) => {
      const memberWhere = `${where}.members[${j}]`
      const { user: reference, ...membership } = member ?? ({} as SeedMember)
      const userId = at(memberWhere, () => resolveUser(core, reference))
      const current = core.store.organizations.membership(organization.id, userId)
      const record =
        current ?? at(memberWhere, () => createMembership(core, organization, { ...membership, user_id: userId }))
      result.memberships.push({
        id: record.id,
        organization_id: organization.id,
        user_id: userId,
        role: record.role,
        created: !current,
      })
    })
  })
  return result
}

function resolveUser(core: Core, reference: unknown): string {
  if (typeof reference !== 'string' || reference === '') {
    throw new SeedError('"user" must be the e-mail address, username or id of a user.')
  }
  const { users } = core.store
  const id =
    (users.get(reference) ? reference : undefined) ??
    users.userIdByEmail(reference) ??
    users.userIdByUsername(reference)
  if (!id) throw new SeedError(`no user matches "${reference}"; list it under "users" first.`)
  return id
}

function seedTemplate(core: Core, input: SeedTemplate): SeedResult['templates'][number] {
  const existing = typeof input.name === 'string' ? core.store.templates.getByName(input.name) : undefined
  if (existing) return { id: existing.id, name: existing.name, created: false }
  const template = createTemplate(core, input)
  return { id: template.id, name: template.name, created: true }
}

/** Runs one item, prefixing any validation error with its position in the seed data. */
function at<T>(where: string, work: () => T): T {
  try {
    return work()
  } catch (error) {
    if (error instanceof SeedError && error.message.startsWith(where)) throw error
    if (error instanceof SeedError) throw new SeedError(`${where}: ${error.message}`)
    if (error instanceof ClerkApiError)
      throw new SeedError(`${where}: ${error.errors.map((e) => e.long_message).join(' ')}`)
    throw error
  }
}
