// The application's invitations (`/v1/invitations`) in the Backend API's JSON.
import type { InvitationRecord } from '../store/invitationStore.js'
import { ticketLink } from './ticketLink.js'

export function invitationJson(frontendApiUrl: string, invitation: InvitationRecord) {
  return {
    object: 'invitation',
    id: invitation.id,
    email_address: invitation.email_address,
    public_metadata: invitation.public_metadata,
    revoked: invitation.status === 'revoked',
    status: invitation.status,
    url: ticketLink(frontendApiUrl, invitation.ticket),
    expires_at: invitation.expires_at,
    created_at: invitation.created_at,
    updated_at: invitation.updated_at,
  }
}
