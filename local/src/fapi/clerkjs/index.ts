// The Frontend API ClerkJS talks to (`/v1/environment`, `/v1/client/…`, `/v1/me/…`), on the same store and
// services as the Backend API. One client per browser, from its `__client` cookie; CORS with credentials and the
// CSRF check for allowed origins only; anything else ClerkJS may ask for is a clear "not supported" 4xx.
import { type Context, Hono } from 'hono'
import type { Core } from '../../core/core.js'
import { errorResponse, toErrorResponse } from '../../http/respond.js'
import { ClerkApiError, notSupported } from '../../shared/errors.js'
import { credentialedCors } from '../credentialedCors.js'
import { ClerkJsCall } from './call.js'
import { environmentJson } from './environment.js'
import { meMutationRoutes } from './meMutationRoutes.js'
import { meOrganizationRoutes } from './meOrganizationRoutes.js'
import { data, meRoutes } from './meRoutes.js'
import { organizationDomainRoutes } from './organizationDomainRoutes.js'
import { organizationMemberRoutes } from './organizationMemberRoutes.js'
import { organizationRoutes } from './organizationRoutes.js'
import type { FapiRoute } from './route.js'
import { sessionRoutes } from './sessionRoutes.js'
import { signInRoutes } from './signInRoutes.js'
import { signUpRoutes } from './signUpRoutes.js'

const environmentRoute: FapiRoute = {
  method: 'GET',
  path: '/v1/environment',
  handle: async (call) => data(call, environmentJson(call.core, new URL(call.c.req.url).origin)),
}

const CLERK_JS_ROUTES: readonly FapiRoute[] = [
  environmentRoute,
  ...sessionRoutes,
  ...signInRoutes,
  ...signUpRoutes,
  ...meRoutes,
  ...meMutationRoutes,
  ...meOrganizationRoutes,
  ...organizationRoutes,
  ...organizationMemberRoutes,
  ...organizationDomainRoutes,
]

/** Every call ClerkJS makes carries `_clerk_js_version`; the Backend API's callers never do, and send a secret key. */
export function isClerkJsRequest(c: Context): boolean {
  return c.req.header('authorization') === undefined && new URL(c.req.url).searchParams.has('_clerk_js_version')
}

/** The parts of `<UserProfile/>` this backend has nothing for, by their `/v1/me/…` path (MFA is named above). */
const PROFILE_PARTS: Record<string, string> = {
  phone_numbers: 'Phone numbers',
  web3_wallets: 'Web3 wallets',
  external_accounts: 'Connected accounts (OAuth)',
  passkeys: 'Passkeys',
}

/** What a path we do not serve is for, in words a developer recognises. */
function describe(method: string, path: string): string {
  if (/second_factor|\/totp(\/|$)|\/backup_codes(\/|$)/.test(path)) return 'Multi-factor authentication (MFA)'
  if (/reset_password/.test(path)) return 'Resetting a password'
  if (/passkey/.test(path)) return 'Passkeys'
  if (/\/verify(\/|$)/.test(path)) return 'Re-verification'
  const part = path.split('/')[3] ?? ''
  if (path.startsWith('/v1/me/') && Object.hasOwn(PROFILE_PARTS, part))
    return `${PROFILE_PARTS[part]!} (<UserProfile/>)`
  if (/^\/v1\/me(\/|$)/.test(path))
    return `${method === 'GET' ? 'Reading' : 'Changing'} ${path.slice(0, 100)} (<UserProfile/>)`
  if (/^\/v1\/organizations\/[^/]+\/billing(\/|$)/.test(path)) return 'Billing'
  if (/^\/v1\/waitlist/.test(path)) return 'The waitlist'
  return `${method} ${path.slice(0, 100)}`
}

/**
 * The sub-application the local backend hands ClerkJS's requests to. Each path is registered once for GET and
 * POST (all ClerkJS sends); the handler is chosen by the method it means.
 */
export function clerkJsApi(core: Core): Hono {
  const app = new Hono()
  app.use('*', credentialedCors(core))
  const byPath = new Map<string, FapiRoute[]>()
  for (const route of CLERK_JS_ROUTES) byPath.set(route.path, [...(byPath.get(route.path) ?? []), route])
  for (const [path, routes] of byPath) {
    app.on(['GET', 'POST'], path, (c) =>
      answer(core, c, (call) => {
        const route = routes.find((r) => r.method === call.method)
        if (!route) throw notSupported(describe(call.method, path), '', 405)
        return route.handle(call, c.req.param() as Record<string, string>)
      }),
    )
  }
  app.all('*', (c) =>
    answer(core, c, (call) => {
      throw notSupported(describe(call.method, new URL(c.req.url).pathname), '', 404)
    }),
  )
  app.onError(toErrorResponse)
  return app
}

/** Opens the call (origin, method, form, client) and answers; a Clerk error keeps the cookies the call set. */
async function answer(core: Core, c: Context, handle: (call: ClerkJsCall) => Promise<Response>): Promise<Response> {
  const call = await ClerkJsCall.open(core, c)
  try {
    return await handle(call)
  } catch (error) {
    if (!(error instanceof ClerkApiError)) throw error
    const response = errorResponse(error)
    for (const cookie of call.cookies) response.headers.append('Set-Cookie', cookie)
    return response
  }
}
