// clerkClient.invitations: invitations to sign up to the application.
import { defineApi } from '../defineApi.js'
import { DeletedObject } from '../resources/deletedObject.js'
import type { PaginatedResourceResponse } from '../resources/deserialize.js'
import { Invitation, type InvitationStatus } from '../resources/invitation.js'
import type { PaginationParams, WithSign } from './pagination.js'

export type TemplateSlug = 'invitation' | 'waitlist_invitation'

export interface CreateInvitationParams {
  emailAddress: string
  expiresInDays?: number
  ignoreExisting?: boolean
  notify?: boolean
  publicMetadata?: Record<string, unknown>
  redirectUrl?: string
  templateSlug?: TemplateSlug
}

export type CreateInvitationBulkParams = CreateInvitationParams[]

export interface GetInvitationListParams extends PaginationParams {
  orderBy?: WithSign<'created_at' | 'email_address' | 'expires_at'>
  status?: InvitationStatus
  query?: string
}

export interface InvitationAPI {
  getInvitationList(params?: GetInvitationListParams): Promise<PaginatedResourceResponse<Invitation[]>>
  createInvitation(params: CreateInvitationParams): Promise<Invitation>
  createInvitationBulk(params: CreateInvitationBulkParams): Promise<Invitation[]>
  revokeInvitation(invitationId: string): Promise<Invitation>
  deleteInvitation(invitationId: string): Promise<DeletedObject>
}

export const invitations = defineApi<InvitationAPI>('invitations', 'InvitationAPI', {
  getInvitationList: {
    method: 'GET',
    path: '/invitations',
    args: ['...params?'],
    fixedQuery: { paginated: true },
    returns: { page: Invitation },
  },
  createInvitation: { method: 'POST', path: '/invitations', args: ['...params'], returns: Invitation },
  createInvitationBulk: {
    method: 'POST',
    path: '/invitations/bulk',
    args: ['params[]'],
    returns: { array: Invitation },
  },
  revokeInvitation: {
    method: 'POST',
    path: '/invitations/{invitationId}/revoke',
    args: ['invitationId'],
    returns: Invitation,
  },
  deleteInvitation: {
    method: 'DELETE',
    path: '/invitations/{invitationId}',
    args: ['invitationId'],
    returns: DeletedObject,
  },
})
