// Tests are found by path: the test of `<package>/src/<path>/<name>.ts` is `<package>/test/<path>/<name>.test.ts` (or
// `<name>.<aspect>.test.ts`, e.g. `<name>.property.test.ts`). A source file without one must be listed, with the suites
// that cover it, in the package's "covered elsewhere" list (testsByPath.test.ts). This module finds what breaks that
// rule, for any package folder, so that the root and local/ run the same check and a fixture can show that it fails.
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Paths under `src/` (a file, or a folder ending in `/` for every file under it that has no test of its own) → the
 * suites that cover them and how, naming each suite by its path from the package folder (`test/….test.ts`).
 */
export type CoveredElsewhere = Readonly<Record<string, string>>

/** Every file under `dir` but installed packages (the runtimes' app has its own), as paths relative to `dir`. */
function filesUnder(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory())
      return entry.name === 'node_modules' ? [] : filesUnder(join(dir, entry.name), `${prefix}${entry.name}/`)
    return entry.isFile() ? [`${prefix}${entry.name}`] : []
  })
}

/** The source files that need a test: TypeScript modules, not declaration files (`env.d.ts` holds no code). */
function sourceFiles(packageDir: string): string[] {
  return filesUnder(join(packageDir, 'src'))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .sort()
}

/** `auth/has.ts` → does `test/auth/has.test.ts` or `test/auth/has.<aspect>.test.ts` exist? */
function hasMirroredTest(source: string, tests: ReadonlySet<string>): boolean {
  const stem = source.slice(0, -'.ts'.length)
  return (
    tests.has(`${stem}.test.ts`) || [...tests].some((test) => test.startsWith(`${stem}.`) && test.endsWith('.test.ts'))
  )
}

/**
 * What breaks the rule in the package at `packageDir`, one sentence each saying what to do; empty when nothing does.
 * `listName` is how the sentences name the package's list (e.g. `ROOT_COVERED_ELSEWHERE in test/crossCutting/testsByPath.test.ts`).
 */
export function testsByPathProblems(packageDir: string, covered: CoveredElsewhere, listName: string): string[] {
  const sources = sourceFiles(packageDir)
  const tests = new Set(filesUnder(join(packageDir, 'test')).filter((file) => file.endsWith('.test.ts')))
  const untested = sources.filter((source) => !hasMirroredTest(source, tests))
  const listedFor = (source: string) =>
    Object.keys(covered).find((entry) => (entry.endsWith('/') ? source.startsWith(entry) : source === entry))
  const problems: string[] = []

  for (const source of untested) {
    if (listedFor(source) !== undefined) continue
    const stem = source.slice(0, -'.ts'.length)
    problems.push(
      `src/${source} has no test at test/${stem}.test.ts: write that test, or, if other suites cover it, add ` +
        `'${source}': '<the suites (test/….test.ts) and what they cover of it>' to ${listName}.`,
    )
  }
  for (const [entry, suites] of Object.entries(covered)) {
    const under = entry.endsWith('/')
      ? sources.filter((source) => source.startsWith(entry))
      : sources.filter((source) => source === entry)
    if (under.length === 0) {
      problems.push(
        `${listName} lists '${entry}', which is no file or folder under src/ any more: remove or rename the entry.`,
      )
    } else if (!under.some((source) => untested.includes(source))) {
      problems.push(
        `${listName} lists '${entry}', but ${entry.endsWith('/') ? 'every file under it has' : 'it has'} its own test now: remove the entry.`,
      )
    }
    const named = suites.match(/test\/[\w./-]+\.test\.ts/g) ?? []
    if (named.length === 0)
      problems.push(`${listName}: the entry '${entry}' names no suite (test/….test.ts) that covers it.`)
    for (const suite of named) {
      if (!existsSync(join(packageDir, suite))) {
        problems.push(
          `${listName}: the entry '${entry}' names ${suite}, which does not exist: name the suite that covers it now.`,
        )
      }
    }
  }
  return problems
}
