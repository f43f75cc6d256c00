// clerkClient.organizations: organizations, their metadata and logo, memberships, invitations and verified domains.
import { defineApi } from '../defineApi.js'
import type { PaginatedResourceResponse } from '../resources/deserialize.js'
import type { DeletedObject } from '../resources/deletedObject.js'
import { OrganizationInvitation, type OrganizationInvitationStatus } from '../resources/invitation.js'
import { Organization, OrganizationMembership, type OrganizationMembershipRole } from '../resources/organization.js'
import { OrganizationDomain, type OrganizationEnrollmentMode } from '../resources/organizationDomain.js'
import type { PaginationParams, WithSign } from './pagination.js'

export interface OrganizationMetadataParams {
  publicMetadata?: Record<string, unknown>
  privateMetadata?: Record<string, unknown>
}

export interface GetOrganizationListParams extends PaginationParams {
  includeMembersCount?: boolean
  query?: string
  orderBy?: WithSign<'name' | 'created_at' | 'members_count'>
  organizationId?: string[]
}

export interface CreateOrganizationParams extends OrganizationMetadataParams {
  name: string
  slug?: string
  /** The user who becomes the organization's first admin. */
  createdBy?: string
  maxAllowedMemberships?: number
}

export type GetOrganizationParams = ({ organizationId: string } | { slug: string }) & {
  includeMembersCount?: boolean
}

export interface UpdateOrganizationParams {
  name?: string
  slug?: string
  adminDeleteEnabled?: boolean
  maxAllowedMemberships?: number
  /** @deprecated Use `updateOrganizationMetadata` (merge) or `replaceOrganizationMetadata` (replace). */
  publicMetadata?: Record<string, unknown>
  /** @deprecated Use `updateOrganizationMetadata` (merge) or `replaceOrganizationMetadata` (replace). */
  privateMetadata?: Record<string, unknown>
}

export interface UpdateOrganizationLogoParams {
  file: Blob
  uploaderUserId?: string
}

type MembershipOrderField = 'phone_number' | 'email_address' | 'created_at' | 'first_name' | 'last_name' | 'username'

export interface GetOrganizationMembershipListParams extends PaginationParams {
  organizationId: string
  orderBy?: WithSign<MembershipOrderField>
  userId?: string[]
  emailAddress?: string[]
  phoneNumber?: string[]
  username?: string[]
  web3Wallet?: string[]
  role?: OrganizationMembershipRole[]
  query?: string
  emailAddressQuery?: string
  phoneNumberQuery?: string
  usernameQuery?: string
  nameQuery?: string
  lastActiveAtBefore?: number
  lastActiveAtAfter?: number
  createdAtBefore?: number
  createdAtAfter?: number
}

export interface GetInstanceOrganizationMembershipListParams extends PaginationParams {
  orderBy?: WithSign<MembershipOrderField>
}

export interface CreateOrganizationMembershipParams {
  organizationId: string
  userId: string
  role: OrganizationMembershipRole
}

export type UpdateOrganizationMembershipParams = CreateOrganizationMembershipParams

export interface UpdateOrganizationMembershipMetadataParams extends OrganizationMetadataParams {
  organizationId: string
  userId: string
}

export interface DeleteOrganizationMembershipParams {
  organizationId: string
  userId: string
}

export interface CreateOrganizationInvitationParams {
  organizationId: string
  emailAddress: string
  role: OrganizationMembershipRole
  expiresInDays?: number
  inviterUserId?: string
  privateMetadata?: Record<string, unknown>
  publicMetadata?: Record<string, unknown>
  redirectUrl?: string
}

export type CreateBulkOrganizationInvitationParams = Omit<CreateOrganizationInvitationParams, 'organizationId'>[]

export interface GetOrganizationInvitationListParams extends PaginationParams {
  organizationId: string
  status?: OrganizationInvitationStatus[]
}

export interface GetOrganizationInvitationParams {
  organizationId: string
  invitationId: string
}

export interface RevokeOrganizationInvitationParams {
  organizationId: string
  invitationId: string
  requestingUserId?: string
}

export interface GetOrganizationDomainListParams extends PaginationParams {
  organizationId: string
}

export interface CreateOrganizationDomainParams {
  organizationId: string
  name: string
  enrollmentMode: OrganizationEnrollmentMode
  /** Default true. */
  verified?: boolean
}

export interface UpdateOrganizationDomainParams extends Partial<CreateOrganizationDomainParams> {
  organizationId: string
  domainId: string
}

export interface DeleteOrganizationDomainParams {
  organizationId: string
  domainId: string
}

export interface OrganizationAPI {
  getOrganizationList(params?: GetOrganizationListParams): Promise<PaginatedResourceResponse<Organization[]>>
  createOrganization(params: CreateOrganizationParams): Promise<Organization>
  /** By id or by slug (the Backend API accepts either in the same place). */
  getOrganization(params: GetOrganizationParams): Promise<Organization>
  updateOrganization(organizationId: string, params: UpdateOrganizationParams): Promise<Organization>
  updateOrganizationLogo(organizationId: string, params: UpdateOrganizationLogoParams): Promise<Organization>
  deleteOrganizationLogo(organizationId: string): Promise<Organization>
  /** Deep-merges into the stored metadata; a `null` value removes the key. */
  updateOrganizationMetadata(organizationId: string, params: OrganizationMetadataParams): Promise<Organization>
  /** Replaces each metadata field given, whole. */
  replaceOrganizationMetadata(organizationId: string, params: OrganizationMetadataParams): Promise<Organization>
  /** Answers what was deleted (`{ object: 'organization', id, deleted: true }`). */
  deleteOrganization(organizationId: string): Promise<DeletedObject>
  getOrganizationMembershipList(
    params: GetOrganizationMembershipListParams,
  ): Promise<PaginatedResourceResponse<OrganizationMembership[]>>
  getInstanceOrganizationMembershipList(
    params: GetInstanceOrganizationMembershipListParams,
  ): Promise<PaginatedResourceResponse<OrganizationMembership[]>>
  createOrganizationMembership(params: CreateOrganizationMembershipParams): Promise<OrganizationMembership>
  updateOrganizationMembership(params: UpdateOrganizationMembershipParams): Promise<OrganizationMembership>
  updateOrganizationMembershipMetadata(
    params: UpdateOrganizationMembershipMetadataParams,
  ): Promise<OrganizationMembership>
  deleteOrganizationMembership(params: DeleteOrganizationMembershipParams): Promise<OrganizationMembership>
  getOrganizationInvitationList(
    params: GetOrganizationInvitationListParams,
  ): Promise<PaginatedResourceResponse<OrganizationInvitation[]>>
  createOrganizationInvitation(params: CreateOrganizationInvitationParams): Promise<OrganizationInvitation>
  createOrganizationInvitationBulk(
    organizationId: string,
    params: CreateBulkOrganizationInvitationParams,
  ): Promise<OrganizationInvitation[]>
  getOrganizationInvitation(params: GetOrganizationInvitationParams): Promise<OrganizationInvitation>
  revokeOrganizationInvitation(params: RevokeOrganizationInvitationParams): Promise<OrganizationInvitation>
  getOrganizationDomainList(
    params: GetOrganizationDomainListParams,
  ): Promise<PaginatedResourceResponse<OrganizationDomain[]>>
  createOrganizationDomain(params: CreateOrganizationDomainParams): Promise<OrganizationDomain>
  updateOrganizationDomain(params: UpdateOrganizationDomainParams): Promise<OrganizationDomain>
  deleteOrganizationDomain(params: DeleteOrganizationDomainParams): Promise<DeletedObject>
}

const ORGANIZATION = '/organizations/{organizationId}'
const MEMBERSHIP = `${ORGANIZATION}/memberships/{userId}`
const INVITATIONS = `${ORGANIZATION}/invitations`
const DOMAINS = `${ORGANIZATION}/domains`

export const organizations = defineApi<OrganizationAPI>('organizations', 'OrganizationAPI', {
  getOrganizationList: { method: 'GET', path: '/organizations', args: ['...params?'], returns: { page: Organization } },
  createOrganization: { method: 'POST', path: '/organizations', args: ['...params'], returns: Organization },
  getOrganization: {
    method: 'GET',
    path: '/organizations/{organizationIdOrSlug}',
    args: ['...params'],
    returns: Organization,
    run: ({ send }, params) => {
      const { includeMembersCount } = params ?? {}
      const organizationIdOrSlug = params && 'organizationId' in params ? params.organizationId : params?.slug
      return send([{ organizationIdOrSlug, includeMembersCount }]) as Promise<Organization>
    },
  },
  updateOrganization: {
    method: 'PATCH',
    path: ORGANIZATION,
    args: ['organizationId', '...params'],
    returns: Organization,
    note: 'Metadata passed here (deprecated) is sent with `PUT /organizations/{organizationId}/metadata`, after the other fields.',
    async run({ send, group }, organizationId, params) {
      const { publicMetadata, privateMetadata, ...rest } = params ?? {}
      if (publicMetadata === undefined && privateMetadata === undefined) {
        return (await send([organizationId, rest])) as Organization
      }
      if (Object.keys(rest).length > 0) await send([organizationId, rest])
      return group.replaceOrganizationMetadata(organizationId, { publicMetadata, privateMetadata })
    },
  },
  updateOrganizationLogo: {
    method: 'PUT',
    path: `${ORGANIZATION}/logo`,
    args: ['organizationId', '...params'],
    send: 'form',
    required: ['file'],
    returns: Organization,
  },
  deleteOrganizationLogo: {
    method: 'DELETE',
    path: `${ORGANIZATION}/logo`,
    args: ['organizationId'],
    returns: Organization,
  },
  updateOrganizationMetadata: {
    method: 'PATCH',
    path: `${ORGANIZATION}/metadata`,
    args: ['organizationId', '...params'],
    returns: Organization,
  },
  replaceOrganizationMetadata: {
    method: 'PUT',
    path: `${ORGANIZATION}/metadata`,
    args: ['organizationId', '...params'],
    returns: Organization,
  },
  deleteOrganization: { method: 'DELETE', path: ORGANIZATION, args: ['organizationId'], returns: 'DeletedObject' },
  getOrganizationMembershipList: {
    method: 'GET',
    path: `${ORGANIZATION}/memberships`,
    args: ['...params'],
    returns: { page: OrganizationMembership },
  },
  getInstanceOrganizationMembershipList: {
    method: 'GET',
    path: '/organization_memberships',
    args: ['...params?'],
    returns: { page: OrganizationMembership },
  },
  createOrganizationMembership: {
    method: 'POST',
    path: `${ORGANIZATION}/memberships`,
    args: ['...params'],
    returns: OrganizationMembership,
  },
  updateOrganizationMembership: {
    method: 'PATCH',
    path: MEMBERSHIP,
    args: ['...params'],
    returns: OrganizationMembership,
  },
  updateOrganizationMembershipMetadata: {
    method: 'PATCH',
    path: `${MEMBERSHIP}/metadata`,
    args: ['...params'],
    returns: OrganizationMembership,
  },
  deleteOrganizationMembership: {
    method: 'DELETE',
    path: MEMBERSHIP,
    args: ['...params'],
    returns: OrganizationMembership,
  },
  getOrganizationInvitationList: {
    method: 'GET',
    path: INVITATIONS,
    args: ['...params'],
    returns: { page: OrganizationInvitation },
  },
  createOrganizationInvitation: {
    method: 'POST',
    path: INVITATIONS,
    args: ['...params'],
    returns: OrganizationInvitation,
  },
  createOrganizationInvitationBulk: {
    method: 'POST',
    path: `${INVITATIONS}/bulk`,
    args: ['organizationId', 'params[]'],
    returns: { array: OrganizationInvitation },
  },
  getOrganizationInvitation: {
    method: 'GET',
    path: `${INVITATIONS}/{invitationId}`,
    args: ['...params'],
    returns: OrganizationInvitation,
  },
  revokeOrganizationInvitation: {
    method: 'POST',
    path: `${INVITATIONS}/{invitationId}/revoke`,
    args: ['...params'],
    returns: OrganizationInvitation,
  },
  getOrganizationDomainList: {
    method: 'GET',
    path: DOMAINS,
    args: ['...params'],
    returns: { page: OrganizationDomain },
  },
  createOrganizationDomain: {
    method: 'POST',
    path: DOMAINS,
    args: ['...params'],
    defaults: { verified: true },
    returns: OrganizationDomain,
  },
  updateOrganizationDomain: {
    method: 'PATCH',
    path: `${DOMAINS}/{domainId}`,
    args: ['...params'],
    returns: OrganizationDomain,
  },
  deleteOrganizationDomain: {
    method: 'DELETE',
    path: `${DOMAINS}/{domainId}`,
    args: ['...params'],
    returns: 'DeletedObject',
  },
})
