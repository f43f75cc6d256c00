// An organization from ClerkJS: `clerk.createOrganization`, `clerk.getOrganization`, `organization.update`,
// `setLogo`, `destroy`, and the roles its member forms offer. Members read it; changes need the role's permission.
import { clerkError, paramMissing, unprocessable } from '../../shared/errors.js'
import { deletedJson } from '../../backendJson/common.js'
import { roleName } from '../../backendJson/organization.js'
import {
  createOrganization,
  deleteOrganization,
  deleteOrganizationLogo,
  setOrganizationLogo,
  updateOrganization,
} from '../../services/organizations.js'
import type { ClerkJsCall } from './call.js'
import { data } from './meRoutes.js'
import { memberAccess, withPermission } from './organizationAccess.js'
import { frontendOrganizationJson } from './organizationFrontendJson.js'
import { withClient } from './respond.js'
import type { FapiRoute } from './route.js'

/** A form field ClerkJS sent, `''` meaning "not given" (it sends `slug=` when the form's slug is empty). */
const given = (call: ClerkJsCall, name: string) => call.param(name) || undefined

/** The answer to a change: the organization, with the browser's client (the user's memberships show it at once). */
const changed = (call: ClerkJsCall, organizationId: string) =>
  withClient(call, frontendOrganizationJson(call.core, call.core.store.organizations.get(organizationId)!))

export const organizationRoutes: FapiRoute[] = [
  {
    // The creator becomes its first admin; a user whose `create_organization_enabled` is off may not (the Backend
    // API may still make organizations for them).
    method: 'POST',
    path: '/v1/organizations',
    async handle(call) {
      const session = call.namedSession()
      if (!call.core.store.users.get(session.user_id)!.create_organization_enabled) {
        throw clerkError(
          403,
          'not_allowed_access',
          'You may not create organizations',
          `User ${session.user_id} has create_organization_enabled: false.`,
        )
      }
      const input = { name: call.param('name') ?? '', slug: given(call, 'slug'), created_by: session.user_id }
      const organization = call.core.store.transaction(() => createOrganization(call.core, input))
      return changed(call, organization.id)
    },
  },
  {
    method: 'GET',
    path: '/v1/organizations/:id',
    async handle(call, { id }) {
      return data(call, frontendOrganizationJson(call.core, memberAccess(call, id!).organization))
    },
  },
  {
    method: 'PATCH',
    path: '/v1/organizations/:id',
    async handle(call, { id }) {
      const { organization } = withPermission(call, id!, 'org:sys_profile:manage')
      const input = { name: given(call, 'name'), slug: given(call, 'slug') }
      call.core.store.transaction(() => updateOrganization(call.core, organization.id, input))
      return changed(call, organization.id)
    },
  },
  {
    // Only when the organization lets its admins delete it (`admin_delete_enabled`, on by default).
    method: 'DELETE',
    path: '/v1/organizations/:id',
    async handle(call, { id }) {
      const { organization } = withPermission(call, id!, 'org:sys_profile:delete')
      if (!organization.admin_delete_enabled) {
        throw clerkError(
          403,
          'not_allowed_access',
          'Deleting this organization is switched off',
          `Organization ${organization.id} has admin_delete_enabled: false; delete it with the Backend API.`,
        )
      }
      call.core.store.transaction(() => deleteOrganization(call.core, organization.id))
      return withClient(call, deletedJson('organization', organization.id))
    },
  },
  {
    // `setLogo({ file })`: a multipart upload, or a data URL as the raw body (an image of at most 10 MiB).
    method: 'PUT',
    path: '/v1/organizations/:id/logo',
    async handle(call, { id }) {
      const { organization, session } = withPermission(call, id!, 'org:sys_profile:manage')
      const bytes = await call.file('file')
      if (!bytes) throw unprocessable(paramMissing('file'))
      setOrganizationLogo(call.core, organization.id, { bytes }, session.user_id)
      return changed(call, organization.id)
    },
  },
  {
    method: 'DELETE',
    path: '/v1/organizations/:id/logo',
    async handle(call, { id }) {
      const { organization } = withPermission(call, id!, 'org:sys_profile:manage')
      call.core.store.transaction(() => deleteOrganizationLogo(call.core, organization.id))
      return changed(call, organization.id)
    },
  },
  {
    // The roles the member and invitation forms offer: admin and member, and any other role a member has.
    method: 'GET',
    path: '/v1/organizations/:id/roles',
    async handle(call, { id }) {
      const { organization } = memberAccess(call, id!)
      const { organizations } = call.core.store
      const keys = new Set(['org:admin', 'org:member'])
      for (const membership of organizations.memberships(organization.id, -1, 0)) keys.add(membership.role)
      const roles = [...keys].map((key) => ({
        object: 'role',
        id: `role_${key.replace(/^org:/, '')}`,
        key,
        name: roleName(key),
        description: '',
        permissions: [],
        created_at: organization.created_at,
        updated_at: organization.created_at,
      }))
      return data(call, { data: roles, total_count: roles.length })
    },
  },
  {
    // Nobody asks to join here (that needs `automatic_suggestion` domains, which this backend does not offer).
    method: 'GET',
    path: '/v1/organizations/:id/membership_requests',
    async handle(call, { id }) {
      memberAccess(call, id!)
      return data(call, { data: [], total_count: 0 })
    },
  },
]
