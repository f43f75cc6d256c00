// clerkClient.organizationRoles: custom organization roles and the permissions they grant.
import { defineApi } from '../defineApi.js'
import { DeletedObject } from '../resources/deletedObject.js'
import type { PaginatedResourceResponse } from '../resources/deserialize.js'
import { Role } from '../resources/roles.js'
import type { PaginationParams, WithSign } from './pagination.js'

export interface GetOrganizationRoleListParams extends PaginationParams {
  query?: string
  orderBy?: WithSign<'created_at' | 'name' | 'key'>
}

export interface CreateOrganizationRoleParams {
  name: string
  key: string
  description?: string | null
  permissions?: string[] | null
  includeInInitialRoleSet?: boolean | null
}

export interface UpdateOrganizationRoleParams {
  organizationRoleId: string
  name?: string | null
  key?: string | null
  description?: string | null
  permissions?: string[] | null
}

export interface OrganizationRolePermissionParams {
  organizationRoleId: string
  permissionId: string
}

export interface OrganizationRoleAPI {
  getOrganizationRoleList(params?: GetOrganizationRoleListParams): Promise<PaginatedResourceResponse<Role[]>>
  getOrganizationRole(organizationRoleId: string): Promise<Role>
  createOrganizationRole(params: CreateOrganizationRoleParams): Promise<Role>
  updateOrganizationRole(params: UpdateOrganizationRoleParams): Promise<Role>
  deleteOrganizationRole(organizationRoleId: string): Promise<DeletedObject>
  assignPermissionToOrganizationRole(params: OrganizationRolePermissionParams): Promise<Role>
  removePermissionFromOrganizationRole(params: OrganizationRolePermissionParams): Promise<Role>
}

const ROLE = '/organization_roles/{organizationRoleId}'

export const organizationRoles = defineApi<OrganizationRoleAPI>('organizationRoles', 'OrganizationRoleAPI', {
  getOrganizationRoleList: {
    method: 'GET',
    path: '/organization_roles',
    args: ['...params?'],
    returns: { page: Role },
  },
  getOrganizationRole: { method: 'GET', path: ROLE, args: ['organizationRoleId'], returns: Role },
  createOrganizationRole: { method: 'POST', path: '/organization_roles', args: ['...params'], returns: Role },
  updateOrganizationRole: { method: 'PATCH', path: ROLE, args: ['...params'], returns: Role },
  deleteOrganizationRole: { method: 'DELETE', path: ROLE, args: ['organizationRoleId'], returns: DeletedObject },
  assignPermissionToOrganizationRole: {
    method: 'POST',
    path: `${ROLE}/permissions/{permissionId}`,
    args: ['...params'],
    returns: Role,
  },
  removePermissionFromOrganizationRole: {
    method: 'DELETE',
    path: `${ROLE}/permissions/{permissionId}`,
    args: ['...params'],
    returns: Role,
  },
})
