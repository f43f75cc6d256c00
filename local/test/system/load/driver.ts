// Drives the built CLI (`dist/cli.js start`, its own process, a file database) with many concurrent
// clients, each signing its user in again and again (POST /v1/sessions) and minting tokens for the new
// session (session token, and now and then a template token). Every answer is tallied; every session the
// server acknowledged is remembered, so that it can be looked for afterwards.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach } from 'vitest'
import { type CliProcess, parseStartOutput, runCli, stopIfRunning } from '../../helpers/cliProcess.js'

export interface Backend {
  cli: CliProcess
  url: string
  secretKey: string
  /** One Backend API call; a network error rejects. */
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }>
}

async function startBackend(db: string): Promise<Backend> {
  const cli = runCli(['start', '--port', '0', '--db', db])
  await cli.waitFor('CLERK_JWT_KEY=')
  const { url, secretKey } = parseStartOutput(cli.stdout())
  return {
    cli,
    url,
    secretKey,
    async call(method, path, body) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const text = await response.text()
      return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} }
    },
  }
}

/**
 * Backends for one suite, on database files in a temporary folder: whatever a test leaves running is
 * stopped after it, and the folder is removed after the suite.
 */
export function useBackends(prefix: string): { dbPath(name: string): string; start(db: string): Promise<Backend> } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  const running: CliProcess[] = []
  afterEach(() => running.forEach(stopIfRunning))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  return {
    dbPath: (name) => join(dir, name),
    async start(db) {
      const backend = await startBackend(db)
      running.push(backend.cli)
      return backend
    },
  }
}

const TEMPLATE = 'load'

/** One user per client (with an e-mail and metadata the template reads) and the template itself. */
export async function seed(backend: Backend, users: number): Promise<string[]> {
  const template = await backend.call('POST', '/v1/jwt_templates', {
    name: TEMPLATE,
    claims: { email: '{{user.primary_email_address}}', n: '{{user.public_metadata.n}}' },
  })
  if (template.status !== 200) throw new Error(`template: ${template.status} ${JSON.stringify(template.body)}`)
  const ids: string[] = []
  for (let n = 0; n < users; n++) {
    const user = await backend.call('POST', '/v1/users', {
      email_address: [`load${n}@example.com`],
      public_metadata: { n },
    })
    if (user.status !== 200) throw new Error(`user ${n}: ${user.status} ${JSON.stringify(user.body)}`)
    ids.push(user.body.id as string)
  }
  return ids
}

export interface LoadStats {
  /** Requests answered, by status. */
  statuses: Record<number, number>
  /** Requests that got no answer while the server was meant to be up. */
  networkErrors: string[]
  /** Sessions acknowledged with a 200, per user. */
  sessions: Map<string, string[]>
  /** Every 50th minted token, with what it must carry. */
  samples: Array<{ jwt: string; sessionId: string; userId: string; template: boolean }>
  tokens: number
  templateTokens: number
  /** Milliseconds per request, for the report only (never asserted). */
  latencies: number[]
}

export function emptyStats(): LoadStats {
  return {
    statuses: {},
    networkErrors: [],
    sessions: new Map(),
    samples: [],
    tokens: 0,
    templateTokens: 0,
    latencies: [],
  }
}

/**
 * Runs `clients` loops until `running()` turns false: sign the user in, mint a session token, and every
 * fourth round a template token too. Errors after `running()` turned false (a killed server) are not tallied.
 */
export async function runLoad(
  backend: Backend,
  users: string[],
  clients: number,
  stats: LoadStats,
  running: () => boolean,
): Promise<void> {
  const timed = async (method: string, path: string, body?: unknown) => {
    const started = performance.now()
    const response = await backend.call(method, path, body)
    stats.latencies.push(performance.now() - started)
    stats.statuses[response.status] = (stats.statuses[response.status] ?? 0) + 1
    return response
  }
  const client = async (index: number) => {
    const userId = users[index % users.length]!
    for (let round = 0; running(); round++) {
      try {
        const session = await timed('POST', '/v1/sessions', { user_id: userId })
        if (session.status !== 200) continue
        const sessionId = session.body.id as string
        let list = stats.sessions.get(userId)
        if (!list) stats.sessions.set(userId, (list = []))
        list.push(sessionId)
        const token = await timed('POST', `/v1/sessions/${sessionId}/tokens`)
        if (token.status === 200) record(stats, token.body.jwt as string, sessionId, userId, false)
        if (round % 4 === 0) {
          const templated = await timed('POST', `/v1/sessions/${sessionId}/tokens/${TEMPLATE}`, {
            expires_in_seconds: 120,
          })
          if (templated.status === 200) record(stats, templated.body.jwt as string, sessionId, userId, true)
        }
      } catch (error) {
        if (running()) stats.networkErrors.push(String((error as Error).cause ?? error))
        else return
      }
    }
  }
  await Promise.all(Array.from({ length: clients }, (_, index) => client(index)))
}

function record(stats: LoadStats, jwt: string, sessionId: string, userId: string, template: boolean): void {
  if (template) stats.templateTokens++
  else stats.tokens++
  if ((stats.tokens + stats.templateTokens) % 50 === 0) stats.samples.push({ jwt, sessionId, userId, template })
}

/** Every session id the server lists for the user, all pages. */
export async function listedSessions(backend: Backend, userId: string): Promise<{ ids: string[]; total: number }> {
  const ids: string[] = []
  let total = 0
  for (let offset = 0; ; offset += 500) {
    const page = await backend.call(
      'GET',
      `/v1/sessions?user_id=${userId}&paginated=true&limit=500${offset ? `&offset=${offset}` : ''}`,
    )
    if (page.status !== 200) throw new Error(`list: ${page.status} ${JSON.stringify(page.body)}`)
    const data = page.body.data as Array<{ id: string }>
    total = page.body.total_count as number
    ids.push(...data.map((session) => session.id))
    if (data.length < 500) return { ids, total }
  }
}

export function summary(stats: LoadStats, seconds: number): Record<string, unknown> {
  const sorted = [...stats.latencies].sort((a, b) => a - b)
  const at = (q: number) =>
    Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * 10) / 10
  const requests = Object.values(stats.statuses).reduce((a, b) => a + b, 0)
  return {
    seconds,
    requests,
    perSecond: Math.round(requests / seconds),
    statuses: stats.statuses,
    networkErrors: stats.networkErrors.length,
    sessions: [...stats.sessions.values()].reduce((n, list) => n + list.length, 0),
    sessionTokens: stats.tokens,
    templateTokens: stats.templateTokens,
    latencyMs: { p50: at(0.5), p99: at(0.99), max: at(1) },
  }
}
