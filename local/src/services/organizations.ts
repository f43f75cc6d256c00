// Organization and membership rules, one implementation for the Backend API and seeds.
import type { Core } from '../core.js'
import { clerkError, identifierExists, notFound, paramValueInvalid, unprocessable } from '../errors.js'
import { newId } from '../ids.js'
import { organizationDeletedJson } from '../resources/events.js'
import { membershipJson, organizationJson } from '../resources/organization.js'
import { PERMISSION_PATTERN, ROLE_PATTERN, isSystemPermission } from '../roles.js'
import type { MembershipRecord, OrganizationRecord } from '../store/organizationStore.js'
import { f, invalidFormat, parseFields } from '../validation/schema.js'
import { assertUserExists } from './users.js'

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

const CREATE_ORGANIZATION_FIELDS = {
  name: f.string({ minLength: 1, maxLength: 256 }).required(),
  slug: f.string({ pattern: SLUG_PATTERN, patternHint: 'must be lowercase letters, digits and single dashes, e.g. acme-inc.' }),
  created_by: f.string(),
  public_metadata: f.object(),
  private_metadata: f.object(),
  max_allowed_memberships: f.integer(0, 1_000_000),
}

const role = f.custom((value, param): string => {
  if (typeof value !== 'string') return invalidFormat(param, 'must be a string.')
  if (!ROLE_PATTERN.test(value)) {
    return invalidFormat(param, `must look like org:admin, org:member or org:<custom_key> (got ${JSON.stringify(value)}).`)
  }
  return value
})

const permissions = f.custom((value, param): string[] => {
  if (!Array.isArray(value)) return invalidFormat(param, 'must be an array of strings.')
  return value.map((item, index) => {
    if (typeof item !== 'string' || !PERMISSION_PATTERN.test(item)) {
      return invalidFormat(`${param}[${index}]`, `must look like org:<feature>:<action>, e.g. org:invoices:read.`)
    }
    if (isSystemPermission(item)) {
      return invalidFormat(`${param}[${index}]`, 'is a system permission: those follow from the role, grant custom ones here.')
    }
    return item
  })
})

const CREATE_MEMBERSHIP_FIELDS = {
  user_id: f.string().required(),
  role: role.required(),
  /** Not in Clerk's API (there, permissions come from role definitions): grants custom permissions directly. */
  permissions,
  public_metadata: f.object(),
  private_metadata: f.object(),
}

/** "Acme, Inc." → "acme-inc". */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

export function createOrganization(core: Core, input: unknown): OrganizationRecord {
  const body = parseFields(input, CREATE_ORGANIZATION_FIELDS)
  const { store } = core
  const slug = body.slug ?? slugify(body.name)
  if (!slug) throw unprocessable(paramValueInvalid('slug', 'is required when the name has no letters or digits.'))
  if (store.organizations.get(slug)) {
    throw unprocessable(identifierExists('slug', `An organization with the slug ${slug} already exists. Choose another slug.`))
  }
  if (body.created_by !== undefined) assertUserExists(core, body.created_by, 'created_by')
  const now = core.now()
  const organization: OrganizationRecord = {
    id: newId('org'),
    name: body.name,
    slug,
    public_metadata: body.public_metadata ?? {},
    private_metadata: body.private_metadata ?? {},
    max_allowed_memberships: body.max_allowed_memberships ?? 0,
    created_by: body.created_by ?? null,
    created_at: now,
    updated_at: now,
  }
  store.transaction(() => {
    store.organizations.insert(organization)
    core.events.emit('organization.created', () => organizationJson(organization))
    // As on Clerk, the creator becomes the first admin.
    if (body.created_by !== undefined) insertMembership(core, newMembership(organization.id, body.created_by, 'org:admin', [], now))
  })
  return organization
}

export function getOrganization(core: Core, idOrSlug: string): OrganizationRecord {
  const organization = core.store.organizations.get(idOrSlug)
  if (!organization) {
    throw notFound('Organization not found', `No organization was found with id or slug ${idOrSlug}`)
  }
  return organization
}

/**
 * Deletes the organization with its memberships (a foreign-key cascade). One event, `organization.deleted`: the
 * memberships that go with it are not announced one by one.
 */
export function deleteOrganization(core: Core, organizationId: string): OrganizationRecord {
  const organization = getOrganization(core, organizationId)
  core.store.organizations.delete(organization.id)
  core.events.emit('organization.deleted', () => organizationDeletedJson(organization))
  return organization
}

export function createMembership(core: Core, organizationId: string, input: unknown): MembershipRecord {
  const organization = getOrganization(core, organizationId)
  const body = parseFields(input, CREATE_MEMBERSHIP_FIELDS)
  const { store } = core
  assertUserExists(core, body.user_id, 'user_id')
  if (store.organizations.membership(organization.id, body.user_id)) {
    throw unprocessable({
      code: 'already_a_member_in_organization',
      message: 'already a member',
      long_message: `User ${body.user_id} is already a member of organization ${organization.id}.`,
      meta: { param_name: 'user_id' },
    })
  }
  const limit = organization.max_allowed_memberships
  if (limit > 0 && store.organizations.membersCount(organization.id) >= limit) {
    throw clerkError(
      403,
      'organization_membership_quota_exceeded',
      'membership quota exceeded',
      `Organization ${organization.id} allows at most ${limit} memberships.`,
    )
  }
  const membership = newMembership(
    organization.id,
    body.user_id,
    body.role,
    [...new Set(body.permissions ?? [])],
    core.now(),
    body.public_metadata,
    body.private_metadata,
  )
  store.transaction(() => insertMembership(core, membership))
  return membership
}

function insertMembership(core: Core, membership: MembershipRecord): void {
  core.store.organizations.insertMembership(membership)
  core.events.emit('organizationMembership.created', () => membershipJson(core.store, membership))
}

export function deleteMembership(core: Core, organizationId: string, userId: string): MembershipRecord {
  const organization = getOrganization(core, organizationId)
  const membership = core.store.organizations.membership(organization.id, userId)
  if (!membership) {
    throw notFound('not found', `User ${userId} is not a member of organization ${organization.id}`)
  }
  // Built before the delete: the event describes the membership that was removed, with its organization and user.
  core.events.emit('organizationMembership.deleted', () => membershipJson(core.store, membership))
  core.store.organizations.deleteMembership(membership.id)
  return membership
}

function newMembership(
  organizationId: string,
  userId: string,
  role: string,
  permissions: string[],
  now: number,
  publicMetadata: Record<string, unknown> = {},
  privateMetadata: Record<string, unknown> = {},
): MembershipRecord {
  return {
    id: newId('orgmem'),
    organization_id: organizationId,
    user_id: userId,
    role,
    permissions,
    public_metadata: publicMetadata,
    private_metadata: privateMetadata,
    created_at: now,
    updated_at: now,
  }
}
