// `loadUser`, `loadSession`, `loadOrganization`: the Backend API resources the rootAuthLoader callback
// can ask for, fetched in parallel. User and organization lose `privateMetadata`, which is for the
// server's eyes and too easily ends up in page data.
import type { ClerkClient } from '../backend/client.js'
import type { Organization } from '../backend/resources/organization.js'
import type { Session } from '../backend/resources/session.js'
import type { User } from '../backend/resources/user.js'
import type { AnyAuthObject } from '../auth/machine/machineAuthObjects.js'
import type { RootAuthLoaderOptions, WithoutPrivateMetadata } from './types.js'

export interface LoadedResources {
  session: Session | undefined
  user: WithoutPrivateMetadata<User> | undefined
  organization: WithoutPrivateMetadata<Organization> | undefined
}

/** Backend API errors reject (the loader fails), as upstream. */
export async function loadResources(
  client: ClerkClient,
  auth: AnyAuthObject,
  options: Pick<RootAuthLoaderOptions, 'loadUser' | 'loadSession' | 'loadOrganization'>,
): Promise<LoadedResources> {
  // A session's resources only: a machine token has no session, and its user (if any) is not the page's visitor.
  if (auth.tokenType !== 'session_token') return { session: undefined, user: undefined, organization: undefined }
  const { sessionId, userId, orgId } = auth
  const [session, user, organization] = await Promise.all([
    options.loadSession && sessionId ? client.sessions.getSession(sessionId) : undefined,
    options.loadUser && userId ? client.users.getUser(userId) : undefined,
    options.loadOrganization && orgId ? client.organizations.getOrganization({ organizationId: orgId }) : undefined,
  ])
  return { session, user: withoutPrivateMetadata(user), organization: withoutPrivateMetadata(organization) }
}

/**
 * A plain copy of the public fields and of the derived ones (`fullName`, `primaryEmailAddress`, …), so the type
 * tells the truth. Left behind: `privateMetadata`, and `raw`, which holds the private metadata too.
 */
function withoutPrivateMetadata<T extends { privateMetadata: unknown }>(
  resource: T | undefined,
): WithoutPrivateMetadata<T> | undefined {
  if (resource === undefined) return undefined
  const { privateMetadata: _private, ...fields } = resource as T & Record<string, unknown>
  const copy: Record<string, unknown> = fields
  const descriptors = Object.getOwnPropertyDescriptors(Object.getPrototypeOf(resource) as object)
  for (const [name, descriptor] of Object.entries(descriptors)) {
    if (descriptor.get && name !== 'raw') copy[name] = (resource as Record<string, unknown>)[name]
  }
  return copy as unknown as WithoutPrivateMetadata<T>
}
