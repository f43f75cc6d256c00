// Cloudflare Workers (workerd, without nodejs_compat, so no process at all): both React Router builds in a module
// worker, the keys as bindings and no options. Without middleware remix-clerk finds them in context.cloudflare.env;
// with middleware the load context is a RouterContextProvider, which does not carry them, and remix-clerk reads
// them from `cloudflare:workers`. (createClerkClient and the jwtKey routes take theirs from the same places.)
import { env } from 'cloudflare:workers'
import { scenarioHandler } from './reactRouterBuild'
import type { Args, Host } from './routes'

interface Env {
  CLERK_SECRET_KEY: string
  CLERK_PUBLISHABLE_KEY: string
  CLERK_API_URL: string
  RUNTIMES_JWT_KEY: string
  CLERK_WEBHOOK_SIGNING_SECRET: string
}

const bindingsOf = ({ context }: Args) => (context as { cloudflare: { env: Env } }).cloudflare.env

const fromLoadContext: Host = {
  keys: () => ({}),
  jwtKey: (args) => bindingsOf(args).RUNTIMES_JWT_KEY,
  client: (args) => ({ secretKey: bindingsOf(args).CLERK_SECRET_KEY, apiUrl: bindingsOf(args).CLERK_API_URL }),
  // verifyWebhook takes no load context: it finds the binding through `cloudflare:workers`.
  webhook: () => ({}),
}

const bindings = env as unknown as Env
const fromModuleEnv: Host = {
  keys: () => ({}),
  jwtKey: () => bindings.RUNTIMES_JWT_KEY,
  client: () => ({ secretKey: bindings.CLERK_SECRET_KEY, apiUrl: bindings.CLERK_API_URL }),
  webhook: () => ({}),
}

const handle = scenarioHandler({ classic: fromLoadContext, middleware: fromModuleEnv })

export default {
  fetch: (request: Request, env: Env, ctx: unknown) => handle(request, { cloudflare: { env, ctx } }),
}
