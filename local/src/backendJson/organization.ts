// Organizations and memberships in the Backend API's JSON, as Clerk's SDK types expect them.
import { allPermissions } from '../shared/roles.js'
import type { Store } from '../store/index.js'
import type { MembershipRecord, OrganizationRecord } from '../store/organizationStore.js'
import { DEFAULT_IMAGE_URL } from '../templates/context.js'
import { type JsonView, imageUrl } from './view.js'

/** Counts Clerk adds on request (`include_members_count`) or in the Frontend API. */
export interface OrganizationCounts {
  members_count?: number
  pending_invitations_count?: number
}

export function organizationJson(view: JsonView, organization: OrganizationRecord, counts: OrganizationCounts = {}) {
  return {
    object: 'organization',
    id: organization.id,
    name: organization.name,
    slug: organization.slug,
    image_url: imageUrl(view, organization.image_id),
    has_image: organization.image_id !== null,
    max_allowed_memberships: organization.max_allowed_memberships,
    admin_delete_enabled: organization.admin_delete_enabled,
    public_metadata: organization.public_metadata,
    private_metadata: organization.private_metadata,
    created_by: organization.created_by,
    created_at: organization.created_at,
    updated_at: organization.updated_at,
    ...counts,
  }
}

/** What an invitee (or a domain's visitor) may see of an organization. */
export function publicOrganizationDataJson(view: JsonView, organization: OrganizationRecord) {
  return {
    id: organization.id,
    name: organization.name,
    slug: organization.slug,
    image_url: imageUrl(view, organization.image_id),
    has_image: organization.image_id !== null,
  }
}

/** What anyone who shares an organization (or a session's browser) may see of a user. */
export function publicUserDataJson(store: Store, userId: string) {
  const user = store.users.get(userId)!
  const identifier =
    store.users.emails(userId).find((e) => e.id === user.primary_email_address_id)?.value ?? user.username ?? ''
  return {
    user_id: user.id,
    identifier,
    first_name: user.first_name,
    last_name: user.last_name,
    image_url: DEFAULT_IMAGE_URL,
    has_image: false,
  }
}

/** Membership with its organization and the member's public data, as the Backend API nests them. */
export function membershipJson(view: JsonView, membership: MembershipRecord) {
  const organization = view.store.organizations.get(membership.organization_id)!
  return {
    object: 'organization_membership',
    id: membership.id,
    role: membership.role,
    role_name: roleName(membership.role),
    permissions: allPermissions(membership.role, membership.permissions),
    public_metadata: membership.public_metadata,
    private_metadata: membership.private_metadata,
    created_at: membership.created_at,
    updated_at: membership.updated_at,
    organization: organizationJson(view, organization),
    public_user_data: publicUserDataJson(view.store, membership.user_id),
  }
}

/** `org:billing_manager` → `Billing manager`. */
export function roleName(role: string): string {
  const key = role.replace(/^org:/, '').replace(/_/g, ' ')
  return key.charAt(0).toUpperCase() + key.slice(1)
}

/** Membership lists are always `{data, total_count}` on the Backend API, paginated or not. */
export function membershipPageJson(view: JsonView, memberships: MembershipRecord[], totalCount: number) {
  return { data: memberships.map((m) => membershipJson(view, m)), total_count: totalCount }
}
