import { expect } from 'vitest'
import type { Core } from '../src/core.js'
import { type LocalClerk, type LocalClerkOptions, createLocalClerk } from '../src/index.js'

/** A clock tests move by hand; starts at a fixed instant so timestamps can be asserted exactly. */
export class TestClock {
  ms = Date.UTC(2026, 0, 15, 12, 0, 0)
  readonly now = (): number => this.ms
  get seconds(): number {
    return Math.floor(this.ms / 1000)
  }
  advance(ms: number): void {
    this.ms += ms
  }
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

/** A local Clerk listening on 127.0.0.1:0, and a way to call it over real HTTP. */
export interface Harness {
  clerk: LocalClerk
  clock: TestClock
  call(method: string, path: string, options?: CallOptions): Promise<ApiResponse>
  close(): Promise<void>
}

export async function startHarness(options: LocalClerkOptions = {}): Promise<Harness> {
  const clock = new TestClock()
  const clerk = await createLocalClerk({ db: ':memory:', now: clock.now, ...options })
  await clerk.listen(0)
  return {
    clerk,
    clock,
    async call(method, path, { body, rawBody, headers = {}, anonymous = false } = {}) {
      const response = await fetch(`${clerk.url}${path}`, {
        method,
        headers: {
          ...(anonymous ? {} : { authorization: `Bearer ${clerk.secretKey}` }),
          'content-type': 'application/json',
          ...headers,
        },
        body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
      })
      const text = await response.text()
      return { status: response.status, contentType: response.headers.get('content-type'), body: text ? JSON.parse(text) : undefined }
    },
    close: () => clerk.close(),
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
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64')

/** What an official `@clerk/backend` call threw (its ClerkAPIResponseError); fails the test when it did not throw. */
export async function apiError(promise: Promise<unknown>) {
  try {
    await promise
  } catch (error) {
    return error as { status: number; clerkTraceId: string; errors: Array<{ code: string; longMessage: string; meta: Record<string, unknown> }> }
  }
  throw new Error('expected the call to fail')
}
