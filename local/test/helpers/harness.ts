import { expect } from 'vitest'
import type { Core } from '../../src/core/core.js'
import { type LocalClerk, createLocalClerk } from '../../src/index.js'
import { type BackendOptions, TESTS_HOLD_THE_SERVER_CLOCK, startBackend } from './backend.js'

/**
 * A clock tests move by hand; starts at a fixed instant so timestamps can be asserted exactly. `frozen: false` is the
 * real clock, which is what a backend started as the CLI process serves on (see backend.ts): it cannot be moved.
 */
export class TestClock {
  #frozenMs: number | undefined

  constructor({ frozen = true }: { frozen?: boolean } = {}) {
    this.#frozenMs = frozen ? Date.UTC(2026, 0, 15, 12, 0, 0) : undefined
  }

  readonly now = (): number => this.#frozenMs ?? Date.now()
  get ms(): number {
    return this.now()
  }
  get seconds(): number {
    return Math.floor(this.now() / 1000)
  }
  advance(ms: number): void {
    if (this.#frozenMs === undefined) {
      throw new Error(
        'This clock is the real one (the CLI process serves on it): run the test only where TESTS_HOLD_THE_SERVER_CLOCK.',
      )
    }
    this.#frozenMs += ms
  }
  /**
   * A time the server stamped a moment ago, plus `offsetMs`: exactly that on a frozen clock; on the real one, a
   * matcher for the last 5 seconds (the request and the server's clock are not ours to hold).
   */
  msNow(offsetMs = 0): number {
    return this.#frozenMs === undefined ? recently(Date.now() + offsetMs, 5000) : this.#frozenMs + offsetMs
  }
  /** The same in seconds (`iat`, `exp`, `__client_uat`). */
  secondsNow(offsetSeconds = 0): number {
    return this.#frozenMs === undefined
      ? recently(Math.floor(Date.now() / 1000) + offsetSeconds, 5)
      : this.seconds + offsetSeconds
  }
}

/** An asymmetric matcher (it stands where a number goes in `toEqual`/`toMatchObject`) for `upTo - within` to `upTo`. */
function recently(upTo: number, within: number): number {
  const matcher = {
    asymmetricMatch: (actual: unknown) => typeof actual === 'number' && actual <= upTo && actual >= upTo - within,
    toString: () => `a time from ${upTo - within} to ${upTo}`,
    toAsymmetricMatcher: () => `a time from ${upTo - within} to ${upTo}`,
  }
  return matcher as unknown as number
}

export interface ApiResponse {
  status: number
  contentType: string | null
  // Tests read fields freely; each assertion pins the exact value.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any
}

interface CallOptions {
  body?: unknown
  rawBody?: string
  headers?: Record<string, string>
  /** Send no Authorization header. */
  anonymous?: boolean
}

/**
 * A local Clerk listening on 127.0.0.1:0, started the way this run asks for (backend.ts: the library, or the CLI
 * process with `clerk` a second instance on its database), and a way to call it over real HTTP.
 */
export interface Harness {
  clerk: LocalClerk
  /** The settings the served backend gives an app (`CLERK_JS`, …): in CLI mode, what the process wrote, not `clerk`'s. */
  env: Record<string, string>
  clock: TestClock
  call(method: string, path: string, options?: CallOptions): Promise<ApiResponse>
  close(): Promise<void>
}

export async function startHarness(options: BackendOptions = {}): Promise<Harness> {
  const clock = new TestClock({ frozen: TESTS_HOLD_THE_SERVER_CLOCK })
  const backend = await startBackend(createLocalClerk, { now: clock.now, ...options })
  return {
    clerk: backend.clerk,
    env: backend.env,
    clock,
    async call(method, path, { body, rawBody, headers = {}, anonymous = false } = {}) {
      const response = await fetch(`${backend.url}${path}`, {
        method,
        headers: {
          ...(anonymous ? {} : { authorization: `Bearer ${backend.clerk.secretKey}` }),
          'content-type': 'application/json',
          ...headers,
        },
        body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
      })
      const text = await response.text()
      return {
        status: response.status,
        contentType: response.headers.get('content-type'),
        body: text ? JSON.parse(text) : undefined,
      }
    },
    close: backend.close,
  }
}

/** Asserts the full Clerk error shape and returns the first error for further checks. */
export function expectClerkError(
  response: ApiResponse,
  status: number,
  code: string,
  extra: { longMessage?: string | RegExp; paramName?: string; count?: number } = {},
) {
  expect(response.status).toBe(status)
  expect(response.contentType).toBe('application/json')
  expect(Object.keys(response.body).sort()).toEqual(['clerk_trace_id', 'errors', 'meta'])
  expect(response.body.meta).toEqual({})
  expect(response.body.clerk_trace_id).toMatch(/^[0-9a-f]{32}$/)
  expect(response.body.errors).toHaveLength(extra.count ?? 1)
  const [error] = response.body.errors
  expect(Object.keys(error).sort()).toEqual(['code', 'long_message', 'message', 'meta'])
  expect(error.code).toBe(code)
  expect(typeof error.message).toBe('string')
  if (typeof extra.longMessage === 'string') expect(error.long_message).toBe(extra.longMessage)
  else if (extra.longMessage) expect(error.long_message).toMatch(extra.longMessage)
  if (extra.paramName !== undefined) expect(error.meta.param_name).toBe(extra.paramName)
  return error
}

export const decodePart = (jwt: string, index: 0 | 1): Record<string, unknown> =>
  JSON.parse(Buffer.from(jwt.split('.')[index]!, 'base64url').toString('utf8')) as Record<string, unknown>

/** The wiring behind a LocalClerk, for tests that check what was stored. */
export const coreOf = (clerk: LocalClerk): Core => (clerk as unknown as { core: Core }).core

export const countRows = (clerk: LocalClerk, table: string): number =>
  (coreOf(clerk).store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n

/** A real 1×1 PNG, for logo uploads. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
)

/** What an official `@clerk/backend` call threw (its ClerkAPIResponseError); fails the test when it did not throw. */
export async function apiError(promise: Promise<unknown>) {
  try {
    await promise
  } catch (error) {
    return error as {
      status: number
      clerkTraceId: string
      errors: Array<{ code: string; longMessage: string; meta: Record<string, unknown> }>
    }
  }
  throw new Error('expected the call to fail')
}
