// The browser's client and its session: load, create, sign out (every form ClerkJS uses), switch the active
// organization (`touch`) and mint tokens.
import { paramValueInvalid, unprocessable } from '../../shared/errors.js'
import { signOutClient } from '../../services/clients.js'
import { endSession } from '../../services/sessions.js'
import type { SessionRecord } from '../../store/sessionStore.js'
import type { ClerkJsCall } from './call.js'
import { clientAnswer, reply, withClient } from './respond.js'
import { sessionJson } from './frontendJson.js'
import type { FapiRoute } from './route.js'

/** `organization_id` / `active_organization_id`: absent keeps the session's, '' is the personal account. */
function organizationParam(call: ClerkJsCall, name: string, session: SessionRecord): string | null {
  const value = call.param(name)
  if (value === undefined) return session.last_active_organization_id
  if (value === '') return null
  const organization = call.core.store.organizations.get(value)
  if (!organization || !call.core.store.organizations.membership(organization.id, session.user_id)) {
    throw unprocessable(paramValueInvalid(name, 'must be an organization the user is a member of.'))
  }
  return organization.id
}

/** Ends one session of this browser (`end` by the user, `remove` from a list of accounts). */
function endSessionRoute(status: 'ended' | 'removed'): FapiRoute['handle'] {
  return async (call, { id }) =>
    withClient(call, await sessionJson(call, endSession(call.core, call.activeSession(id), status)))
}

/** Mints for the page (`azp` is its origin), a session token for the organization asked for (default: the active one). */
async function mintToken(call: ClerkJsCall, params: Record<string, string>): Promise<Response> {
  const session = call.activeSession(params.id)
  const template = params.template
  const mint = { origin: call.origin }
  const jwt =
    template === undefined
      ? await call.core.minter.sessionToken(session.id, {
          ...mint,
          organizationId: organizationParam(call, 'organization_id', session),
        })
      : await call.core.minter.templateToken(session.id, template, mint)
  return reply(call, { object: 'token', jwt })
}

export const sessionRoutes: FapiRoute[] = [
  {
    method: 'GET',
    path: '/v1/client',
    async handle(call) {
      return clientAnswer(call)
    },
  },
  {
    method: 'PUT',
    path: '/v1/client',
    async handle(call) {
      call.ensureClient()
      return clientAnswer(call)
    },
  },
  {
    // Sign out and forget the client (ClerkJS's `client.destroy()`).
    method: 'DELETE',
    path: '/v1/client',
    async handle(call) {
      const { client, core } = call
      if (client) {
        core.store.transaction(() => {
          signOutClient(core, client)
          core.store.attempts.abandonSignIns(client.id, core.now())
          core.store.attempts.abandonSignUps(client.id, core.now())
        })
      }
      call.forgetClient()
      return withClient(call, null)
    },
  },
  {
    // Sign out of every session, keeping the client (`signOut()`, what `<UserButton/>` does).
    method: 'DELETE',
    path: '/v1/client/sessions',
    async handle(call) {
      if (call.client) signOutClient(call.core, call.client)
      return clientAnswer(call)
    },
  },
  { method: 'POST', path: '/v1/client/sessions/:id/end', handle: endSessionRoute('ended') },
  { method: 'POST', path: '/v1/client/sessions/:id/remove', handle: endSessionRoute('removed') },
  {
    method: 'GET',
    path: '/v1/client/sessions/:id',
    async handle(call, { id }) {
      return withClient(call, await sessionJson(call, call.activeSession(id)))
    },
  },
  {
    // Activity, and the organization the session works in from now on (`setActive({ organization })`).
    method: 'POST',
    path: '/v1/client/sessions/:id/touch',
    async handle(call, { id }) {
      const session = call.activeSession(id)
      const { core } = call
      const organizationId = organizationParam(call, 'active_organization_id', session)
      core.store.transaction(() => core.store.sessions.touch(session.id, organizationId, core.now()))
      return withClient(call, await sessionJson(call, core.store.sessions.get(session.id, core.now())!))
    },
  },
  { method: 'POST', path: '/v1/client/sessions/:id/tokens', handle: mintToken },
  { method: 'POST', path: '/v1/client/sessions/:id/tokens/:template', handle: mintToken },
]
