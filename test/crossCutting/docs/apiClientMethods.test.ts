// The method list of docs/api-client.md is generated from the client's endpoint tables (src/backend/endpoints): this
// test fails when the two disagree. To regenerate the list after changing a table:
//   UPDATE_DOCS=1 npx vitest run test/crossCutting/docs/apiClientMethods.test.ts
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { EndpointBase, GroupOptions, Returns } from '../../../src/backend/endpoint.js'
import { snakeCase } from '../../../src/backend/casing.js'
import { API_GROUPS } from '../../../src/backend/endpoints/index.js'

const DOC = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'docs', 'api-client.md')
const START =
  '<!-- methods: generated from src/backend/endpoints by test/crossCutting/docs/apiClientMethods.test.ts -->'
const END = '<!-- end of methods -->'

type Row = EndpointBase & { args: readonly string[] }

function resourceName(resource: unknown): string {
  return typeof resource === 'function' ? resource.name : String(resource)
}

function returnsText(returns: Returns): string {
  if (typeof returns === 'function') return `\`${returns.name}\``
  if (typeof returns === 'object' && 'page' in returns)
    return `\`{ data: ${resourceName(returns.page)}[], totalCount }\``
  if (typeof returns === 'object' && 'array' in returns) return `\`${resourceName(returns.array)}[]\``
  return `\`${returns}\``
}

function signature(name: string, row: Row): string {
  const params = row.args.map((arg) => arg.replace(/^\.\.\./, '').replace(/\[\]/, ''))
  return `\`${name}(${params.join(', ')})\``
}

function requestText(row: Row, options: GroupOptions): string {
  const query = row.fixedQuery
    ? `?${Object.entries(row.fixedQuery)
        .map(([key, value]) => `${key}=${String(value)}`)
        .join('&')}`
    : ''
  return `\`${row.method} ${options.versionless ? '' : '/v1'}${row.path}${query}\``
}

/** Where the arguments that do not fill the path go, and under which names. */
function sendsText(row: Row): string {
  const pathParams = new Set([...row.path.matchAll(/\{\/?(\w+)\}/g)].map((match) => match[1]))
  const destination = row.send ?? (row.method === 'GET' || row.method === 'DELETE' ? 'query' : 'body')
  const where = { query: 'query', body: 'JSON body', form: 'multipart/form-data' }[destination]
  const parts: string[] = []
  for (const arg of row.args) {
    const name = arg.replace(/^\.\.\./, '').replace(/[[\]?]/g, '')
    if (arg.endsWith('[]') || arg.endsWith('[]?')) parts.push(`\`${name}\` → ${where} (an array)`)
    else if (arg.startsWith('...')) parts.push(`\`${name}\` → ${where}`)
    else if (!pathParams.has(name)) parts.push(`\`${name}\` → ${where} \`${snakeCase(name)}\``)
  }
  if (row.query?.length) parts.push(`${row.query.map((key) => `\`${key}\``).join(', ')} → query`)
  if (row.deep) parts.push('nested keys snake_cased too')
  for (const [key, value] of Object.entries(row.defaults ?? {}))
    parts.push(`\`${key}\` defaults to \`${JSON.stringify(value)}\``)
  for (const [key, value] of Object.entries(row.whenOmitted ?? {})) {
    parts.push(`without params: \`{ ${key}: ${JSON.stringify(value)} }\``)
  }
  return parts.join('; ')
}

function groupNotes(options: GroupOptions): string[] {
  const notes: string[] = []
  if (options.versionless)
    notes.push('Paths sit directly under the API URL, without `/v1` (as Clerk serves these endpoints).')
  if (options.auth === 'machine') {
    notes.push(
      'Sent with a machine secret key: the call’s `machineSecretKey`, else the `machineSecretKey` option, else the secret key.',
    )
  }
  if (options.auth === 'optional') notes.push('No secret key needed: sent without `Authorization` when there is none.')
  return notes
}

function methodList(): string {
  const sections = Object.values(API_GROUPS).map((group) => {
    const rows = Object.entries(group.endpoints as Record<string, Row>).map(([name, row]) =>
      [signature(name, row), requestText(row, group.options), sendsText(row), returnsText(row.returns), row.note ?? '']
        .map((cell) => cell.replace(/\|/g, '\\|'))
        .join(' | '),
    )
    return [
      `### \`${group.name}\` (${group.className})`,
      '',
      ...groupNotes(group.options).flatMap((note) => [note, '']),
      '| method | request | arguments sent | resolves to | |',
      '| --- | --- | --- | --- | --- |',
      ...rows.map((row) => `| ${row} |`),
    ].join('\n')
  })
  const count = Object.values(API_GROUPS).reduce((sum, group) => sum + Object.keys(group.endpoints).length, 0)
  return [
    START,
    '',
    `${count} methods in ${Object.keys(API_GROUPS).length} groups, as \`@clerk/backend\` 3 names them.`,
    '',
    ...sections.flatMap((section) => [section, '']),
    END,
  ].join('\n')
}

describe('docs/api-client.md lists the methods of the endpoint tables', () => {
  it('the generated list is the one in the doc', () => {
    const doc = readFileSync(DOC, 'utf8')
    const start = doc.indexOf(START)
    const end = doc.indexOf(END)
    const current = start === -1 || end === -1 ? '' : doc.slice(start, end + END.length)
    const generated = methodList()
    if (process.env.UPDATE_DOCS && current !== generated) {
      const updated = start === -1 ? `${doc.trimEnd()}\n\n${generated}\n` : doc.replace(current, generated)
      writeFileSync(DOC, updated)
      return
    }
    expect(current, 'run UPDATE_DOCS=1 npx vitest run test/crossCutting/docs/apiClientMethods.test.ts').toBe(generated)
  })

  it('each group is declared under its client property', () => {
    for (const [property, group] of Object.entries(API_GROUPS)) expect(group.name).toBe(property)
  })
})
