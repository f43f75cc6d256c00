// The one function every endpoint goes through: build the request, send it within the deadline,
// retry what may be retried, and turn the result into a value or a ClerkAPIResponseError.
import { ClerkAPIResponseError, ClerkClientError } from './errors.js'
import { checkBearerKey, resolveConfig, type ClerkClientOptions, type ClientConfig, type FetchLike } from './options.js'
import { scrubSecretKey } from '../shared/redact.js'
import { readResponse, type Expected, type Failure, type Outcome } from './response.js'
import { isReplaySafe, retryDelay, wasNotSent } from './retry.js'
import { jsonBody, queryString } from './url.js'

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  /** Below `${apiUrl}/${apiVersion}`, starting with `/`; ids already passed through `pathSegment`. */
  path: string
  query?: object
  /** Sent as JSON with snake_cased keys (an array: each item's keys). */
  body?: object
  /** Snake-case the body's nested keys too. */
  deep?: boolean
  /** Sent as multipart/form-data instead of a JSON body. */
  form?: FormData
  /** Extra request headers (an idempotency key, a keyless application's forwarded headers). */
  headers?: Readonly<Record<string, string>>
  /** The path sits directly under the API origin, without the version segment. */
  versionless?: boolean
  /** The Authorization bearer instead of the secret key (a machine secret key). */
  bearer?: string
  /** Without `bearer`, send the `machineSecretKey` option when there is one, else the secret key. */
  machine?: boolean
  /** The secret key may be missing: the request is then sent without Authorization. */
  keyless?: boolean
  /** Marks a POST without side effects (token minting) as safe to repeat after a network error. */
  replaySafe?: boolean
  /** The class the result must be an instance of. */
  expect?: Expected
}

/** Shared by the endpoint groups of one client. Options are checked on the first request, once. */
export class BackendApi {
  readonly #options: ClerkClientOptions
  #config: ClientConfig | undefined
  #keylessConfig: ClientConfig | undefined

  constructor(options: ClerkClientOptions) {
    this.#options = options
  }

  /** Throws ClerkClientError for bad options; call it inside an async function. */
  get config(): ClientConfig {
    return (this.#config ??= resolveConfig(this.#options))
  }

  async request<T>(request: ApiRequest): Promise<T> {
    if (!request.keyless && !request.bearer && !request.machine) return (await send(this.config, request)) as T
    const config = this.#configWithoutSecretKey()
    const bearer = request.bearer
      ? checkBearerKey(request.bearer, 'The machineSecretKey parameter')
      : request.machine
        ? config.machineSecretKey
        : undefined
    if (bearer) return (await send(config, { ...request, bearer })) as T
    return (await send(request.keyless ? config : this.config, request)) as T
  }

  /** The secret key is not needed when another credential is sent, or none is needed at all. */
  #configWithoutSecretKey(): ClientConfig {
    return this.#config ?? (this.#keylessConfig ??= resolveConfig(this.#options, { secretKeyRequired: false }))
  }
}

async function send(config: ClientConfig, request: ApiRequest): Promise<unknown> {
  // Looked up per call, so a fetch installed after the client was created (polyfill, test) is used.
  const fetchFn: FetchLike | undefined = config.fetch ?? globalThis.fetch
  if (typeof fetchFn !== 'function') {
    throw new ClerkClientError(
      'option_invalid',
      'No global fetch in this runtime: pass `fetch` to createClerkClient().',
    )
  }
  const { method, path, bearer } = request
  const base = request.versionless ? config.apiUrl : config.baseUrl
  const url = `${base}${path}${queryString(request.query)}`
  const body = request.form ?? jsonBody(method, request.body, request.deep === true)
  const headers = requestHeaders(config, request, typeof body === 'string')
  const replaySafe = isReplaySafe(method, request.replaySafe)
  const label = `${method} ${request.versionless ? config.apiPath : config.basePath}${path}`
  const secrets = bearer ? [config.secretKey, bearer] : [config.secretKey]

  const deadline = Date.now() + config.timeoutMs
  // One signal for the whole call: it bounds every attempt, body reads and the waits between them.
  const signal = AbortSignal.timeout(config.timeoutMs)
  const init = { method, headers, body, signal, redirect: 'manual' } satisfies RequestInit

  for (let attempt = 1; ; attempt++) {
    const outcome = await attemptOnce(fetchFn, url, init, config.timeoutMs, request.expect)
    if (outcome.ok) return outcome.value
    const { failure } = outcome
    const delay =
      failure.timedOut || attempt > config.retries ? undefined : retryDelay(failure, attempt - 1, replaySafe)
    // A wait that would end past the deadline is not started: the caller gets the real failure now.
    if (delay === undefined || Date.now() + delay >= deadline) throw toError(failure, label, attempt, config, secrets)
    if (!(await sleep(delay, signal))) {
      throw toError(timedOut(config.timeoutMs), label, attempt, config, secrets)
    }
  }
}

/** The client's headers, the request's own, a bearer other than the secret key, and the JSON content type. */
function requestHeaders(config: ClientConfig, request: ApiRequest, json: boolean): Readonly<Record<string, string>> {
  if (!json && !request.headers && !request.bearer) return config.headers
  const headers: Record<string, string> = { ...config.headers, ...request.headers }
  if (request.bearer) headers.Authorization = `Bearer ${request.bearer}`
  // A multipart body sets its own Content-Type, with the boundary.
  if (json) headers['Content-Type'] = 'application/json'
  return headers
}

async function attemptOnce(
  fetchFn: FetchLike,
  url: string,
  init: RequestInit & { signal: AbortSignal },
  timeoutMs: number,
  expect: Expected | undefined,
): Promise<Outcome> {
  const { signal } = init
  let response: Response
  try {
    response = await fetchFn(url, init)
  } catch (error) {
    return { ok: false, failure: signal.aborted ? timedOut(timeoutMs) : networkFailure(error, wasNotSent(error)) }
  }
  try {
    return await readResponse(response, expect)
  } catch (error) {
    // The body stream broke (or the deadline passed) after the status line arrived.
    return { ok: false, failure: signal.aborted ? timedOut(timeoutMs) : networkFailure(error, false) }
  }
}

function networkFailure(error: unknown, notSent: boolean): Failure {
  return {
    status: undefined,
    retryAfter: undefined,
    clerkTraceId: undefined,
    notSent,
    cause: error,
    errors: [{ code: 'network_error', message: `Could not reach the Clerk API: ${describeError(error)}.` }],
  }
}

function timedOut(timeoutMs: number): Failure {
  return {
    status: undefined,
    retryAfter: undefined,
    clerkTraceId: undefined,
    notSent: false,
    timedOut: true,
    errors: [
      {
        code: 'timeout',
        message: `The Clerk API did not answer within ${timeoutMs} ms.`,
      },
    ],
  }
}

function toError(
  failure: Failure,
  label: string,
  attempts: number,
  config: ClientConfig,
  secrets: readonly string[],
): ClerkAPIResponseError {
  const [first] = failure.errors
  const tries = attempts > 1 ? ` (${attempts} attempts)` : ''
  let message: string
  if (failure.timedOut) {
    message =
      `Clerk API request ${label} timed out after ${config.timeoutMs} ms${tries}. ` +
      `Raise timeoutMs or check that ${config.apiUrl} is reachable.`
  } else if (failure.status === undefined) {
    message =
      `Clerk API request ${label} failed${tries}: ${first?.message ?? 'network error'} ` +
      `Check apiUrl / CLERK_API_URL (${config.apiUrl}) and the network.`
  } else {
    const detail = first?.long_message && first.long_message !== first.message ? first.long_message : ''
    const more = failure.errors.length > 1 ? ` (+${failure.errors.length - 1} more)` : ''
    message =
      `Clerk API responded ${failure.status} ${first?.code ?? 'unknown'} to ${label}${tries}: ` +
      `${sentences(first?.message ?? '', detail)}${more}`
  }
  const scrub = (text: string) => secrets.reduce((scrubbed, secret) => scrubSecretKey(scrubbed, secret), text)
  return new ClerkAPIResponseError(scrub(message), {
    status: failure.status,
    errors: failure.errors.map((entry) => ({
      ...entry,
      message: scrub(entry.message),
      long_message: entry.long_message && scrub(entry.long_message),
    })),
    clerkTraceId: failure.clerkTraceId,
    retryAfter: failure.retryAfter,
    cause: safeCause(failure.cause, secrets),
  })
}

/** Clerk's short and long messages read as two sentences: `Session not found. No session was found…`. */
function sentences(first: string, second: string): string {
  if (!second) return first
  if (!first) return second
  return `${first}${/[.!?]$/.test(first) ? '' : '.'} ${second}`
}

/** `fetch failed (connect ECONNREFUSED 127.0.0.1:9)`: the message and its causes, which say what happened. */
function describeError(error: unknown): string {
  const parts: string[] = []
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const message = current instanceof Error ? current.message : String(current)
    if (message && !parts.includes(message)) parts.push(message)
    current = (current as { cause?: unknown }).cause
  }
  const [head, ...rest] = parts
  return rest.length ? `${head} (${rest.join(': ')})` : (head ?? 'unknown error')
}

/** The original error helps debugging, unless something in its chain quotes a secret key. */
function safeCause(cause: unknown, secrets: readonly string[]): unknown {
  if (cause === undefined) return undefined
  for (let current: unknown = cause, depth = 0; current && depth < 8; depth++) {
    const text = current instanceof Error ? `${current.message}\n${current.stack ?? ''}` : String(current)
    if (secrets.some((secret) => secret && text.includes(secret))) return undefined
    current = (current as { cause?: unknown }).cause
  }
  return cause
}

/** Resolves true after `ms`, or false as soon as the deadline passes. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false)
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer)
      resolve(false)
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve(true)
    }, ms)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}
