/**
 * Organization roles and permissions. Roles are `org:<key>`; permissions are `org:<feature>:<action>`. System
 * permissions (`org:sys_…`) follow from the role, custom ones are granted per membership.
 */

const ADMIN_SYSTEM_PERMISSIONS = [
  'org:sys_profile:manage',
  'org:sys_profile:delete',
  'org:sys_memberships:read',
  'org:sys_memberships:manage',
  'org:sys_domains:read',
  'org:sys_domains:manage',
] as const

const MEMBER_SYSTEM_PERMISSIONS = ['org:sys_memberships:read'] as const

export const ROLE_PATTERN = /^org:[a-z0-9_]+$/
export const PERMISSION_PATTERN = /^org:[a-z0-9_]+:[a-z0-9_]+$/

function systemPermissionsFor(role: string): readonly string[] {
  if (role === 'org:admin') return ADMIN_SYSTEM_PERMISSIONS
  if (role === 'org:member') return MEMBER_SYSTEM_PERMISSIONS
  return []
}

export const isSystemPermission = (permission: string): boolean => permission.startsWith('org:sys_')

/** What a membership may do: the role's system permissions, then the custom ones. */
export function allPermissions(role: string, customPermissions: readonly string[]): string[] {
  return [...systemPermissionsFor(role), ...customPermissions]
}
