// clerkClient.roleSets: the sets of roles an organization may use, and moving organizations between them.
import { defineApi } from '../defineApi.js'
import type { DeletedObject } from '../resources/deletedObject.js'
import type { PaginatedResourceResponse } from '../resources/deserialize.js'
import { RoleSet } from '../resources/roles.js'
import type { PaginationParams, WithSign } from './pagination.js'

export interface GetRoleSetListParams extends PaginationParams {
  query?: string
  orderBy?: WithSign<'created_at' | 'name' | 'key'>
}

export interface CreateRoleSetParams {
  name: string
  key?: string
  description?: string | null
  defaultRoleKey: string
  creatorRoleKey: string
  type?: 'initial' | 'custom'
  roles: string[]
}

export interface UpdateRoleSetParams {
  roleSetKeyOrId: string
  name?: string | null
  key?: string | null
  description?: string | null
  type?: 'initial' | null
  defaultRoleKey?: string | null
  creatorRoleKey?: string | null
}

export interface AddRolesToRoleSetParams {
  roleSetKeyOrId: string
  roleKeys: string[]
  defaultRoleKey?: string
  creatorRoleKey?: string
}

export interface ReplaceRoleInRoleSetParams {
  roleSetKeyOrId: string
  roleKey: string
  toRoleKey: string
}

export interface ReplaceRoleSetParams {
  roleSetKeyOrId: string
  destRoleSetKey: string
  /** Sent as written: role keys to role keys. */
  reassignmentMappings?: Record<string, string>
}

export interface RoleSetAPI {
  getRoleSetList(params?: GetRoleSetListParams): Promise<PaginatedResourceResponse<RoleSet[]>>
  getRoleSet(roleSetKeyOrId: string): Promise<RoleSet>
  createRoleSet(params: CreateRoleSetParams): Promise<RoleSet>
  updateRoleSet(params: UpdateRoleSetParams): Promise<RoleSet>
  addRolesToRoleSet(params: AddRolesToRoleSetParams): Promise<RoleSet>
  replaceRoleInRoleSet(params: ReplaceRoleInRoleSetParams): Promise<RoleSet>
  replaceRoleSet(params: ReplaceRoleSetParams): Promise<DeletedObject>
}

const ROLE_SET = '/role_sets/{roleSetKeyOrId}'

export const roleSets = defineApi<RoleSetAPI>('roleSets', 'RoleSetAPI', {
  getRoleSetList: { method: 'GET', path: '/role_sets', args: ['...params?'], returns: { page: RoleSet } },
  getRoleSet: { method: 'GET', path: ROLE_SET, args: ['roleSetKeyOrId'], returns: RoleSet },
  createRoleSet: { method: 'POST', path: '/role_sets', args: ['...params'], returns: RoleSet },
  updateRoleSet: { method: 'PATCH', path: ROLE_SET, args: ['...params'], returns: RoleSet },
  addRolesToRoleSet: { method: 'POST', path: `${ROLE_SET}/roles`, args: ['...params'], returns: RoleSet },
  replaceRoleInRoleSet: { method: 'POST', path: `${ROLE_SET}/roles/replace`, args: ['...params'], returns: RoleSet },
  replaceRoleSet: { method: 'POST', path: `${ROLE_SET}/replace`, args: ['...params'], returns: 'DeletedObject' },
})
