// Membership rules (add, change the role or metadata, remove), for the Backend API, ClerkJS, invitations and seeds.
// Each takes the organization already found (services/organizations.ts's getOrganization).
import type { Core } from '../core/core.js'
import { clerkError, notFound, unprocessable } from '../shared/errors.js'
import { newId } from '../shared/ids.js'
import { mergeMetadata } from '../shared/metadata.js'
import { membershipJson } from '../backendJson/organization.js'
import { PERMISSION_PATTERN, ROLE_PATTERN, allPermissions, isSystemPermission } from '../shared/roles.js'
import type { MembershipRecord, OrganizationRecord } from '../store/organizationStore.js'
import { f, invalidFormat, parseFields } from '../validation/schema.js'
import { assertUserExists } from './users.js'

/** A role key: `org:admin`, `org:member` or `org:<custom_key>`. */
export const roleField = f.custom((value, param): string => {
  if (typeof value !== 'string') return invalidFormat(param, 'must be a string.')
  if (!ROLE_PATTERN.test(value)) {
    return invalidFormat(
      param,
      `must look like org:admin, org:member or org:<custom_key> (got ${JSON.stringify(value.slice(0, 100))}).`,
    )
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
      return invalidFormat(
        `${param}[${index}]`,
        'is a system permission: those follow from the role, grant custom ones here.',
      )
    }
    return item
  })
})

const CREATE_MEMBERSHIP_FIELDS = {
  user_id: f.string().required(),
  role: roleField.required(),
  /** Not in Clerk's API (there, permissions come from role definitions): grants custom permissions directly. */
  permissions,
  public_metadata: f.object(),
  private_metadata: f.object(),
}

const UPDATE_MEMBERSHIP_FIELDS = {
  role: roleField.required(),
  /** Our extension again: replaces the custom permissions when given; they stay otherwise. */
  permissions,
}

const METADATA_FIELDS = {
  public_metadata: f.nullableObject(),
  private_metadata: f.nullableObject(),
}

export interface NewMember {
  role: string
  permissions?: string[] | undefined
  public_metadata?: Record<string, unknown> | undefined
  private_metadata?: Record<string, unknown> | undefined
}

/**
 * Adds the user to the organization: refused when they are a member already, or when the organization is full
 * (`max_allowed_memberships`, 0 for no limit).
 */
export function addMember(
  core: Core,
  organization: OrganizationRecord,
  userId: string,
  member: NewMember,
): MembershipRecord {
  const { organizations } = core.store
  if (organizations.membership(organization.id, userId)) {
    const email = primaryEmail(core, userId)
    throw unprocessable({
      code: 'already_a_member_in_organization',
      message: 'already a member',
      // ClerkJS's invite form finds the address in this message.
      long_message: `${email ?? userId} is already a member of the organization ${organization.id}.`,
      meta: { param_name: 'user_id' },
    })
  }
  assertRoomFor(core, organization, 1, false)
  const now = core.now()
  const membership: MembershipRecord = {
    id: newId('orgmem'),
    organization_id: organization.id,
    user_id: userId,
    role: member.role,
    permissions: [...new Set(member.permissions ?? [])],
    public_metadata: member.public_metadata ?? {},
    private_metadata: member.private_metadata ?? {},
    created_at: now,
    updated_at: now,
  }
  core.store.transaction(() => {
    organizations.insertMembership(membership)
    core.events.emit('organizationMembership.created', () => membershipJson(core, membership))
  })
  return membership
}

/**
 * `max_allowed_memberships` (0: no limit) counts members, and with `countInvitations` the invitations still pending:
 * inviting someone reserves a seat, as on Clerk.
 */
export function assertRoomFor(
  core: Core,
  organization: OrganizationRecord,
  more: number,
  countInvitations: boolean,
): void {
  const limit = organization.max_allowed_memberships
  if (limit === 0) return
  const taken =
    core.store.organizations.membersCount(organization.id) +
    (countInvitations ? core.store.organizationInvitations.pendingCount(organization.id, core.now()) : 0)
  if (taken + more > limit) {
    throw clerkError(
      403,
      'organization_membership_quota_exceeded',
      'Membership quota exceeded',
      `Organization ${organization.id} allows at most ${limit} memberships${countInvitations ? ', pending invitations included' : ''}.`,
    )
  }
}

/** `POST /v1/organizations/{id}/memberships`. */
export function createMembership(core: Core, organization: OrganizationRecord, input: unknown): MembershipRecord {
  const body = parseFields(input, CREATE_MEMBERSHIP_FIELDS)
  assertUserExists(core, body.user_id, 'user_id')
  return addMember(core, organization, body.user_id, body)
}

export function getMembership(core: Core, organization: OrganizationRecord, userId: string): MembershipRecord {
  const membership = core.store.organizations.membership(organization.id, userId)
  if (!membership) {
    throw notFound('not found', `User ${userId.slice(0, 100)} is not a member of organization ${organization.id}`)
  }
  return membership
}

/** A new role (and, with our extension, new custom permissions): the next session token's `o` claim carries it. */
export function updateMembership(
  core: Core,
  organization: OrganizationRecord,
  userId: string,
  input: unknown,
): MembershipRecord {
  const body = parseFields(input, UPDATE_MEMBERSHIP_FIELDS)
  const current = getMembership(core, organization, userId)
  return save(core, {
    ...current,
    role: body.role,
    permissions: body.permissions ? [...new Set(body.permissions)] : current.permissions,
  })
}

/** Deep merge, `null` removing a key, as Clerk's `updateOrganizationMembershipMetadata`. */
export function updateMembershipMetadata(
  core: Core,
  organization: OrganizationRecord,
  userId: string,
  input: unknown,
): MembershipRecord {
  const body = parseFields(input, METADATA_FIELDS)
  const current = getMembership(core, organization, userId)
  return save(core, {
    ...current,
    public_metadata: mergeMetadata(current.public_metadata, body.public_metadata ?? {}),
    private_metadata: mergeMetadata(current.private_metadata, body.private_metadata ?? {}),
  })
}

/** Removes the member: from the next token on, their sessions carry no claims of the organization. */
export function deleteMembership(core: Core, organization: OrganizationRecord, userId: string): MembershipRecord {
  const membership = getMembership(core, organization, userId)
  // Built before the delete: the event describes the membership that was removed, with its organization and user.
  core.events.emit('organizationMembership.deleted', () => membershipJson(core, membership))
  core.store.organizations.deleteMembership(membership.id)
  return membership
}

/** Whether the membership may do this (`org:sys_memberships:manage`…): the role's system permissions and the custom ones. */
export const hasPermission = (membership: MembershipRecord, permission: string): boolean =>
  allPermissions(membership.role, membership.permissions).includes(permission)

/**
 * Clerk keeps at least one member who can manage the members: the last admin cannot leave, be removed or lose the
 * role from the Frontend API. (The Backend API, an app's own admin tool, is not held to it.)
 */
export function assertNotLastManager(core: Core, membership: MembershipRecord, nextRole?: string): void {
  const manages = (role: string) => allPermissions(role, []).includes('org:sys_memberships:manage')
  if (!manages(membership.role) || (nextRole !== undefined && manages(nextRole))) return
  const managers = core.store.organizations.countMemberships(membership.organization_id, { role: ['org:admin'] })
  if (managers <= 1) {
    throw clerkError(
      403,
      'organization_minimum_permissions_needed',
      'There has to be at least one organization member with the minimum required permissions',
      'There has to be at least one organization member who can manage the members (org:admin): make someone else an admin first.',
    )
  }
}

function save(core: Core, membership: MembershipRecord): MembershipRecord {
  const saved = { ...membership, updated_at: core.now() }
  core.store.transaction(() => {
    core.store.organizations.updateMembership(saved)
    core.events.emit('organizationMembership.updated', () => membershipJson(core, saved))
  })
  return saved
}

function primaryEmail(core: Core, userId: string): string | undefined {
  const user = core.store.users.get(userId)
  return core.store.users.emails(userId).find((email) => email.id === user?.primary_email_address_id)?.value
}
