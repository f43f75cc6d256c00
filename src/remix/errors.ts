// Messages for mistakes in how getAuth and rootAuthLoader are called: each says what to change.

export function noLoaderArgs(caller: 'getAuth' | 'rootAuthLoader' | 'clerkMiddleware'): string {
  return (
    `remix-clerk: ${caller}() needs the arguments Remix passes to your loader or action (an object with \`request\`). ` +
    `Call it as \`export const loader = async (args) => { const auth = await ${caller}(args); … }\`.`
  )
}

export const noSecretKey =
  'remix-clerk: missing Clerk secret key. Set the CLERK_SECRET_KEY environment variable (on Cloudflare, a secret ' +
  'binding in context.cloudflare.env), or pass { secretKey } as an option. Find it on the API keys page of the ' +
  'Clerk Dashboard.'

export const noPublishableKey =
  'remix-clerk: missing Clerk publishable key. Set the CLERK_PUBLISHABLE_KEY environment variable, or pass ' +
  '{ publishableKey } as an option. Find it (pk_test_… or pk_live_…) on the API keys page of the Clerk Dashboard.'

/**
 * A missing key's message, with what to do when the load context is React Router's `RouterContextProvider`
 * (`future.v8_middleware`): values live in it under the app's own context keys, which remix-clerk cannot know.
 */
export function missingKey(message: string, context: unknown): string {
  if (!isRouterContextProvider(context)) return message
  return (
    `${message} The load context is a React Router RouterContextProvider (future.v8_middleware), in which ` +
    'remix-clerk cannot look keys up by name: keep them in process.env (on Cloudflare Workers, bindings are read ' +
    'from `cloudflare:workers`), or pass them as options: getAuth(args, { secretKey, publishableKey }).'
  )
}

/** By shape: `get` and `set` methods and no `cloudflare` or `env` (where bindings would have been looked up). */
function isRouterContextProvider(context: unknown): boolean {
  if (typeof context !== 'object' || context === null) return false
  const { get, set, cloudflare, env } = context as Record<string, unknown>
  return typeof get === 'function' && typeof set === 'function' && cloudflare === undefined && env === undefined
}

export function invalidCallbackResult(what: string): string {
  return (
    `remix-clerk: the rootAuthLoader callback returned ${what}. Return a plain object, null, json(...) or another ` +
    'Response with a JSON object body, a redirect, defer(...) or data(...); rootAuthLoader adds `clerkState` to it.'
  )
}

/** Names a value without quoting it whole (it could be large or private). */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined (did the callback forget to return?)'
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'object') return 'an object of an unsupported kind'
  return `a ${typeof value}`
}
