// Organizations, invitations and domains as ClerkJS reads them: what members and invitees may see (no private metadata,
// no invitation links).
import type { Core } from '../../core/core.js'
import { organizationJson, publicOrganizationDataJson, roleName } from '../../backendJson/organization.js'
import type { OrganizationInvitationRecord } from '../../store/organizationInvitationStore.js'
import type { OrganizationRecord } from '../../store/organizationStore.js'

/** An organization as its members see it, with its counts. */
export function frontendOrganizationJson(core: Core, organization: OrganizationRecord) {
  const { private_metadata: _private, ...json } = organizationJson(core, organization, {
    members_count: core.store.organizations.membersCount(organization.id),
    pending_invitations_count: core.store.organizationInvitations.pendingCount(organization.id, core.now()),
  })
  return json
}

/** An invitation as the organization's admins see it (`organization.getInvitations()`, `inviteMember`). */
export function frontendInvitationJson(invitation: OrganizationInvitationRecord) {
  return {
    object: 'organization_invitation',
    id: invitation.id,
    email_address: invitation.email_address,
    organization_id: invitation.organization_id,
    public_metadata: invitation.public_metadata,
    role: invitation.role,
    role_name: roleName(invitation.role),
    status: invitation.status,
    created_at: invitation.created_at,
    updated_at: invitation.updated_at,
  }
}

/** An invitation as the invitee sees it (`user.getOrganizationInvitations()`), with the organization's public data. */
export function userInvitationJson(core: Core, invitation: OrganizationInvitationRecord) {
  return {
    ...frontendInvitationJson(invitation),
    public_organization_data: publicOrganizationDataJson(
      core,
      core.store.organizations.get(invitation.organization_id)!,
    ),
  }
}
