// docs/errors.md cannot drift from the code: the codes it lists are exactly the ones the sources declare, every declared
// code is thrown somewhere in the sources, a test makes each of them happen (it names the code in an assertion), and
// the signed-out reasons it lists are exactly the values getAuth reports.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AuthErrorReason } from '../../../src/auth/requestState.js'
import { TokenVerificationErrorReason } from '../../../src/jwt/reasons.js'

const ROOT = join(import.meta.dirname, '..', '..', '..')
const DOC = readFileSync(join(ROOT, 'docs', 'errors.md'), 'utf8')
const SELF = relative(ROOT, import.meta.filename)

function sourceFiles(dir: string, pattern: RegExp): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => pattern.test(name) && !name.split('/').includes('node_modules'))
    .map((name) => join(dir, name))
}

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8')
const unique = (values: Iterable<string>) => [...new Set(values)].sort()
const matches = (text: string, pattern: RegExp) => unique([...text.matchAll(pattern)].map((match) => match[1]!))

/** The members of a union type alias, on its line (`= 'a' | 'b'`) or one per line below it (`=\n  | 'a'\n  | 'b'`). */
function unionMembers(file: string, name: string): string[] {
  const text = read(file)
  const start = text.indexOf(`export type ${name} =`)
  if (start === -1) throw new Error(`${name} not found in ${file}`)
  // The union runs until the next line that starts a declaration (its own lines are indented, however formatted).
  const union = text
    .slice(start)
    .split(/\n(?=\S)/)[0]!
    .replace(/\/\/.*$/gm, '')
  return matches(union, /'([^']+)'/g)
}

/** Where each code is written outside `except`. */
function usedIn(files: readonly string[], codes: readonly string[], except: string): Record<string, string[]> {
  const texts = files.filter((file) => file !== except).map((file) => [file, read(file)] as const)
  return Object.fromEntries(
    codes.map((code) => [
      code,
      texts.filter(([, text]) => new RegExp(`\\b${code}\\b`).test(text)).map(([file]) => file),
    ]),
  )
}

/** The codes of the tables indented under a bullet of the api.server section. */
const clientTableCodes = () =>
  matches(section('`remix-clerk/api.server`: the Backend API client'), /^ {2}\| `([a-z_]+)` \|/gm).filter(
    (code) => code !== 'code',
  )

const section = (heading: string) => {
  const start = DOC.indexOf(`\n## ${heading}`)
  if (start === -1) throw new Error(`docs/errors.md has no section "${heading}"`)
  const end = DOC.indexOf('\n## ', start + 1)
  return DOC.slice(start, end === -1 ? undefined : end)
}

const ROOT_SOURCES = sourceFiles('src', /\.ts$/)
const LOCAL_SOURCES = sourceFiles('local/src', /\.ts$/)
const TESTS = [...sourceFiles('test', /\.tsx?$/), ...sourceFiles('local/test', /\.tsx?$/)].filter(
  (file) => file !== SELF,
)

const families = [
  {
    name: 'RemixClerkError',
    declared: unionMembers('src/shared/remixClerkError.ts', 'RemixClerkErrorCode'),
    declaredIn: 'src/shared/remixClerkError.ts',
    sources: ROOT_SOURCES,
    documented: matches(DOC, /`(REMIX_CLERK_(?!LOCAL_)[A-Z_]+)`/g),
  },
  {
    name: 'LocalClerkError',
    declared: unionMembers('local/src/shared/errors.ts', 'LocalClerkErrorCode'),
    declaredIn: 'local/src/shared/errors.ts',
    sources: LOCAL_SOURCES,
    documented: matches(DOC, /`(REMIX_CLERK_LOCAL_[A-Z_]+)`/g),
  },
  {
    name: 'ClerkClientError',
    declared: unionMembers('src/backend/errors.ts', 'ClerkClientErrorCode'),
    declaredIn: 'src/backend/errors.ts',
    sources: ROOT_SOURCES,
    documented: clientTableCodes().filter(
      (code) => !unionMembers('src/backend/errors.ts', 'ClientSideErrorCode').includes(code),
    ),
  },
  {
    name: "ClerkAPIResponseError's own errors[0].code",
    declared: unionMembers('src/backend/errors.ts', 'ClientSideErrorCode'),
    declaredIn: 'src/backend/errors.ts',
    sources: ROOT_SOURCES,
    documented: clientTableCodes().filter((code) =>
      unionMembers('src/backend/errors.ts', 'ClientSideErrorCode').includes(code),
    ),
  },
]

describe('docs/errors.md', () => {
  it.each(families)('lists exactly the codes of $name', ({ declared, documented }) => {
    expect(declared.length).toBeGreaterThan(2)
    expect(documented).toEqual(declared)
  })

  it.each(families)('every code of $name is thrown by the sources', ({ declared, declaredIn, sources }) => {
    const unused = Object.entries(usedIn(sources, declared, declaredIn)).filter(([, files]) => files.length === 0)
    expect(unused.map(([code]) => code)).toEqual([])
  })

  it.each(families)('every code of $name is made to happen by a test', ({ declared }) => {
    // Lower-case codes are common words (`timeout`): count them only as a quoted string.
    const untested = declared.filter((code) => {
      const pattern = /^[a-z_]+$/.test(code) ? new RegExp(`['"\`]${code}['"\`]`) : new RegExp(`\\b${code}\\b`)
      return !TESTS.some((file) => pattern.test(read(file)))
    })
    expect(untested).toEqual([])
  })

  it('lists exactly the signed-out reasons getAuth reports', () => {
    const lists = section('Signed-out reasons').slice(section('Signed-out reasons').indexOf('Token reasons'))
    const listed = matches(lists, /`([a-z][a-z-]+)`/g).filter((value) => value.includes('-'))
    expect(listed).toEqual(unique([...Object.values(AuthErrorReason), ...Object.values(TokenVerificationErrorReason)]))
  })
})
