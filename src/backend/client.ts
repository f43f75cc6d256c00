// createClerkClient: a handle on the Backend API that costs next to nothing to create, because
// loaders create one per call. Endpoint groups are built on first use and share one BackendApi.
import { ClientAPI } from './endpoints/clients'
import { JwksAPI } from './endpoints/jwks'
import { JwtTemplatesAPI } from './endpoints/jwtTemplates'
import { OrganizationAPI } from './endpoints/organizations'
import { SessionAPI } from './endpoints/sessions'
import { UserAPI } from './endpoints/users'
import type { ClerkClientOptions } from './options'
import { BackendApi } from './request'

export interface ClerkClient {
  readonly sessions: SessionAPI
  readonly users: UserAPI
  readonly organizations: OrganizationAPI
  readonly jwtTemplates: JwtTemplatesAPI
  readonly clients: ClientAPI
  readonly jwks: JwksAPI
}

/**
 * Creates a Backend API client. No I/O and no validation happen here, so creating one per call is cheap: a
 * missing secret key or a bad option rejects the first call with a `ClerkClientError` that says what to fix.
 * `apiUrl` defaults to `CLERK_API_URL` (where `process.env` exists), else `https://api.clerk.com`.
 *
 * @example
 * ```ts
 * import { json, type ActionFunctionArgs } from '@remix-run/node'
 * import { createClerkClient } from 'remix-clerk/api.server'
 * import { getAuth } from 'remix-clerk/ssr.server'
 *
 * export async function action(args: ActionFunctionArgs) {
 *   const { sessionId } = await getAuth(args)
 *   if (!sessionId) return json({ message: 'Unauthorized' }, { status: 401 })
 *   const token = await createClerkClient({ secretKey: process.env.CLERK_SECRET_KEY })
 *     .sessions.getToken(sessionId, 'test')
 *   return json({ token })
 * }
 * ```
 */
export function createClerkClient(options: ClerkClientOptions = {}): ClerkClient {
  return new BackendClient(new BackendApi(options))
}

// Private fields: console.log(client) and JSON.stringify(client) show nothing, the secret key included.
class BackendClient implements ClerkClient {
  readonly #api: BackendApi
  #sessions: SessionAPI | undefined
  #users: UserAPI | undefined
  #organizations: OrganizationAPI | undefined
  #jwtTemplates: JwtTemplatesAPI | undefined
  #clients: ClientAPI | undefined
  #jwks: JwksAPI | undefined

  constructor(api: BackendApi) {
    this.#api = api
  }

  get sessions(): SessionAPI {
    return (this.#sessions ??= new SessionAPI(this.#api))
  }

  get users(): UserAPI {
    return (this.#users ??= new UserAPI(this.#api))
  }

  get organizations(): OrganizationAPI {
    return (this.#organizations ??= new OrganizationAPI(this.#api))
  }

  get jwtTemplates(): JwtTemplatesAPI {
    return (this.#jwtTemplates ??= new JwtTemplatesAPI(this.#api))
  }

  get clients(): ClientAPI {
    return (this.#clients ??= new ClientAPI(this.#api))
  }

  get jwks(): JwksAPI {
    return (this.#jwks ??= new JwksAPI(this.#api))
  }
}
