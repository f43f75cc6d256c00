// A real HTTP server on 127.0.0.1 for tests: answers with scripted responses and records every
// request it receives (method, raw path, query, headers, body).
//
//   const server = await startRecordingServer()
//   server.on('POST', '/v1/sessions/sess_1/tokens', { json: { object: 'token', jwt } })
//   server.on('GET', /^\/v1\/jwks/, { status: 503 }, { json: jwks })   // per call; the last repeats
//   ... server.count('GET', '/v1/jwks') ...
//   await server.close()                                                 // in afterAll / finally
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export interface RecordedRequest {
  method: string
  /** The path as sent on the request line, still percent-encoded, without the query. */
  path: string
  /** Query parameters in order; repeated keys keep every value. */
  query: Record<string, string[]>
  /** The raw query string without `?` ('' when none). */
  search: string
  /** Header names lower-cased. */
  headers: Record<string, string>
  /** The body as text ('' when none). */
  body: string
  /** The body parsed as JSON; undefined when empty or not JSON. */
  json: unknown
}

export interface ScriptedResponse {
  /** Default 200. */
  status?: number
  headers?: Record<string, string>
  /** Serialised as the body, with `Content-Type: application/json` unless `headers` set one. */
  json?: unknown
  /** A raw body. */
  body?: string
  /** Wait before answering. */
  delayMs?: number
  /** Never answer: the request stays open until the client gives up or the server closes. */
  hang?: boolean
  /** Send the status line, the headers and the first half of the body, then stall forever. */
  stallBody?: boolean
  /** Drop the connection without answering: the client sees a network error. */
  destroy?: boolean
}

/** A fixed response, or a function of the request and of how many requests the route saw before. */
type Responder =
  ScriptedResponse | ((request: RecordedRequest, callIndex: number) => ScriptedResponse | Promise<ScriptedResponse>)

type PathMatcher = string | RegExp

export interface RecordingServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string
  readonly port: number
  /** Every request received, in arrival order. */
  readonly requests: readonly RecordedRequest[]
  /**
   * Scripts answers for a method and path (exact raw path, or a RegExp tested on it). Responders are
   * used one per call; the last one repeats. The newest matching route wins, so a test can override.
   */
  on(method: string, path: PathMatcher, ...responders: Responder[]): RecordingServer
  /** Requests received, optionally only those with this method (and path). */
  count(method?: string, path?: PathMatcher): number
  requestsTo(method: string, path: PathMatcher): RecordedRequest[]
  /** The last request received; throws when there is none. */
  last(): RecordedRequest
  /** Forgets recorded requests, keeps the scripted routes (and how often each answered). */
  clearRequests(): void
  /** Forgets recorded requests and scripted routes. */
  reset(): void
  /** Closes the server and every open connection (hanging requests included). */
  close(): Promise<void>
}

interface Route {
  method: string
  path: PathMatcher
  responders: Responder[]
  calls: number
}

export async function startRecordingServer(): Promise<RecordingServer> {
  const requests: RecordedRequest[] = []
  let routes: Route[] = []
  const sockets = new Set<Socket>()

  const server = createServer((req, res) => {
    void handle(req, res)
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const recorded = await record(req)
    requests.push(recorded)
    const route = [...routes].reverse().find((r) => r.method === recorded.method && matches(r.path, recorded.path))
    if (!route) {
      send(res, {
        status: 501,
        json: {
          errors: [
            {
              code: 'no_scripted_response',
              message: `recording server: no response scripted for ${recorded.method} ${recorded.path}`,
            },
          ],
        },
      })
      return
    }
    const index = route.calls++
    const responder = route.responders[Math.min(index, route.responders.length - 1)]!
    const scripted = typeof responder === 'function' ? await responder(recorded, index) : responder
    if (scripted.delayMs) await new Promise((resolve) => setTimeout(resolve, scripted.delayMs))
    if (scripted.hang) return
    if (scripted.destroy) {
      req.socket.destroy()
      return
    }
    if (scripted.stallBody) {
      stall(res, scripted)
      return
    }
    send(res, scripted)
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const filter = (method?: string, path?: PathMatcher) =>
    requests.filter((r) => (!method || r.method === method) && (path === undefined || matches(path, r.path)))

  const recording: RecordingServer = {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    on(method, path, ...responders) {
      if (responders.length === 0) throw new Error('recording server: on() needs at least one responder')
      routes.push({ method: method.toUpperCase(), path, responders, calls: 0 })
      return recording
    },
    count: (method, path) => filter(method, path).length,
    requestsTo: (method, path) => filter(method, path),
    last() {
      const request = requests.at(-1)
      if (!request) throw new Error('recording server: no request received')
      return request
    },
    clearRequests() {
      requests.length = 0
    },
    reset() {
      requests.length = 0
      routes = []
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        for (const socket of sockets) socket.destroy()
      }),
  }
  return recording
}

/** A port on 127.0.0.1 with nothing listening: connecting to it is refused. */
export async function refusedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

function matches(path: PathMatcher, actual: string): boolean {
  return typeof path === 'string' ? path === actual : path.test(actual)
}

async function record(req: IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const body = Buffer.concat(chunks).toString('utf8')
  const target = req.url ?? '/'
  const queryStart = target.indexOf('?')
  const path = queryStart === -1 ? target : target.slice(0, queryStart)
  const search = queryStart === -1 ? '' : target.slice(queryStart + 1)
  const query: Record<string, string[]> = {}
  for (const [key, value] of new URLSearchParams(search)) (query[key] ??= []).push(value)
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value
  }
  let json: unknown
  try {
    json = body ? JSON.parse(body) : undefined
  } catch {
    json = undefined
  }
  return { method: req.method ?? 'GET', path, query, search, headers, body, json }
}

function send(res: ServerResponse, scripted: ScriptedResponse): void {
  const { headers, body } = encode(scripted)
  res.writeHead(scripted.status ?? 200, headers)
  res.end(body)
}

function stall(res: ServerResponse, scripted: ScriptedResponse): void {
  const { headers, body = '' } = encode(scripted)
  res.writeHead(scripted.status ?? 200, { ...headers, 'Content-Length': String(Buffer.byteLength(body)) })
  res.write(body.slice(0, Math.floor(body.length / 2)))
}

function encode(scripted: ScriptedResponse): { headers: Record<string, string>; body: string | undefined } {
  const headers: Record<string, string> = { ...scripted.headers }
  let body = scripted.body
  if (scripted.json !== undefined) {
    body = JSON.stringify(scripted.json)
    if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
      headers['Content-Type'] = 'application/json'
    }
  }
  return { headers, body }
}
