// The signed-in user's own data (`/v1/me/*`, with `_clerk_session_id`): what the organization switcher and
// `user.reload()` read. Changing the user (`<UserProfile/>`) is in meMutationRoutes.ts; the user's organization
// invitations and leaving an organization are in meOrganizationRoutes.ts.
import type { ClerkJsCall } from './call.js'
import { membershipJson, userJson } from './frontendJson.js'
import { reply } from './respond.js'
import type { FapiRoute } from './route.js'

/** `limit` (1–500, default 10) and `offset`, leniently: a bad value means the default. */
export function page(call: ClerkJsCall): { limit: number; offset: number } {
  const number = (name: string, min: number, max: number, fallback: number) => {
    const value = Number(call.param(name))
    return Number.isInteger(value) && value >= min && value <= max ? value : fallback
  }
  return { limit: number('limit', 1, 500, 10), offset: number('offset', 0, Number.MAX_SAFE_INTEGER, 0) }
}

/** GET answers carry no client: ClerkJS does not read it there. */
export const data = (call: ClerkJsCall, response: unknown) => reply(call, { response, client: null })

export const meRoutes: FapiRoute[] = [
  {
    method: 'GET',
    path: '/v1/me',
    async handle(call) {
      const session = call.activeSession(call.param('_clerk_session_id'))
      return data(call, userJson(call.core, session.user_id))
    },
  },
  {
    method: 'GET',
    path: '/v1/me/organization_memberships',
    async handle(call) {
      const session = call.activeSession(call.param('_clerk_session_id'))
      const { limit, offset } = page(call)
      const { organizations } = call.core.store
      const memberships = organizations
        .userMemberships(session.user_id, limit, offset)
        .map((m) => membershipJson(call.core, m))
      return data(call, { data: memberships, total_count: organizations.userMembershipsCount(session.user_id) })
    },
  },
]
