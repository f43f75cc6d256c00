// The routes every runtime suite serves, written as an app writes its loaders and actions: each calls remix-clerk,
// imported by its package name, so every runtime loads the built package through its exports. Hosts differ only
// in how they hand the keys over (see `Host`); test/crossCutting/runtimes/scenarios.ts drives these routes over HTTP.
import { createClerkClient, type ClerkClientOptions } from 'remix-clerk/api.server'
import { getAuth, rootAuthLoader, type AuthObject, type GetAuthOptions } from 'remix-clerk/ssr.server'
import { verifyWebhook, WebhookVerificationError, type VerifyWebhookOptions } from 'remix-clerk/webhooks'

/** What a framework passes to a loader or an action. */
export interface Args {
  request: Request
  context: unknown
  params: unknown
}

type Handler = (args: Args) => Promise<unknown>

export interface RouteDefinition {
  path: string
  loader: Handler
  action?: Handler
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
export function scenarioRoutes(host: Host): Record<string, RouteDefinition> {
  return {
    // Networkless verification with the instance's PEM key.
    'routes/jwt-key': {
      path: 'jwt-key',
      loader: async (args) => who(await getAuth(args, { ...host.keys(args), jwtKey: host.jwtKey(args) })),
    },
    // Verification with the JWKS that the secret key fetches from the Backend API.
    'routes/jwks': { path: 'jwks', loader: async (args) => who(await getAuth(args, host.keys(args))) },
    // What a root route's loader does: the callback's data plus clerkState, as a JSON Response.
    'routes/root-auth-loader': {
      path: 'root-auth-loader',
      loader: (args) => rootAuthLoader(args, ({ request }) => ({ userId: request.auth.userId }), host.keys(args)),
    },
    'routes/template-token': {
      path: 'template-token',
      loader: async (args) => ({ token: await (await getAuth(args, host.keys(args))).getToken({ template: TEMPLATE }) }),
    },
    'routes/client-token': {
      path: 'client-token',
      loader: async (args) => {
        const { sessionId } = await getAuth(args, host.keys(args))
        if (!sessionId) return { jwt: null }
        return { jwt: (await createClerkClient(host.client(args)).sessions.getToken(sessionId, TEMPLATE)).jwt }
      },
    },
    // The action reads its form after getAuth: the body must still be there.
    form: {
      path: 'form',
      loader: async () => null,
      action: async (args) => {
        const { userId } = await getAuth(args, host.keys(args))
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
      loader: async (args) => {
        const { sessionId } = await getAuth(args, host.keys(args))
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
