import type { BackendApi } from '../request'
import {
  Organization,
  OrganizationMembership,
  type OrganizationMembershipRole,
} from '../resources/organization'
import { pathSegment } from '../url'

export type GetOrganizationParams = ({ organizationId: string } | { slug: string }) & {
  includeMembersCount?: boolean
}

export interface CreateOrganizationParams {
  name: string
  slug?: string
  /** The user who becomes the organization's first admin. */
  createdBy?: string
  maxAllowedMemberships?: number
  publicMetadata?: Record<string, unknown>
  privateMetadata?: Record<string, unknown>
}

export interface CreateOrganizationMembershipParams {
  organizationId: string
  userId: string
  role: OrganizationMembershipRole
}

export class OrganizationAPI {
  readonly #api: BackendApi

  constructor(api: BackendApi) {
    this.#api = api
  }

  /** By id or by slug (the Backend API accepts either in the same place). */
  async getOrganization(params: GetOrganizationParams): Promise<Organization> {
    const idOrSlug =
      'organizationId' in params
        ? pathSegment(params.organizationId, 'organizations.getOrganization: organizationId')
        : pathSegment(params.slug, 'organizations.getOrganization: slug')
    return this.#api.request({
      method: 'GET',
      path: `/organizations/${idOrSlug}`,
      query: { includeMembersCount: params.includeMembersCount },
      expect: Organization,
    })
  }

  async createOrganization(params: CreateOrganizationParams): Promise<Organization> {
    return this.#api.request({ method: 'POST', path: '/organizations', body: params, expect: Organization })
  }

  async createOrganizationMembership(params: CreateOrganizationMembershipParams): Promise<OrganizationMembership> {
    const { organizationId, ...body } = params
    const id = pathSegment(organizationId, 'organizations.createOrganizationMembership: organizationId')
    return this.#api.request({
      method: 'POST',
      path: `/organizations/${id}/memberships`,
      body,
      expect: OrganizationMembership,
    })
  }
}
