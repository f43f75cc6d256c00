// Authenticates the request of a loader's or action's arguments, once per Request: a loader that calls
// getAuth twice, or helpers that each call it, pay for one authentication. (Remix gives each loader of a
// page its own Request; what they share is the verified-token cache behind authenticateRequest.)
import { authenticateRequest } from '../auth/authenticate.js'
import {
  clerkInstanceFor,
  findInstance,
  sameOptions,
  type AuthenticateOptions,
  type ClerkInstance,
} from '../auth/clerkInstance.js'
import { checkAcceptsToken, type AcceptsToken } from '../auth/machine/acceptedToken.js'
import { isRedirect, type RequestState, type SettledState } from '../auth/requestState.js'
import { RemixClerkError } from '../shared/remixClerkError.js'
import { loadCloudflareWorkersEnv } from './cloudflareWorkersEnv.js'
import { withForwardedVary } from './forwardedVary.js'
import { withNetlifyCacheBust } from './netlifyCacheBust.js'
import { noLoaderArgs } from './errors.js'
import { envReader, type EnvReader } from './env.js'
import { loadAuthOptions } from './options.js'
import type { AcceptsTokenOption, AuthArgs, GetAuthOptions } from './types.js'

/** Who authenticates, for messages; and how it reads the variables (`envReader`, or React Router's). */
export interface Caller {
  readonly name: 'getAuth' | 'rootAuthLoader' | 'clerkMiddleware'
  readonly readEnv?: (overrides: GetAuthOptions | undefined, context: unknown) => EnvReader
  /** What the caller accepts whatever the options say (React Router's middleware: `'any'`). */
  readonly acceptsToken?: AcceptsToken
}

interface Memo {
  /** The caller's options object and context, for the cheapest match: the same call again. */
  readonly overrides: Options | undefined
  readonly context: unknown
  readonly options: AuthenticateOptions
  readonly acceptsToken: AcceptsToken
  readonly result: Promise<{ readonly state: RequestState; readonly instance: ClerkInstance }>
}

// Options objects written inline are new on every call; they must not grow the list without end.
const MAX_MEMOS_PER_REQUEST = 8

// Kept on the Request object itself, in a private field of this module's: nothing outlives the request, nothing is
// shared between requests, and no reflection sees it (keys, symbols, spreads, JSON). A class whose base constructor
// returns the object it is given adds its private fields to that object, frozen or not; that costs about a fifth of
// the defineProperty of a hidden symbol it replaces (~0.06 against ~0.28 µs per Request on Node 20), and needs no
// fallback for Requests that take no properties. Not in a WeakMap: an entry per request made every garbage
// collection trace ephemerons, which cost more than all the rest of a repeat authentication (benchmark 1). The
// WeakMap stays only for an engine that refuses to add private fields to a non-extensible object.
class ReturnsItsArgument {
  constructor(target: object) {
    // The point: `target` itself, not a new object, takes the private fields of the subclass.
    return target
  }
}

class RequestMemos extends ReturnsItsArgument {
  #memos: Memo[]

  private constructor(request: Request, memos: Memo[]) {
    super(request)
    this.#memos = memos
  }

  static of(request: Request): Memo[] | undefined {
    return #memos in request ? (request as unknown as RequestMemos).#memos : undefined
  }

  static keep(request: Request, memos: Memo[]): boolean {
    try {
      new RequestMemos(request, memos)
      return true
    } catch {
      return false
    }
  }
}

let fallbackMemos: WeakMap<Request, Memo[]> | undefined

function memosOf(request: Request): Memo[] | undefined {
  return RequestMemos.of(request) ?? fallbackMemos?.get(request)
}

function keepMemos(request: Request, list: Memo[]): void {
  if (!RequestMemos.keep(request, list)) (fallbackMemos ??= new WeakMap()).set(request, list)
}

export interface Authenticated {
  readonly state: SettledState
  readonly instance: ClerkInstance
}

/**
 * The request's auth state. A state that needs a redirect (a handshake, or the clean URL after one) is
 * thrown as a 307 Response, which Remix sends as is.
 */
/** getAuth's options as authentication reads them. */
type Options = GetAuthOptions & AcceptsTokenOption

export async function authenticateArgs(
  args: AuthArgs,
  overrides: Options | undefined,
  caller: Caller,
): Promise<Authenticated> {
  const request = requestOf(args, caller.name)
  // Once per process: where the load context lacks them, bindings come from `cloudflare:workers`.
  const loading = loadCloudflareWorkersEnv()
  if (loading) await loading
  const accepts = caller.acceptsToken ?? overrides?.acceptsToken
  const acceptsToken =
    accepts === undefined || accepts === 'session_token' ? 'session_token' : checkAcceptsToken(accepts)
  const memo = memoFor(request, args, overrides, caller, acceptsToken)
  const { state, instance } = await memo.result
  if (isRedirect(state) || state.status === 'handshake') {
    throw new Response(null, {
      status: 307,
      headers: withForwardedVary(withNetlifyCacheBust(state.headers!, state.publishableKey), instance),
    })
  }
  return { state, instance }
}

function memoFor(
  request: Request,
  args: AuthArgs,
  overrides: Options | undefined,
  caller: Caller,
  acceptsToken: AcceptsToken,
): Memo {
  let list = memosOf(request)
  if (list) {
    for (const memo of list) {
      if (memo.overrides === overrides && memo.context === args.context && sameAccepts(memo.acceptsToken, acceptsToken))
        return memo
    }
  }
  const env = (caller.readEnv ?? envReader)(overrides, args.context)
  const options = loadAuthOptions(args, overrides, env, { machineTokens: acceptsToken !== 'session_token' })
  if (list) {
    const same = list.find((memo) => sameAccepts(memo.acceptsToken, acceptsToken) && sameOptions(memo.options, options))
    if (same) {
      // Remembered under this options object too, so the next identical call skips loading options.
      if (list.length < MAX_MEMOS_PER_REQUEST) list.push({ ...same, overrides, context: args.context })
      return same
    }
  } else {
    list = []
    keepMemos(request, list)
  }
  const memo: Memo = {
    overrides,
    context: args.context,
    options,
    acceptsToken,
    result: authenticate(request, options, acceptsToken),
  }
  list.push(memo)
  return memo
}

/** One promise for the loaders that share the request: settled at once when the instance exists and nothing has to wait. */
function authenticate(
  request: Request,
  options: AuthenticateOptions,
  acceptsToken: AcceptsToken,
): Promise<{ state: RequestState; instance: ClerkInstance }> {
  try {
    const instance = findInstance(options)
    return instance === undefined
      ? clerkInstanceFor(options).then((created) => stateOf(request, created, acceptsToken))
      : stateOf(request, instance, acceptsToken)
  } catch (error) {
    return Promise.reject(error)
  }
}

function stateOf(
  request: Request,
  instance: ClerkInstance,
  acceptsToken: AcceptsToken,
): Promise<{ state: RequestState; instance: ClerkInstance }> {
  const state = authenticateRequest(request, instance, acceptsToken)
  return state instanceof Promise
    ? state.then((settled) => ({ state: settled, instance }))
    : Promise.resolve({ state, instance })
}

function sameAccepts(a: AcceptsToken, b: AcceptsToken): boolean {
  if (a === b) return true
  if (typeof a === 'string' || typeof b === 'string') return false
  return a.length === b.length && a.every((kind, index) => kind === b[index])
}

function requestOf(args: AuthArgs, caller: Caller['name']): Request {
  const request = (args as Partial<AuthArgs> | null | undefined)?.request
  // By shape rather than instanceof: the Request may come from another realm or a polyfill.
  if (
    typeof request !== 'object' ||
    request === null ||
    typeof request.url !== 'string' ||
    typeof request.headers?.get !== 'function'
  ) {
    throw new RemixClerkError('REMIX_CLERK_MISSING_LOADER_ARGS', noLoaderArgs(caller))
  }
  return request
}
