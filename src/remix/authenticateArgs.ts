// Authenticates the request of a loader's or action's arguments, once per Request: a loader that calls
// getAuth twice, or helpers that each call it, pay for one authentication. (Remix gives each loader of a
// page its own Request; what they share is the verified-token cache behind authenticateRequest.)
import { authenticateRequest } from '../auth/authenticate'
import { clerkInstanceFor, findInstance, sameOptions, type AuthenticateOptions, type ClerkInstance } from '../auth/clerkInstance'
import { isRedirect, type RequestState, type SignedInState, type SignedOutState } from '../auth/requestState'
import { RemixClerkError } from '../shared/remixClerkError'
import { loadCloudflareWorkersEnv } from './cloudflareWorkersEnv'
import { withForwardedVary } from './forwardedVary'
import { withNetlifyCacheBust } from './netlifyCacheBust'
import { noLoaderArgs } from './errors'
import { loadAuthOptions } from './options'
import type { AuthArgs, GetAuthOptions } from './types'

interface Memo {
  /** The caller's options object and context, for the cheapest match: the same call again. */
  readonly overrides: GetAuthOptions | undefined
  readonly context: unknown
  readonly options: AuthenticateOptions
  readonly result: Promise<{ readonly state: RequestState; readonly instance: ClerkInstance }>
}

// Options objects written inline are new on every call; they must not grow the list without end.
const MAX_MEMOS_PER_REQUEST = 8

// Kept on the Request object itself, under a symbol only this module knows, in a non-enumerable property:
// nothing outlives the request, and nothing is shared between requests. Not in a WeakMap: an entry per
// request made every garbage collection trace ephemerons, which cost more than all the rest of a repeat
// authentication (benchmark 1). A Request that cannot take a property (frozen, sealed) uses a WeakMap.
const MEMOS = Symbol('remix-clerk: authentications of this request')
const fallbackMemos = new WeakMap<Request, Memo[]>()

type MemoCarrier = Request & { readonly [MEMOS]?: Memo[] }

function memosOf(request: Request): Memo[] | undefined {
  return (request as MemoCarrier)[MEMOS] ?? fallbackMemos.get(request)
}

function keepMemos(request: Request, list: Memo[]): void {
  if (!Reflect.defineProperty(request, MEMOS, { value: list })) fallbackMemos.set(request, list)
}

export interface Authenticated {
  readonly state: SignedInState | SignedOutState
  readonly instance: ClerkInstance
}

/**
 * The request's auth state. A state that needs a redirect (a handshake, or the clean URL after one) is
 * thrown as a 307 Response, which Remix sends as is.
 */
export async function authenticateArgs(
  args: AuthArgs,
  overrides: GetAuthOptions | undefined,
  caller: 'getAuth' | 'rootAuthLoader',
): Promise<Authenticated> {
  const request = requestOf(args, caller)
  // Once per process: where the load context lacks them, bindings come from `cloudflare:workers`.
  const loading = loadCloudflareWorkersEnv()
  if (loading) await loading
  const memo = memoFor(request, args, overrides)
  const { state, instance } = await memo.result
  if (isRedirect(state) || state.status === 'handshake') {
    throw new Response(null, { status: 307, headers: withForwardedVary(withNetlifyCacheBust(state.headers!, state.publishableKey), instance) })
  }
  return { state, instance }
}

function memoFor(request: Request, args: AuthArgs, overrides: GetAuthOptions | undefined): Memo {
  let list = memosOf(request)
  if (list) {
    for (const memo of list) if (memo.overrides === overrides && memo.context === args.context) return memo
  }
  const options = loadAuthOptions(args, overrides)
  if (list) {
    const same = list.find((memo) => sameOptions(memo.options, options))
    if (same) {
      // Remembered under this options object too, so the next identical call skips loading options.
      if (list.length < MAX_MEMOS_PER_REQUEST) list.push({ ...same, overrides, context: args.context })
      return same
    }
  } else {
    list = []
    keepMemos(request, list)
  }
  const memo: Memo = { overrides, context: args.context, options, result: authenticate(request, options) }
  list.push(memo)
  return memo
}

async function authenticate(request: Request, options: AuthenticateOptions): Promise<{ state: RequestState; instance: ClerkInstance }> {
  const instance = findInstance(options) ?? (await clerkInstanceFor(options))
  return { state: await authenticateRequest(request, instance), instance }
}

function requestOf(args: AuthArgs, caller: 'getAuth' | 'rootAuthLoader'): Request {
  const request = (args as Partial<AuthArgs> | null | undefined)?.request
  // By shape rather than instanceof: the Request may come from another realm or a polyfill.
  if (typeof request !== 'object' || request === null || typeof request.url !== 'string' || typeof request.headers?.get !== 'function') {
    throw new RemixClerkError('REMIX_CLERK_MISSING_LOADER_ARGS', noLoaderArgs(caller))
  }
  return request
}
