// docs/porting.md's install commands, run as written (plus flags that keep a test off the network and off a compiler):
// `npm pack` of both packages in the repository, then into a new app either the two tarballs or the repository's
// folders with --install-links. Each way leaves the built packages, and nothing else of the repository, in the app.
import { lstatSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { basename, join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT, type Tarballs, installFromCache, newApp, npm, packBoth } from '../packaging/packedPackages.js'

const guide = readFileSync(join(ROOT, 'docs', 'porting.md'), 'utf8')

const apps: string[] = []
afterAll(() => {
  for (const dir of apps) rmSync(dir, { recursive: true, force: true })
})

/** The guide says `command` on a line of its own; the test runs it with this machine's paths. */
function guideSays(command: string): void {
  expect(guide).toContain(`\n${command}\n`)
}

/** What an app got of a package: its files, which must be the built ones only. */
const filesOf = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort()

function expectBuiltPackages(app: string): void {
  const root = filesOf(join(app, 'node_modules', 'remix-clerk'))
  const local = filesOf(join(app, 'node_modules', 'remix-clerk-local'))
  expect(root).toEqual(
    expect.arrayContaining([
      'package.json',
      'README.md',
      'dist/ssr.server.js',
      'dist/api.server.cjs',
      'dist/ssr.server.d.ts',
    ]),
  )
  expect(local).toEqual(
    expect.arrayContaining(['package.json', 'bin/remix-clerk-local.js', 'dist/cli.js', 'dist/index.d.cts']),
  )
  // Only what package.json `files` names: no sources, tests or the other workspace.
  expect(
    [...root, ...local].filter((file) => !/^(?:dist\/|bin\/|package\.json$|README\.md$|LICENSE$)/.test(file)),
  ).toEqual([])
}

describe("docs/porting.md's install commands", () => {
  let tarballs: Tarballs
  beforeAll(async () => {
    guideSays('npm pack --include-workspace-root --workspace local')
    tarballs = await packBoth()
  }, 120_000)

  it('packs remix-clerk-<version>.tgz and remix-clerk-local-<version>.tgz', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }
    expect([basename(tarballs.root), basename(tarballs.local)]).toEqual([
      `remix-clerk-${version}.tgz`,
      `remix-clerk-local-${version}.tgz`,
    ])
    expect(guide).toContain(`remix-clerk-${version}.tgz`)
  })

  // npm installs from its cache: seconds on a quiet machine, much more on a busy one; what is tested is the result.
  it(
    'installs the tarballs: remix-clerk as a dependency, remix-clerk-local as a devDependency with its command',
    { timeout: 120_000 },
    async () => {
      const app = newApp('remix-clerk-port-tarballs-')
      apps.push(app)
      // The guide's `../remix-clerk/` is a clone next to the app; here the folder the tarballs were packed into.
      guideSays('npm install ../remix-clerk/remix-clerk-0.1.0.tgz')
      guideSays('npm install --save-dev ../remix-clerk/remix-clerk-local-0.1.0.tgz')
      await installFromCache(app, [tarballs.root])
      await installFromCache(app, ['--save-dev', tarballs.local])

      const manifest = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')) as Record<
        string,
        Record<string, string>
      >
      expect(manifest.dependencies).toEqual({ 'remix-clerk': `file:${relative(app, tarballs.root)}` })
      expect(manifest.devDependencies).toEqual({ 'remix-clerk-local': `file:${relative(app, tarballs.local)}` })
      expectBuiltPackages(app)
      // `npx remix-clerk-local` finds the command.
      expect(await npm(app, ['exec', '--offline', '--', 'remix-clerk-local', '--help'])).toContain(
        'Usage: remix-clerk-local <command> [options]',
      )
    },
  )

  it(
    "installs the repository's folders with --install-links: copies, not links, also at the next npm install",
    { timeout: 120_000 },
    async () => {
      const app = newApp('remix-clerk-port-folders-')
      apps.push(app)
      guideSays('npm install --install-links ../remix-clerk')
      guideSays('npm install --install-links --save-dev ../remix-clerk/local')
      guideSays('echo install-links=true >> .npmrc')
      await installFromCache(app, ['--install-links', ROOT])
      await installFromCache(app, ['--install-links', '--save-dev', join(ROOT, 'local')])
      writeFileSync(join(app, '.npmrc'), 'install-links=true\n')
      await installFromCache(app, [])

      for (const name of ['remix-clerk', 'remix-clerk-local']) {
        expect(lstatSync(join(app, 'node_modules', name)).isSymbolicLink(), name).toBe(false)
      }
      expectBuiltPackages(app)
      // The packages' dependencies are the app's own, not the clone's.
      expect(lstatSync(join(app, 'node_modules', 'jose')).isDirectory()).toBe(true)
      expect(lstatSync(join(app, 'node_modules', 'better-sqlite3')).isDirectory()).toBe(true)
    },
  )
})
