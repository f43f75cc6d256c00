// clerkClient.organizationPermissions: the custom permissions organization roles are made of.
import { defineApi } from '../defineApi.js'
import { DeletedObject } from '../resources/deletedObject.js'
import type { PaginatedResourceResponse } from '../resources/deserialize.js'
import { Permission } from '../resources/roles.js'
import type { PaginationParams, WithSign } from './pagination.js'

export interface GetOrganizationPermissionListParams extends PaginationParams {
  query?: string
  orderBy?: WithSign<'created_at' | 'name' | 'key'>
}

export interface CreateOrganizationPermissionParams {
  name: string
  key: string
  description?: string
}

export interface UpdateOrganizationPermissionParams extends Partial<CreateOrganizationPermissionParams> {
  permissionId: string
}

export interface OrganizationPermissionAPI {
  getOrganizationPermissionList(
    params?: GetOrganizationPermissionListParams,
  ): Promise<PaginatedResourceResponse<Permission[]>>
  getOrganizationPermission(permissionId: string): Promise<Permission>
  createOrganizationPermission(params: CreateOrganizationPermissionParams): Promise<Permission>
  updateOrganizationPermission(params: UpdateOrganizationPermissionParams): Promise<Permission>
  deleteOrganizationPermission(permissionId: string): Promise<DeletedObject>
}

const PERMISSION = '/organization_permissions/{permissionId}'

export const organizationPermissions = defineApi<OrganizationPermissionAPI>(
  'organizationPermissions',
  'OrganizationPermissionAPI',
  {
    getOrganizationPermissionList: {
      method: 'GET',
      path: '/organization_permissions',
      args: ['...params?'],
      returns: { page: Permission },
    },
    getOrganizationPermission: { method: 'GET', path: PERMISSION, args: ['permissionId'], returns: Permission },
    createOrganizationPermission: {
      method: 'POST',
      path: '/organization_permissions',
      args: ['...params'],
      returns: Permission,
    },
    updateOrganizationPermission: { method: 'PATCH', path: PERMISSION, args: ['...params'], returns: Permission },
    deleteOrganizationPermission: {
      method: 'DELETE',
      path: PERMISSION,
      args: ['permissionId'],
      returns: DeletedObject,
    },
  },
)
