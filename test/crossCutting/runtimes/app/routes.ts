// The routes every runtime suite serves, written as an app writes its loaders and actions: each calls remix-clerk,
// imported by its package name, so every runtime loads the built package through its exports. Hosts differ only
// in how they hand the keys over (see `Host`); test/crossCutting/runtimes/scenarios.ts drives these routes over HTTP.
import { createClerkClient, type ClerkClientOptions } from 'remix-clerk/api.server'
import * as reactRouter from 'remix-clerk/react-router'
import * as ssrServer from 'remix-clerk/ssr.server'
import type { AnyAuthObject, AuthObject, GetAuthOptions } from 'remix-clerk/ssr.server'
import { verifyWebhook, WebhookVerificationError, type VerifyWebhookOptions } from 'remix-clerk/webhooks'

/** What a framework passes to a loader or an action. */
export interface Args {
  request: Request
  context: unknown
  params: unknown
}

type Handler = (args: Args) => Promise<unknown>
type Middleware = (args: Args, next: () => Promise<Response>) => Promise<Response>

export interface RouteDefinition {
  path: string
  loader: Handler
  action?: Handler
  /** The route's own middleware (remix-clerk/react-router's clerkMiddleware, with this route's options). */
  middleware?: Middleware[]
}

/**
 * Which of remix-clerk's entries the routes authenticate with: `ssr.server` (getAuth and rootAuthLoader authenticate
 * in the loader, with the options given there), or `react-router` (each route's clerkMiddleware authenticates with
 * them first, and getAuth and rootAuthLoader read what it found).
 */
export type Sdk = 'ssr.server' | 'react-router'

/** What a route that takes machine tokens answers: the auth object's kind and who it names, or why it is refused. */
function describeAuth(auth: AnyAuthObject) {
  const fields = auth as Partial<Record<'subject' | 'userId' | 'orgId', string | null>>
  return {
    tokenType: auth.tokenType,
    isAuthenticated: auth.isAuthenticated,
    subject: fields.subject ?? null,
    userId: fields.userId ?? null,
    reason: auth.isAuthenticated ? null : ((auth.debug() as { reason?: string }).reason ?? null),
  }
}

interface Authentication {
  getAuth(args: Args, options?: GetAuthOptions): Promise<AuthObject>
  /** getAuth with `acceptsToken` `'any'`, or `'api_key'` alone. */
  getMachineAuth(args: Args, options: GetAuthOptions, acceptsToken: 'any' | 'api_key'): Promise<AnyAuthObject>
  rootAuthLoader(
    args: Args,
    callback: (args: { request: Request & { auth: AuthObject } }) => Record<string, unknown>,
    options: GetAuthOptions,
  ): Promise<unknown>
  /** The route middleware that authenticates with `options` (none for ssr.server). */
  middleware(options: (args: Args) => GetAuthOptions): Middleware[] | undefined
}

const AUTHENTICATION: Record<Sdk, Authentication> = {
  'ssr.server': {
    getAuth: (args, options) => ssrServer.getAuth(args, options),
    getMachineAuth: (args, options, acceptsToken) => ssrServer.getAuth(args, { ...options, acceptsToken }),
    rootAuthLoader: (args, callback, options) => ssrServer.rootAuthLoader(args, callback, options),
    middleware: () => undefined,
  },
  'react-router': {
    getAuth: (args) => reactRouter.getAuth(args),
    getMachineAuth: (args, _options, acceptsToken) => reactRouter.getAuth(args, { acceptsToken }),
    rootAuthLoader: (args, callback) => reactRouter.rootAuthLoader(args, callback),
    middleware: (options) => [(args, next) => reactRouter.clerkMiddleware(options(args))(args, next)],
  },
}

/** How a host hands the local backend's keys to the app. */
export interface Host {
  /** getAuth's options: `{}` where the keys are where remix-clerk looks (process.env, context.cloudflare.env). */
  keys(args: Args): GetAuthOptions
  /** The instance's PEM public key, for the networkless routes (never where getAuth would find it by itself). */
  jwtKey(args: Args): string
  /** createClerkClient's options, as an app on this host writes them. */
  client(args: Args): ClerkClientOptions
  /** verifyWebhook's options: `{}` where CLERK_WEBHOOK_SIGNING_SECRET is where it looks (process.env, cloudflare:workers). */
  webhook(args: Args): VerifyWebhookOptions
}

/** The JWT template the local backend is seeded with. */
export const TEMPLATE = 'runtimes'

const who = (auth: AuthObject) => ({ userId: auth.userId, sessionId: auth.sessionId })

/** Route id → route. Paths are relative to the app's root (and basename). */
export function scenarioRoutes(host: Host, sdk: Sdk = 'ssr.server'): Record<string, RouteDefinition> {
  const { getAuth, getMachineAuth, rootAuthLoader, middleware } = AUTHENTICATION[sdk]
  const keys = (args: Args) => host.keys(args)
  const withJwtKey = (args: Args) => ({ ...host.keys(args), jwtKey: host.jwtKey(args) })
  return {
    // Networkless verification with the instance's PEM key.
    'routes/jwt-key': {
      path: 'jwt-key',
      middleware: middleware(withJwtKey),
      loader: async (args) => who(await getAuth(args, withJwtKey(args))),
    },
    // Verification with the JWKS that the secret key fetches from the Backend API.
    'routes/jwks': {
      path: 'jwks',
      middleware: middleware(keys),
      loader: async (args) => who(await getAuth(args, keys(args))),
    },
    // What a root route's loader does: the callback's data plus clerkState (ssr.server: as a JSON Response).
    'routes/root-auth-loader': {
      path: 'root-auth-loader',
      middleware: middleware(keys),
      loader: (args) => rootAuthLoader(args, ({ request }) => ({ userId: request.auth.userId }), keys(args)),
    },
    'routes/template-token': {
      path: 'template-token',
      middleware: middleware(keys),
      loader: async (args) => ({ token: await (await getAuth(args, keys(args))).getToken({ template: TEMPLATE }) }),
    },
    'routes/client-token': {
      path: 'client-token',
      middleware: middleware(keys),
      loader: async (args) => {
        const { sessionId } = await getAuth(args, keys(args))
        if (!sessionId) return { jwt: null }
        return { jwt: (await createClerkClient(host.client(args)).sessions.getToken(sessionId, TEMPLATE)).jwt }
      },
    },
    // Routes of an API: any kind of token, or API keys alone.
    'routes/machine': {
      path: 'machine',
      middleware: middleware(keys),
      loader: async (args) => describeAuth(await getMachineAuth(args, keys(args), 'any')),
    },
    'routes/api-key': {
      path: 'api-key',
      middleware: middleware(keys),
      loader: async (args) => describeAuth(await getMachineAuth(args, keys(args), 'api_key')),
    },
    // The action reads its form after getAuth: the body must still be there.
    form: {
      path: 'form',
      middleware: middleware(keys),
      loader: async () => null,
      action: async (args) => {
        const { userId } = await getAuth(args, keys(args))
        const form = await args.request.formData()
        return { userId, title: form.get('title') }
      },
    },
    // A webhook endpoint: the event verifyWebhook returns, or why it refused the request.
    webhook: {
      path: 'webhook',
      loader: async () => null,
      action: async (args) => {
        try {
          const event = await verifyWebhook(args.request, host.webhook(args))
          return { type: event.type, id: (event.data as { id?: string }).id ?? null }
        } catch (error) {
          if (error instanceof WebhookVerificationError) return { refused: error.reason }
          throw error
        }
      },
    },
    // getAuth(args) with no options at all: what remix-clerk finds by itself on this host.
    'routes/environment': {
      path: 'environment',
      middleware: middleware(() => ({})),
      loader: async (args) => {
        try {
          return who(await getAuth(args))
        } catch (error) {
          if (error instanceof Response) throw error
          return { error: error instanceof Error ? error.message : String(error) }
        }
      },
    },
    // createClerkClient without apiUrl. Only requested where no request can leave the machine (Deno with
    // --allow-net=127.0.0.1), or where CLERK_API_URL names the local backend.
    'routes/client-without-api-url': {
      path: 'client-without-api-url',
      middleware: middleware(keys),
      loader: async (args) => {
        const { sessionId } = await getAuth(args, keys(args))
        const client = createClerkClient({ secretKey: host.client(args).secretKey, retries: 0 })
        try {
          return { jwt: (await client.sessions.getToken(sessionId ?? 'sess_none', TEMPLATE)).jwt }
        } catch (error) {
          return { error: error instanceof Error ? error.message : String(error) }
        }
      },
    },
  }
}
