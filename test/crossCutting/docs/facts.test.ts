// Lines of the docs that state what the code or the lock file decides, checked against it: the runtime versions
// docs/runtimes.md says are tested, the ClerkJS and @clerk/ui versions `clerk-js install` pins, and the options of
// `remix-clerk-local` (its --help) that local/README.md lists. Each of these went stale once.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from './figures.js'
import { findFile } from './repositoryFiles.js'

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8')
const version = (packageJson: string) => (JSON.parse(read(packageJson)) as { version: string }).version

describe('docs/runtimes.md names the versions the runtime suites run', () => {
  const doc = read('docs/runtimes.md')
  const appDependencies = (
    JSON.parse(read('test/crossCutting/runtimes/app/package.json')) as { dependencies: Record<string, string> }
  ).dependencies

  it.each([
    ['Deno', version('node_modules/deno/package.json')],
    ['Bun', version('node_modules/bun/package.json')],
    ['workerd', version('node_modules/workerd/package.json')],
    ['Miniflare', version('node_modules/miniflare/package.json')],
    ['React Router', appDependencies['react-router']!],
  ])('%s %s', (name, installed) => {
    const stated = [...doc.matchAll(new RegExp(`${name}(?: \\|)? (\\d[\\w.-]*\\d)`, 'g'))].map((match) => match[1])
    expect(stated.length, `docs/runtimes.md names no ${name} version`).toBeGreaterThan(0)
    expect(new Set(stated)).toEqual(new Set([installed]))
  })

  it('the oldest Node is the one package.json supports', () => {
    const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node.replace('>=', '')
    expect(doc).toContain(`| Node | ${engines}+`)
    expect(read('README.md')).toContain(`Node ${engines}+`)
  })
})

describe('local/README.md names the ClerkJS versions clerk-js install pins', () => {
  const releasesFile = findFile('local/src/clerkJsReleases.ts')
  const pinned = releasesFile ? [...read(releasesFile).matchAll(/version: '([^']+)'/g)].map((match) => match[1]!) : []

  it('the pinned versions are the ones it names', () => {
    expect(pinned.length, 'local/src/clerkJsReleases.ts: no pinned versions found').toBe(3)
    const [clerkJs5, clerkJs6, clerkUi] = pinned
    const doc = read('local/README.md')
    expect(doc).toContain(`# ClerkJS ${clerkJs5}: what @clerk/remix 4`)
    expect(doc).toContain(`# ClerkJS ${clerkJs6} and @clerk/ui ${clerkUi}`)
    expect(doc).toContain(`\`@clerk/clerk-js\` ${clerkJs6} with \`@clerk/ui\` ${clerkUi} is tested`)
  })
})

describe('local/README.md lists the options of remix-clerk-local --help', () => {
  const bin = join(ROOT, 'local/bin/remix-clerk-local.js')
  const built = existsSync(join(ROOT, 'local/dist/cli.js'))
  const flags = (text: string) => new Set([...text.matchAll(/(?<![\w-])--[a-z][\w-]*/g)].map((match) => match[0]))

  it.runIf(built)(
    'every option of --help is in local/README.md, and every option of its `start` list is in --help',
    () => {
      const help = flags(execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' }))
      const doc = read('local/README.md')
      const startList = /^`start` options: [\s\S]*?\n\n/m.exec(doc)?.[0] ?? ''
      expect(
        [...help].filter((flag) => !flags(doc).has(flag) && flag !== '--help'),
        'not in local/README.md',
      ).toEqual([])
      expect(
        [...flags(startList)].filter((flag) => !help.has(flag)),
        'in the `start` options of local/README.md, not in --help',
      ).toEqual([])
      expect(
        [...help].filter((flag) => flag !== '--help' && !startList.includes(flag)),
        'not in the `start` options list',
      ).toEqual([])
    },
  )

  it('runs against the built CLI (npm run build)', () => {
    expect(built, 'local/dist/cli.js is missing: run npm run build').toBe(true)
  })
})
