// The faults a Backend API can have, scripted on a real loopback server, and the helpers the fault
// suites share: a server that misbehaves on cue per test (so tests can run concurrently), a server that
// can come up on a port that refused connections a moment ago, and a generous bound on settling.
import { createServer, type RequestListener, type Server } from 'node:http'
import { expect } from 'vitest'
import { refusedPort, startRecordingServer, type ScriptedResponse } from '../../helpers/recordingServer.js'

export interface Fault {
  name: string
  /** How the faulty route answers, one per call, the last repeating; undefined: nothing listens at all. */
  responders?: ScriptedResponse[]
  /** Requests a client makes before it gives up (the first try and the retries it is allowed). */
  attempts: number
  /** `errors[0].code` of the client's ClerkAPIResponseError. */
  code: string
  /** `errors[0].message` of that error, for a client with this URL and deadline. */
  message(url: string, timeoutMs: number): string
  /** HTTP status on the error; undefined when no response arrived. */
  status?: number
  retryAfter?: number
  /** The wait is the client's deadline: with the default 10 s, only these cost real time. */
  slow?: boolean
}

const clerkErrorBody = (code: string, message: string) => ({
  errors: [{ code, message, long_message: message, meta: {} }],
  meta: {},
  clerk_trace_id: 'trace_fault',
})

const timedOut = (_url: string, timeoutMs: number) => `The Clerk API did not answer within ${timeoutMs} ms.`

/** A 200 whose body is not what Clerk sends (a proxy's error page, a truncated answer): never retried. */
function unexpected200(name: string, contentType: string, body: string, problem: string): Fault {
  return {
    name,
    responders: [{ status: 200, headers: { 'Content-Type': contentType }, body }],
    attempts: 1,
    code: 'unexpected_response',
    message: () => `Unexpected response from the Clerk API: ${problem}.`,
    status: 200,
  }
}

/** Faults common to every call, whatever it asks for (the empty answer differs per route). */
export const faults: Fault[] = [
  {
    name: 'connection refused',
    attempts: 3,
    code: 'network_error',
    message: (url) => `Could not reach the Clerk API: fetch failed (connect ECONNREFUSED ${new URL(url).host}).`,
  },
  {
    name: 'a server slower than the timeout',
    responders: [{ hang: true }],
    attempts: 1,
    code: 'timeout',
    message: timedOut,
    slow: true,
  },
  {
    name: 'headers, then a body that never ends',
    responders: [{ stallBody: true, json: { keys: [] } }],
    attempts: 1,
    code: 'timeout',
    message: timedOut,
    slow: true,
  },
  {
    name: 'the connection dropped before an answer',
    responders: [{ destroy: true }],
    attempts: 3,
    code: 'network_error',
    message: () => 'Could not reach the Clerk API: fetch failed (other side closed).',
  },
  {
    name: '500',
    responders: [{ status: 500, json: clerkErrorBody('internal_clerk_error', 'Oops, an unexpected error occurred') }],
    attempts: 1,
    code: 'internal_clerk_error',
    message: () => 'Oops, an unexpected error occurred',
    status: 500,
  },
  {
    name: '429 with Retry-After: 1 every time',
    responders: [
      { status: 429, headers: { 'Retry-After': '1' }, json: clerkErrorBody('too_many_requests', 'Too many requests') },
    ],
    attempts: 3,
    code: 'too_many_requests',
    message: () => 'Too many requests',
    status: 429,
    retryAfter: 1,
  },
  unexpected200('200 with invalid JSON', 'application/json', '{"keys":[{"kty":"RSA"', 'the body is not valid JSON'),
  unexpected200(
    '200 with an HTML error page',
    'text/html',
    '<html>Bad gateway</html>',
    'expected a JSON body, got a text/html body',
  ),
]

/** The attempts a server sees: none when the connection is refused. */
export const serverHits = (fault: Fault): number => (fault.responders ? fault.attempts : 0)

/** A 429 that clears: the retry after `Retry-After` succeeds. */
export const rateLimitedOnce = (healthy: ScriptedResponse): ScriptedResponse[] => [
  { status: 429, headers: { 'Retry-After': '1' }, json: clerkErrorBody('too_many_requests', 'Too many requests') },
  healthy,
]

/**
 * A Backend API for one test: a recording server scripted with the fault on `path`, or, for a refused
 * connection, a port nothing listens on until `recover()` starts a healthy server there.
 */
export interface FaultyBackend {
  url: string
  /** Requests that reached the faulty route. */
  hits(): number
  /** From now on the route answers `healthy` (on the same URL). */
  recover(healthy: ScriptedResponse): Promise<void>
  close(): Promise<void>
}

export async function startFaultyBackend(fault: Fault, method: string, path: string): Promise<FaultyBackend> {
  if (fault.responders) {
    const server = await startRecordingServer()
    server.on(method, path, ...fault.responders)
    return {
      url: server.url,
      hits: () => server.count(method, path),
      async recover(healthy) {
        server.on(method, path, healthy)
      },
      close: () => server.close(),
    }
  }
  const port = await refusedPort()
  let revived: { server: Server; hits: number } | undefined
  return {
    url: `http://127.0.0.1:${port}`,
    hits: () => revived?.hits ?? 0,
    async recover(healthy) {
      const state = { server: createServer(), hits: 0 }
      const listener: RequestListener = (request, response) => {
        if (request.method === method && request.url?.split('?')[0] === path) state.hits++
        response
          .writeHead(healthy.status ?? 200, { 'Content-Type': 'application/json', ...healthy.headers })
          .end(JSON.stringify(healthy.json))
      }
      state.server.on('request', listener)
      await new Promise<void>((resolve, reject) => {
        state.server.once('error', reject)
        state.server.listen(port, '127.0.0.1', resolve)
      })
      revived = state
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (!revived) return resolve()
        revived.server.closeAllConnections()
        revived.server.close(() => resolve())
      }),
  }
}

/**
 * Awaits a promise that must settle (resolve or reject) well within `boundMs`; a generous bound, not a
 * timing assertion: it only fails a call that hangs far past its deadline.
 */
export async function settlesWithin<T>(promise: Promise<T>, boundMs: number): Promise<PromiseSettledResult<T>> {
  let timer: NodeJS.Timeout | undefined
  const bound = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => resolve('hung'), boundMs)
  })
  const settled = promise.then(
    (value): PromiseSettledResult<T> => ({ status: 'fulfilled', value }),
    (reason: unknown): PromiseSettledResult<T> => ({ status: 'rejected', reason }),
  )
  const result = await Promise.race([settled, bound])
  clearTimeout(timer)
  expect(result, `did not settle within ${boundMs} ms`).not.toBe('hung')
  return result as PromiseSettledResult<T>
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
