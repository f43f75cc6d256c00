// Organization roles, permissions, and role sets (the roles an organization may use).
import type { Fields } from './fields.js'

export interface PermissionJSON {
  object: 'permission'
  id: string
  key: string
  name: string
  description: string
  created_at: number
  updated_at: number
}

export interface RoleJSON {
  object: 'role'
  id: string
  key: string
  name: string
  description: string | null
  permissions: PermissionJSON[]
  is_creator_eligible: boolean
  created_at: number
  updated_at: number
}

export interface RoleSetItemJSON {
  object: 'role_set_item'
  id: string
  name: string
  key: string
  description: string | null
  members_count?: number | null
  has_members?: boolean | null
  created_at: number
  updated_at: number
}

export interface RoleSetMigrationJSON {
  object: 'role_set_migration'
  id: string
  organization_id: string | null
  instance_id: string
  source_role_set_id: string
  dest_role_set_id: string | null
  trigger_type: string
  status: string
  migrated_members: number
  mappings: Record<string, string> | null
  started_at?: number
  completed_at?: number
  created_at: number
  updated_at: number
}

export interface RoleSetJSON {
  object: 'role_set'
  id: string
  name: string
  key: string
  description: string | null
  roles: RoleSetItemJSON[]
  default_role: RoleSetItemJSON | null
  creator_role: RoleSetItemJSON | null
  type: 'initial' | 'custom'
  role_set_migration: RoleSetMigrationJSON | null
  created_at: number
  updated_at: number
}

export class Permission {
  declare readonly id: string
  declare readonly name: string
  declare readonly key: string
  declare readonly description: string
  declare readonly createdAt: number
  declare readonly updatedAt: number

  constructor(fields: Fields<Permission>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: PermissionJSON): Permission {
    return new Permission({
      id: data.id,
      name: data.name,
      key: data.key,
      description: data.description,
      createdAt: data.created_at,
      updatedAt: data.updated_at,
    })
  }
}

export class Role {
  declare readonly id: string
  declare readonly name: string
  declare readonly key: string
  declare readonly description: string | null
  declare readonly permissions: Permission[]
  declare readonly isCreatorEligible: boolean
  declare readonly createdAt: number
  declare readonly updatedAt: number

  constructor(fields: Fields<Role>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: RoleJSON): Role {
    return new Role({
      id: data.id,
      name: data.name,
      key: data.key,
      description: data.description,
      permissions: (data.permissions ?? []).map(Permission.fromJSON),
      isCreatorEligible: data.is_creator_eligible,
      createdAt: data.created_at,
      updatedAt: data.updated_at,
    })
  }
}

export class RoleSetItem {
  declare readonly id: string
  declare readonly name: string
  declare readonly key: string
  declare readonly description: string | null
  declare readonly createdAt: number
  declare readonly updatedAt: number
  declare readonly membersCount?: number | null | undefined
  declare readonly hasMembers?: boolean | null | undefined

  constructor(fields: Fields<RoleSetItem>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: RoleSetItemJSON): RoleSetItem {
    return new RoleSetItem({
      id: data.id,
      name: data.name,
      key: data.key,
      description: data.description,
      createdAt: data.created_at,
      updatedAt: data.updated_at,
      membersCount: data.members_count,
      hasMembers: data.has_members,
    })
  }
}

export class RoleSetMigration {
  declare readonly id: string
  declare readonly organizationId: string | null
  declare readonly instanceId: string
  declare readonly sourceRoleSetId: string
  declare readonly destRoleSetId: string | null
  declare readonly triggerType: string
  declare readonly status: string
  declare readonly migratedMembers: number
  declare readonly mappings: Record<string, string> | null
  declare readonly createdAt: number
  declare readonly updatedAt: number
  declare readonly startedAt?: number | undefined
  declare readonly completedAt?: number | undefined

  constructor(fields: Fields<RoleSetMigration>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: RoleSetMigrationJSON): RoleSetMigration {
    return new RoleSetMigration({
      id: data.id,
      organizationId: data.organization_id,
      instanceId: data.instance_id,
      sourceRoleSetId: data.source_role_set_id,
      destRoleSetId: data.dest_role_set_id,
      triggerType: data.trigger_type,
      status: data.status,
      migratedMembers: data.migrated_members,
      mappings: data.mappings,
      createdAt: data.created_at,
      updatedAt: data.updated_at,
      startedAt: data.started_at,
      completedAt: data.completed_at,
    })
  }
}

export class RoleSet {
  declare readonly id: string
  declare readonly name: string
  declare readonly key: string
  declare readonly description: string | null
  declare readonly roles: RoleSetItem[]
  declare readonly defaultRole: RoleSetItem | null
  declare readonly creatorRole: RoleSetItem | null
  declare readonly type: 'initial' | 'custom'
  declare readonly roleSetMigration: RoleSetMigration | null
  declare readonly createdAt: number
  declare readonly updatedAt: number

  constructor(fields: Fields<RoleSet>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: RoleSetJSON): RoleSet {
    return new RoleSet({
      id: data.id,
      name: data.name,
      key: data.key,
      description: data.description,
      roles: (data.roles ?? []).map(RoleSetItem.fromJSON),
      defaultRole: data.default_role ? RoleSetItem.fromJSON(data.default_role) : null,
      creatorRole: data.creator_role ? RoleSetItem.fromJSON(data.creator_role) : null,
      type: data.type,
      roleSetMigration: data.role_set_migration ? RoleSetMigration.fromJSON(data.role_set_migration) : null,
      createdAt: data.created_at,
      updatedAt: data.updated_at,
    })
  }
}
