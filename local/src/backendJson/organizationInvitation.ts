// Organization invitations in the Backend API's JSON, as Clerk's SDK types expect them.
import type { OrganizationInvitationRecord } from '../store/organizationInvitationStore.js'
import { publicOrganizationDataJson, publicUserDataJson, roleName } from './organization.js'
import { ticketLink } from './ticketLink.js'
import type { JsonView } from './view.js'

/**
 * The Backend API's invitation, with the organization's public data (as the instance-wide and per-user lists give
 * it) and its link (which says so once the invitation is no longer pending).
 */
export function organizationInvitationJson(view: JsonView, invitation: OrganizationInvitationRecord) {
  const organization = view.store.organizations.get(invitation.organization_id)!
  return {
    object: 'organization_invitation',
    id: invitation.id,
    email_address: invitation.email_address,
    role: invitation.role,
    role_name: roleName(invitation.role),
    organization_id: invitation.organization_id,
    inviter_id: invitation.inviter_user_id,
    // The inviter's public data; the key is set to null when the user is gone (inviter_user_id too, by the schema).
    public_inviter_data:
      invitation.inviter_user_id === null ? null : publicUserDataJson(view.store, invitation.inviter_user_id),
    status: invitation.status,
    public_metadata: invitation.public_metadata,
    private_metadata: invitation.private_metadata,
    url: ticketLink(view.frontendApiUrl(), invitation.ticket),
    expires_at: invitation.expires_at,
    created_at: invitation.created_at,
    updated_at: invitation.updated_at,
    public_organization_data: publicOrganizationDataJson(view, organization),
  }
}
