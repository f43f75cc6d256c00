// The invitation e-mails Clerk sends (remix-clerk-local sends none): announced as `email.created` with the link the
// e-mail would carry, so that an app that sends its own e-mails from the webhook can. Only when the invitation asked
// for it (`notify`, true by default, as on Clerk).
import type { Core } from '../core/core.js'
import { invitationEmailJson, organizationInvitationEmailJson } from '../backendJson/events.js'
import { ticketLink } from '../backendJson/ticketLink.js'
import type { InvitationRecord } from '../store/invitationStore.js'
import type { OrganizationInvitationRecord } from '../store/organizationInvitationStore.js'
import { emailSender } from './emailCodes.js'

/** To whom: the invited address, and its identification and user when it belongs to one already. */
function recipient(core: Core, invitation: { email_address: string; ticket: string }) {
  const identifier = core.store.users.identifierByValue('email', invitation.email_address)
  return {
    toEmailAddress: invitation.email_address,
    emailAddressId: identifier?.id ?? null,
    userId: identifier?.user_id ?? null,
    actionUrl: ticketLink(core.frontendApiUrl(), invitation.ticket),
    ...emailSender(core),
  }
}

export function sendInvitationEmail(core: Core, invitation: InvitationRecord): void {
  core.events.emit('email.created', () => invitationEmailJson(recipient(core, invitation)))
}

export function sendOrganizationInvitationEmail(core: Core, invitation: OrganizationInvitationRecord): void {
  core.events.emit('email.created', () => {
    const { store } = core
    const inviter = invitation.inviter_user_id === null ? undefined : store.users.get(invitation.inviter_user_id)
    const name = inviter && [inviter.first_name, inviter.last_name].filter(Boolean).join(' ')
    return organizationInvitationEmailJson({
      ...recipient(core, invitation),
      organizationName: store.organizations.get(invitation.organization_id)!.name,
      inviterName: name || null,
    })
  })
}
