// Where every figure of the docs lives, and how the docs quote it. A figure (a measured time, ratio, percentage, size
// or duration) has one home: bench/results.md, which `npm run bench` writes, for the benchmarks; docs/measurements.md
// for what the benchmarks do not measure (installs, one-off A/B runs); test/crossCutting/conformance/expectations.md for the
// conformance suite's case counts; the generated method list of docs/api-client.md for the client's size. A doc quotes a figure as
// `<!-- figure:NAME -->text<!-- /figure -->`, and test/crossCutting/docs/figures.test.ts fails when the text is not the home's.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..')
export const RESULTS = 'bench/results.md'
export const MEASUREMENTS = 'docs/measurements.md'
/** Its method list is generated from the client's endpoint tables (test/crossCutting/docs/apiClientMethods.test.ts). */
const CLIENT_METHODS = 'docs/api-client.md'
/** Written by the conformance suite (`-u`): its case counts are figures too. */
const CONFORMANCE = 'test/crossCutting/conformance/expectations.md'

/** A quoted figure: `<!-- figure:NAME -->text<!-- /figure -->` (the text may not contain `<`). */
export const QUOTE = /<!-- figure:([\w.-]+) -->([^<]*)<!-- \/figure -->/g
/** Where docs/measurements.md states a figure: `<!-- define:NAME -->text<!-- /define -->`. */
const DEFINE = /<!-- define:([\w.-]+) -->([^<]*)<!-- \/define -->/g

/** One `## N.` benchmark's `### …` part of results.md: its prose and its tables (rows by their first cell). */
interface Part {
  text: string
  tables: Array<{ header: string[]; rows: Map<string, string[]> }>
}

function parseResults(markdown: string): Map<string, Part> {
  const parts = new Map<string, Part>()
  let benchmark = ''
  let current: Part | undefined
  let table: Part['tables'][number] | undefined
  for (const line of markdown.split('\n')) {
    const h2 = /^## (\S+)/.exec(line)
    const h3 = /^### (.*)$/.exec(line)
    if (h2) benchmark = h2[1]!
    if (h2 || h3) {
      current = h3 ? { text: '', tables: [] } : undefined
      if (h3) parts.set(`${benchmark} ${h3[1]}`, current!)
      table = undefined
    } else if (current && line.startsWith('|')) {
      const cells = line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim())
      if (!table) current.tables.push((table = { header: cells, rows: new Map() }))
      else if (!cells.every((cell) => /^-+:?$/.test(cell))) table.rows.set(cells[0]!, cells)
    } else if (current) {
      table = undefined
      current.text += `${line}\n`
    }
  }
  return parts
}

type Extract = (parts: Map<string, Part>, markdown: string) => string

/** The part whose key (`1. Networkless: …`) starts with `prefix`; exactly one must. */
function part(parts: Map<string, Part>, prefix: string): Part {
  const found = [...parts].filter(([key]) => key.startsWith(prefix))
  if (found.length !== 1) throw new Error(`${RESULTS}: ${found.length} parts start with "${prefix}", expected one.`)
  return found[0]![1]
}

/** A table cell of a part, by its row's first cell and its column's heading, with `unit` appended. */
const cell =
  (prefix: string, row: string, column: string, unit = ''): Extract =>
  (parts) => {
    for (const table of part(parts, prefix).tables) {
      const index = table.header.indexOf(column)
      const value = table.rows.get(row)?.[index]
      if (index >= 0 && value) return `${value}${unit}`
    }
    throw new Error(`${RESULTS}: no cell "${row}" × "${column}" under "${prefix}".`)
  }

/** The first group of `pattern` in a part's prose, with `unit` appended. */
const prose =
  (prefix: string, pattern: RegExp, unit = ''): Extract =>
  (parts) => {
    const match = pattern.exec(part(parts, prefix).text)
    if (!match) throw new Error(`${RESULTS}: ${String(pattern)} does not match the text under "${prefix}".`)
    return `${match[1]}${unit}`
  }

const NETWORKLESS = '1. Networkless'
const JWKS = '1. Warm JWKS'
const WITHOUT_REQUEST = 'µs/op without the Request'
const OURS_LOADERS = 'ours: getAuth + getToken({ template })'
const REMIX_LOADERS = '@clerk/remix getAuth + getToken({ template })'

function getAuthFigures(prefix: string, name: string): Record<string, Extract> {
  return {
    [`${name}.floor`]: cell(
      prefix,
      'floor: one node:crypto.verify of the token, cached KeyObject (no Request)',
      'µs/op',
      ' µs',
    ),
    [`${name}.jose`]: cell(prefix, 'bare jose.jwtVerify, pre-imported key', WITHOUT_REQUEST, ' µs'),
    [`${name}.first`]: cell(prefix, 'ours: token seen for the first time', WITHOUT_REQUEST, ' µs'),
    [`${name}.seen`]: cell(prefix, 'ours: token seen before, new Request', WITHOUT_REQUEST, ' µs'),
    [`${name}.sameRequest`]: cell(prefix, 'ours: same Request again', 'µs/op', ' µs'),
    [`${name}.clerkRemix`]: cell(prefix, '@clerk/remix getAuth', WITHOUT_REQUEST, ' µs'),
    [`${name}.first.vsFloor`]: prose(prefix, /first-seen token (\S+×)/),
    [`${name}.first.vsJose`]: prose(prefix, /the floor \(target[^)]*\) and (\S+×)/),
    [`${name}.seen.vsJose`]: prose(prefix, /token seen before (\S+×)/),
    [`${name}.clerkRemix.vsFirst`]: prose(prefix, /@clerk\/remix takes (\S+×)/),
  }
}

function loaderFigures(): Record<string, Extract> {
  const figures: Record<string, Extract> = {}
  for (const [token, heading] of [
    ['new', 'a new token'],
    ['same', 'the same token'],
  ] as const) {
    for (const n of [1, 4, 16]) {
      const prefix = `2. ${n} nested loader${n === 1 ? '' : 's'}, ${heading}`
      const name = `loaders.${n}.${token}`
      figures[`${name}.vsClerkRemix`] = prose(prefix, /Ours takes (\S+×)/)
      figures[`${name}.ours`] = cell(prefix, OURS_LOADERS, 'µs/request', ' µs')
      figures[`${name}.clerkRemix`] = cell(prefix, REMIX_LOADERS, 'µs/request', ' µs')
      figures[`${name}.ours.calls`] = cell(prefix, OURS_LOADERS, 'Backend API calls per request')
      figures[`${name}.clerkRemix.calls`] = cell(prefix, REMIX_LOADERS, 'Backend API calls per request')
      figures[`${name}.ours.checks`] = cell(prefix, OURS_LOADERS, 'signature verifications per request')
    }
  }
  return figures
}

function mintingFigures(): Record<string, Extract> {
  const figures: Record<string, Extract> = {}
  const rows = {
    floor: 'floor: node:crypto.sign, same key and payload',
    jose: 'bare jose.SignJWT, same key and payload',
    minter: 'localClerk.getToken() (minter only)',
    fetch: 'localClerk.fetch(Request) (in process)',
    http: 'HTTP to the server in another process',
    ceiling: 'ceiling: the floor behind node:http in another process',
  }
  for (const claims of [10, 100, 1000]) {
    const prefix = `4. Template of ${claims} claims`
    for (const [name, row] of Object.entries(rows)) {
      figures[`minting.${claims}.${name}`] = cell(prefix, row, 'tokens per CPU-second vs the floor')
    }
    figures[`minting.${claims}.floor.cpu`] = cell(prefix, rows.floor, 'CPU µs/token of the minting process', ' µs')
    figures[`minting.${claims}.http.vsCeiling`] = prose(prefix, /mints (\d+ %) \(p25/)
  }
  return figures
}

/** Every figure of bench/results.md that a doc may quote, by name. */
const FROM_RESULTS: Record<string, Extract> = {
  'bench.commit': (_parts, markdown) => {
    const match = /^- Commit: (\S+)/m.exec(markdown)
    if (!match) throw new Error(`${RESULTS}: no "- Commit:" line.`)
    return match[1]!
  },
  ...getAuthFigures(NETWORKLESS, 'getAuth'),
  ...getAuthFigures(JWKS, 'getAuth.jwks'),
  'getAuth.cacheBytesPerToken': prose(NETWORKLESS, /keeps ([\d ]+) bytes per token/, ' bytes'),
  ...loaderFigures(),
  'getToken.client': cell('3. Sequential', 'createClerkClient().sessions.getToken()', 'µs/op', ' µs'),
  'getToken.fetch': cell('3. Sequential', 'bare fetch + response.json()', 'µs/op', ' µs'),
  'getToken.vsFetch': cell('3. Sequential', 'createClerkClient().sessions.getToken()', 'time vs baseline (median)'),
  'getToken.concurrent': cell('3. 32 concurrent', '32 × getToken()', 'µs/batch', ' µs'),
  'getToken.concurrent.fetch': cell('3. 32 concurrent', '32 × bare fetch', 'µs/batch', ' µs'),
  'getToken.concurrent.vsFetch': cell('3. 32 concurrent', '32 × getToken()', 'time vs baseline (median)'),
  ...mintingFigures(),
  'package.size': cell('5. Installed', 'remix-clerk@0.1.0', 'on disk (du)'),
  'package.dependencies': cell('5. Installed', 'remix-clerk@0.1.0', 'dependencies'),
  'package.clerkRemix.size': cell('5. Installed', '@clerk/remix@4.13.49', 'on disk (du)'),
  'package.clerkRemix.dependencies': cell('5. Installed', '@clerk/remix@4.13.49', 'dependencies'),
  'package.vsClerkRemix': cell('5. Installed', 'remix-clerk@0.1.0', 'on disk vs baseline'),
  'import.ssr': cell('5. Cold import', '`remix-clerk/ssr.server`', 'import (median)'),
  'import.api': cell('5. Cold import', '`remix-clerk/api.server`', 'import (median)'),
  'import.clerkRemix.ssr': cell('5. Cold import', '`@clerk/remix/ssr.server`', 'import (median)'),
  'import.clerkRemix.api': cell('5. Cold import', '`@clerk/remix/api.server`', 'import (median)'),
  'import.ssr.vsClerkRemix': cell('5. Cold import', '`remix-clerk/ssr.server`', 'time vs baseline (median)'),
  'import.api.vsClerkRemix': cell('5. Cold import', '`remix-clerk/api.server`', 'time vs baseline (median)'),
}

/** Every figure a doc may quote, by name, with the file it comes from. */
export function readFigures(): Map<string, { value: string; home: string }> {
  const figures = new Map<string, { value: string; home: string }>()
  const results = readFileSync(join(ROOT, RESULTS), 'utf8')
  const parts = parseResults(results)
  for (const [name, extract] of Object.entries(FROM_RESULTS))
    figures.set(name, { value: extract(parts, results), home: RESULTS })
  const expectations = readFileSync(join(ROOT, CONFORMANCE), 'utf8')
  const sameVerdict = /^\| same verdict[^|]*\| (\d+) \| (\d+) \|$/m.exec(expectations)
  const cases = /^(\d+) cases\.$/m.exec(expectations)
  if (!sameVerdict || !cases) throw new Error(`${CONFORMANCE}: no case count or no "same verdict" row.`)
  figures.set('conformance.cases', { value: cases[1]!, home: CONFORMANCE })
  figures.set('conformance.sameVerdict.remix4', { value: sameVerdict[1]!, home: CONFORMANCE })
  figures.set('conformance.sameVerdict.backend3', { value: sameVerdict[2]!, home: CONFORMANCE })
  const methods = /^(\d+) methods in (\d+) groups/m.exec(readFileSync(join(ROOT, CLIENT_METHODS), 'utf8'))
  if (!methods) throw new Error(`${CLIENT_METHODS}: no generated "N methods in M groups" line.`)
  figures.set('client.methods', { value: methods[1]!, home: CLIENT_METHODS })
  figures.set('client.groups', { value: methods[2]!, home: CLIENT_METHODS })
  for (const match of readFileSync(join(ROOT, MEASUREMENTS), 'utf8').matchAll(DEFINE)) {
    if (figures.has(match[1]!)) throw new Error(`${MEASUREMENTS}: the figure ${match[1]} is defined twice.`)
    figures.set(match[1]!, { value: match[2]!, home: MEASUREMENTS })
  }
  return figures
}
