// No input may stall the local backend: a 1 MiB value built to make a backtracking regular expression run for
// minutes (an e-mail address of `a@`, dots and a final `@`) goes to every field that is checked against a pattern,
// while another request is sent. The server runs in its own process (the built CLI), so a stalled server cannot
// stall this test too: the other request must be answered within a second, and so must the hostile one, with the
// field's ordinary error. Each case gets a server of its own, so one that stalls cannot fail the next.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MAX_BODY_BYTES } from '../../../src/http/body.js'
import { type CliProcess, parseStartOutput, runCli, stopIfRunning } from '../../helpers/cliProcess.js'

/** Far above what a linear check needs on 1 MiB, far below what the quadratic one took (minutes). */
const BOUND_MS = 1000

/** Just under the body limit, so the request reaches the check. */
const HOSTILE_LENGTH = MAX_BODY_BYTES - 4096
const hostileEmail = (length = HOSTILE_LENGTH) => `a@${'.'.repeat(length - 3)}@`

let cli: CliProcess
let url = ''
let secretKey = ''

beforeEach(async () => {
  cli = runCli(['start', '--port', '0', '--db', ':memory:'])
  await cli.waitFor('CLERK_JWT_KEY=')
  ;({ url, secretKey } = parseStartOutput(cli.stdout()))
})
afterEach(() => stopIfRunning(cli))

interface Timed {
  status: number | 'timeout'
  ms: number
}

/** A request with a deadline: a stalled server answers nothing, and the test must still end. */
async function timed(path: string, init: RequestInit): Promise<Timed> {
  const started = performance.now()
  try {
    const response = await fetch(`${url}${path}`, { ...init, signal: AbortSignal.timeout(5 * BOUND_MS) })
    await response.arrayBuffer()
    return { status: response.status, ms: performance.now() - started }
  } catch {
    return { status: 'timeout', ms: performance.now() - started }
  }
}

const api = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
  body: JSON.stringify(body),
})

/** Sends the hostile request, then (once it is surely being read) an ordinary one; both must come back soon. */
async function expectNoStall(path: string, init: RequestInit, expectedStatus: number): Promise<void> {
  const hostile = timed(path, init)
  await new Promise((resolve) => setTimeout(resolve, 100))
  const other = await timed('/v1/jwks', { headers: { authorization: `Bearer ${secretKey}` } })
  const answered = await hostile
  expect({ other: other.status, hostile: answered.status }).toEqual({ other: 200, hostile: expectedStatus })
  expect(other.ms).toBeLessThan(BOUND_MS)
  expect(answered.ms).toBeLessThan(BOUND_MS)
}

describe('a 1 MiB hostile value does not stall the server', () => {
  it('POST /sign-in with a hostile e-mail address (same-origin form, so it reaches the check): the form again, 422', async () => {
    const form = new URLSearchParams({ redirect_url: 'http://localhost:3000/', email: hostileEmail() })
    const body = form.toString()
    expect(body.length).toBeLessThanOrEqual(MAX_BODY_BYTES)
    await expectNoStall(
      '/sign-in',
      { method: 'POST', headers: { origin: url, 'content-type': 'application/x-www-form-urlencoded' }, body },
      422,
    )
  })

  it('POST /sign-in with a hostile address of 320 characters, the longest accepted length: still the form again', async () => {
    const body = new URLSearchParams({ redirect_url: 'http://localhost:3000/', email: hostileEmail(320) }).toString()
    await expectNoStall(
      '/sign-in',
      { method: 'POST', headers: { origin: url, 'content-type': 'application/x-www-form-urlencoded' }, body },
      422,
    )
  })

  const fields: Array<[string, string, () => unknown]> = [
    ['POST /v1/users email_address', '/v1/users', () => ({ email_address: [hostileEmail()] })],
    ['POST /v1/users phone_number', '/v1/users', () => ({ phone_number: [`+1${'1'.repeat(HOSTILE_LENGTH)}x`] })],
    ['POST /v1/users username', '/v1/users', () => ({ username: `${'a'.repeat(HOSTILE_LENGTH)}!` })],
    [
      'POST /v1/organizations slug',
      '/v1/organizations',
      () => ({ name: 'Stall', slug: `${'a-'.repeat(HOSTILE_LENGTH / 2)}-` }),
    ],
    [
      'POST /v1/jwt_templates name',
      '/v1/jwt_templates',
      () => ({ name: `a${' '.repeat(HOSTILE_LENGTH)}/`, claims: {} }),
    ],
    [
      'POST /v1/jwt_templates claims (shortcodes)',
      '/v1/jwt_templates',
      () => ({ name: 'stall', claims: { x: `{{ ${'1'.repeat(HOSTILE_LENGTH / 2)}${'.1'.repeat(1000)} }}` } }),
    ],
  ]
  it.each(fields)('%s: a Clerk-shaped 422', async (_name, path, body) => {
    await expectNoStall(path, api('POST', body()), 422)
  })

  it('POST /v1/invitations email_address and POST /v1/organizations/{id}/domains name: a Clerk-shaped 422', async () => {
    await expectNoStall('/v1/invitations', api('POST', { email_address: hostileEmail() }), 422)
    const organization = (await (await fetch(`${url}/v1/organizations`, api('POST', { name: 'Domains' }))).json()) as {
      id: string
    }
    await expectNoStall(
      `/v1/organizations/${organization.id}/domains`,
      api('POST', { name: `${'a.'.repeat(HOSTILE_LENGTH / 2)}-` }),
      422,
    )
  })
})

describe("a 1 MiB hostile value to ClerkJS's Frontend API does not stall the server either", () => {
  /** As ClerkJS sends it: a form POST from an allowed page, with `_clerk_js_version`. */
  const clerkJs = (fields: Record<string, string>): RequestInit => ({
    method: 'POST',
    headers: { origin: 'http://localhost:3000', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  })
  const path = (route: string) => `${route}?_clerk_js_version=5.128.0`
  const cases: Array<[string, string, () => Record<string, string>]> = [
    [
      'sign-up e-mail address',
      '/v1/client/sign_ups',
      () => ({ email_address: hostileEmail(), password: 'a long password' }),
    ],
    // Refused by length, before any hashing: a 1 MiB password costs no more than a normal one.
    [
      'sign-up password',
      '/v1/client/sign_ups',
      () => ({ email_address: 'stall@example.com', password: 'p'.repeat(HOSTILE_LENGTH) }),
    ],
    ['sign-in identifier', '/v1/client/sign_ins', () => ({ identifier: hostileEmail() })],
    // Not looked up: no ticket is that long.
    ['sign-up ticket', '/v1/client/sign_ups', () => ({ strategy: 'ticket', ticket: 't'.repeat(HOSTILE_LENGTH) })],
  ]
  it.each(cases)('%s: a Clerk-shaped 422', async (_name, route, fields) => {
    await expectNoStall(path(route), clerkJs(fields()), 422)
  })
})
