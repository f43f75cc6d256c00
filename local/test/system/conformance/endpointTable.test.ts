import { readFileSync, writeFileSync } from 'node:fs'
import { type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { createClerkClient } from '@clerk/backend'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from '../../helpers/harness.js'

/**
 * The endpoint table of local/README.md, derived from the installed `@clerk/backend`: every public method of every
 * API object of `createClerkClient` is called against a recording server on 127.0.0.1 (placeholders for its
 * arguments), which gives the request it sends; that request is then sent to the local backend, whose answer says
 * the endpoint's state. The README must hold exactly the table this produces, so an endpoint added upstream, or a
 * route added or dropped here, fails this test until the table is regenerated:
 *
 *   UPDATE_ENDPOINT_TABLE=1 npx vitest run local/test/system/conformance/endpointTable.test.ts
 */
const README = fileURLToPath(new URL('../../../README.md', import.meta.url))
const START = '<!-- endpoint-table:start -->'
const END = '<!-- endpoint-table:end -->'

interface Call {
  method: string
  verb: string
  path: string
}

/** A stand-in for any argument: a string where one is expected (`{name}`), an object of stand-ins otherwise. */
function placeholder(name: string): unknown {
  const text = `{${name}}`
  return new Proxy(() => undefined, {
    get(_target, prop) {
      if (prop === Symbol.toPrimitive || prop === 'toString' || prop === 'valueOf') return () => text
      if (typeof prop === 'symbol' || prop === 'then') return undefined
      const stringMember = (String.prototype as unknown as Record<string, unknown>)[prop]
      if (typeof stringMember === 'function')
        return (...args: unknown[]) => (stringMember as (...a: unknown[]) => unknown).apply(text, args)
      if (prop === 'file') return new Blob(['x'])
      return placeholder(prop)
    },
    ownKeys: () => [],
  })
}

const parameterNames = (fn: (...args: unknown[]) => unknown) =>
  (/^[^(]*\(([^)]*)\)/.exec(fn.toString())?.[1] ?? '')
    .split(',')
    .map((part) => part.split('=')[0]!.trim())
    .filter(Boolean)

function methodsOf(api: object): string[] {
  const names = new Set<string>()
  for (
    let proto = Object.getPrototypeOf(api) as object | null;
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto) as object | null
  ) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (
        name !== 'constructor' &&
        name !== 'requireId' &&
        typeof (api as Record<string, unknown>)[name] === 'function'
      )
        names.add(name)
    }
  }
  return [...names].sort()
}

/** Calls every method of every API object; returns what each sent. */
async function recordCalls(): Promise<{ calls: Call[]; silent: string[] }> {
  const seen: Array<{ verb: string; url: string }> = []
  const server: Server = createServer((request, response) => {
    seen.push({ verb: request.method!, url: request.url! })
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const client = createClerkClient({
    secretKey: 'sk_test_recording',
    apiUrl,
    machineSecretKey: 'ak_recording',
  }) as unknown as Record<string, object>
  const calls: Call[] = []
  const silent: string[] = []
  try {
    for (const apiName of Object.keys(client).sort()) {
      const api = client[apiName] as Record<string, (...args: unknown[]) => Promise<unknown>>
      if (typeof api !== 'object' || typeof api.request !== 'function') continue
      for (const name of methodsOf(api)) {
        const fn = api[name]!
        const names = parameterNames(fn)
        // Ids as placeholders and parameter objects empty first (so `updateUser` sends its plain PATCH, not the
        // metadata call its parameters would add); then placeholders everywhere (ids inside parameter objects); then
        // plain values for methods that check their arguments before sending (the e-mail API destructures a `to`
        // object, one message or a batch of them).
        const attempts = [
          names.map((n) => (/^(params|options|queryParams)$/.test(n) ? {} : placeholder(n))),
          names.map(placeholder),
          names.map(() => undefined),
          names.map(() => ({ to: {} })),
          names.map(() => [{ to: {} }]),
        ]
        const before = seen.length
        for (const args of attempts) {
          try {
            await fn.apply(api, args)
          } catch {
            // The recording server's `{}` often fails deserialisation; only the request matters.
          }
          if (seen.length > before) break
        }
        const sent = seen[before]
        if (!sent) silent.push(`${apiName}.${name}`)
        else
          calls.push({
            method: `${apiName}.${name}`,
            verb: sent.verb,
            path: decodeURIComponent(sent.url.split('?')[0]!),
          })
      }
    }
  } finally {
    server.close()
  }
  return { calls, silent }
}

type State =
  { kind: 'implemented' } | { kind: 'unsupported'; feature: string } | { kind: 'deprecated' } | { kind: 'missing' }

/** Sends the request (placeholders as ids no record has) and reads the state from the answer. */
async function stateOf(h: Harness, call: Call): Promise<State> {
  const path = call.path.replace(/\{[^}]+\}/g, 'x_missing')
  const response = await h.call(call.verb, path, call.verb === 'GET' || call.verb === 'DELETE' ? {} : { body: {} })
  const error = response.body?.errors?.[0] as { code: string; message: string; long_message: string } | undefined
  if (error?.code === 'not_supported')
    return { kind: 'unsupported', feature: error.message.replace(/ is not supported by remix-clerk-local$/, '') }
  if (error?.code === 'operation_deprecated') return { kind: 'deprecated' }
  if (response.status === 404 && error?.long_message.startsWith('No route matches')) return { kind: 'missing' }
  return { kind: 'implemented' }
}

function describeState(state: State): string {
  switch (state.kind) {
    case 'implemented':
      return '✅'
    case 'deprecated':
      return '410, deprecated by Clerk'
    case 'unsupported':
      return `not supported: ${state.feature}`
    case 'missing':
      return 'MISSING'
  }
}

describe('the endpoint table of local/README.md', () => {
  let h: Harness
  let rows: Array<{ call: Call; state: State; text: string }>
  let silent: string[]

  beforeAll(async () => {
    h = await startHarness()
    const recorded = await recordCalls()
    silent = recorded.silent
    rows = []
    for (const call of recorded.calls) {
      const state = await stateOf(h, call)
      rows.push({ call, state, text: describeState(state) })
    }
  })
  afterAll(() => h.close())

  it("covers every method of @clerk/backend's client that sends a request", () => {
    expect(rows.length).toBeGreaterThan(150)
    // Methods that send nothing with any arguments: telemetry is not an API object, so none should be left.
    expect(silent).toEqual([])
  })

  it('leaves no endpoint unanswered: each is implemented, declared not supported, or deprecated', () => {
    expect(
      rows.filter((row) => row.text === 'MISSING').map((row) => `${row.call.method} ${row.call.verb} ${row.call.path}`),
    ).toEqual([])
  })

  it('is the table in local/README.md', () => {
    const counts = { implemented: 0, unsupported: 0, other: 0 }
    for (const row of rows)
      counts[
        row.state.kind === 'implemented' ? 'implemented' : row.state.kind === 'unsupported' ? 'unsupported' : 'other'
      ]++
    const table = [
      `${rows.length} methods of \`@clerk/backend\`'s client: ${counts.implemented} answered by remix-clerk-local, ${counts.unsupported} refused as not supported, ${counts.other} otherwise (below).`,
      '',
      '| Client method | Request | remix-clerk-local |',
      '| --- | --- | --- |',
      ...rows.map(({ call, text }) => `| \`${call.method}\` | \`${call.verb} ${call.path}\` | ${text} |`),
    ].join('\n')
    const readme = readFileSync(README, 'utf8')
    const start = readme.indexOf(START)
    const end = readme.indexOf(END)
    expect(start, `local/README.md needs the markers ${START} and ${END}`).toBeGreaterThan(-1)
    const current = readme.slice(start + START.length, end).trim()
    if (process.env.UPDATE_ENDPOINT_TABLE === '1') {
      writeFileSync(README, `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`)
      return
    }
    expect(
      current,
      'regenerate with UPDATE_ENDPOINT_TABLE=1 npx vitest run local/test/system/conformance/endpointTable.test.ts',
    ).toBe(table)
  })
})
