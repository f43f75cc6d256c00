// `remix-clerk-local clerk-js install` against a registry of our own on 127.0.0.1 (npm's packument and tarball routes,
// under a path as mirrors serve them): a good tarball is checked and only its dist/ and package.json land in the
// cache, a tampered one or one that differs from a pinned release is refused, a missing version is named, the user's
// npm configuration chooses the registry, and the backend then serves the cached copy.
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { create as createTar } from 'tar'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { findServedBundles } from '../../src/clerkJsBundles/clerkJsBundle.js'
import { createLocalClerk } from '../../src/index.js'

const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'cli.js')
const work = mkdtempSync(join(tmpdir(), 'local-clerk-install-'))
const nowhere = [join(work, 'no-app', 'package.json')]

/** A package tarball as npm publishes it: everything under `package/`, a symlink and files outside dist/ included. */
async function packageTarball(name: string, version: string, entry: string): Promise<Buffer> {
  const source = mkdtempSync(join(work, 'source-'))
  mkdirSync(join(source, 'package', 'dist', 'types'), { recursive: true })
  writeFileSync(
    join(source, 'package', 'package.json'),
    JSON.stringify({ name, version, dependencies: { '@solana/web3.js': '^1' } }),
  )
  writeFileSync(join(source, 'package', 'README.md'), '# not needed\n')
  writeFileSync(join(source, 'package', 'dist', entry), `/* ${name}@${version} */ window.loaded = true\n`)
  writeFileSync(join(source, 'package', 'dist', `chunk_${version}.js`), '/* a chunk */\n')
  writeFileSync(join(source, 'package', 'dist', 'types', 'index.d.ts'), 'export {}\n')
  symlinkSync('/etc/passwd', join(source, 'package', 'dist', 'passwd.js'))
  return await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = []
    createTar({ gzip: true, cwd: source, portable: true }, ['package'])
      .on('data', (chunk: Buffer) => chunks.push(chunk))
      .on('end', () => resolve(Buffer.concat(chunks)))
      .on('error', reject)
  })
}

const sri = (bytes: Buffer) => `sha512-${createHash('sha512').update(bytes).digest('base64')}`

interface Published {
  name: string
  version: string
  tarball: Buffer
  /** What the packument claims; by default the tarball's own. */
  integrity?: string
  /** What the tarball route serves instead of `tarball`, as a broken proxy would. */
  served?: Buffer
}

let registry: Server
let registryUrl = ''
const published: Published[] = []
const requests: string[] = []

beforeAll(async () => {
  registry = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`)
    const url = new URL(request.url!, 'http://registry.test')
    // A mirror under a path, as Artifactory or Verdaccio behind a proxy serve one; npm's `%2f` in scoped names.
    const packument = /^\/npm\/(@clerk)%2[fF]([\w-]+)$/.exec(url.pathname)
    if (packument) {
      const name = `${packument[1]}/${packument[2]}`
      const versions = published.filter((entry) => entry.name === name)
      if (versions.length === 0)
        return response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}')
      const body = {
        name,
        'dist-tags': { latest: versions.at(-1)!.version },
        versions: Object.fromEntries(
          versions.map((entry) => [
            entry.version,
            {
              name,
              version: entry.version,
              dist: {
                integrity: entry.integrity ?? sri(entry.tarball),
                tarball: `${registryUrl}tarballs/${name}-${entry.version}.tgz`,
              },
            },
          ]),
        ),
      }
      return response
        .writeHead(200, { 'content-type': 'application/vnd.npm.install-v1+json' })
        .end(JSON.stringify(body))
    }
    const tarball = published.find((entry) => url.pathname === `/npm/tarballs/${entry.name}-${entry.version}.tgz`)
    if (tarball)
      return response
        .writeHead(200, { 'content-type': 'application/octet-stream' })
        .end(tarball.served ?? tarball.tarball)
    response.writeHead(404).end()
  })
  await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve))
  registryUrl = `http://127.0.0.1:${(registry.address() as AddressInfo).port}/npm/`

  const good = await packageTarball('@clerk/clerk-js', '5.900.0', 'clerk.browser.js')
  published.push(
    { name: '@clerk/clerk-js', version: '5.900.0', tarball: good },
    { name: '@clerk/ui', version: '1.900.0', tarball: await packageTarball('@clerk/ui', '1.900.0', 'ui.browser.js') },
    // The registry's integrity is the good tarball's, but what arrives was changed on the way.
    {
      name: '@clerk/clerk-js',
      version: '5.901.0',
      tarball: good,
      served: Buffer.concat([good, Buffer.from('tampered')]),
    },
    // Consistent with itself, but not the 5.128.0 that remix-clerk-local pins.
    {
      name: '@clerk/clerk-js',
      version: '5.128.0',
      tarball: await packageTarball('@clerk/clerk-js', '5.128.0', 'clerk.browser.js'),
    },
  )
})
afterAll(async () => {
  await new Promise((resolve) => registry.close(resolve))
  rmSync(work, { recursive: true, force: true })
})

let cache = ''
beforeEach(() => {
  cache = mkdtempSync(join(work, 'cache-'))
  requests.length = 0
})

/** The command as a user runs it, in `cwd`, with npm's configuration from `env` (and from `cwd`'s .npmrc). */
function install(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    REMIX_CLERK_LOCAL_CACHE: cache,
    npm_config_registry: registryUrl,
    ...options.env,
  }
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name]
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [CLI, 'clerk-js', 'install', ...args],
      { cwd: options.cwd ?? work, env, encoding: 'utf8' },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    )
  })
}

/** Every file under `dir`, relative, symlinks included. */
function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  )
}

describe('remix-clerk-local clerk-js install', () => {
  it('downloads the tarball, checks it, keeps only dist/ and package.json, and the backend serves the cached copy', async () => {
    const result = await install(['5.900.0', '@clerk/ui@1.900.0'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const dir = join(cache, '@clerk', 'clerk-js@5.900.0')
    expect(result.stdout).toContain(`@clerk/clerk-js@5.900.0: downloaded (0.0 MB, integrity checked) into ${dir}\n`)
    expect(result.stdout).toContain(`@clerk/ui@1.900.0: downloaded`)
    // No README, no symlink (it pointed at /etc/passwd), nothing of the dependency tree; no staging folder left.
    expect(listFiles(dir).sort()).toEqual([
      'dist/chunk_5.900.0.js',
      'dist/clerk.browser.js',
      'dist/types/index.d.ts',
      'package.json',
    ])
    expect(readdirSync(join(cache, '@clerk')).sort()).toEqual(['clerk-js@5.900.0', 'ui@1.900.0'])
    expect(requests).toEqual(
      expect.arrayContaining([
        'GET /npm/@clerk%2fclerk-js',
        'GET /npm/@clerk%2fui',
        'GET /npm/tarballs/@clerk/clerk-js-5.900.0.tgz',
        'GET /npm/tarballs/@clerk/ui-1.900.0.tgz',
      ]),
    )

    // The lookup: nothing installed next to the app, so the cached ClerkJS is the one CLERK_JS names.
    const { clerkJs, bundles } = findServedBundles(nowhere, cache)
    expect(clerkJs).toMatchObject({ name: '@clerk/clerk-js', version: '5.900.0', distDir: join(dir, 'dist') })
    expect(bundles.map((bundle) => `${bundle.name}@${bundle.version}`)).toEqual([
      '@clerk/clerk-js@5.900.0',
      '@clerk/ui@1.900.0',
    ])
    expect([...clerkJs!.files].sort()).toEqual(['chunk_5.900.0.js', 'clerk.browser.js'])

    // A backend started with this cache serves it at Clerk's CDN paths.
    const previous = process.env.REMIX_CLERK_LOCAL_CACHE
    process.env.REMIX_CLERK_LOCAL_CACHE = cache
    const clerk = await createLocalClerk({ db: ':memory:', url: 'http://127.0.0.1:4000' }).finally(() => {
      if (previous === undefined) delete process.env.REMIX_CLERK_LOCAL_CACHE
      else process.env.REMIX_CLERK_LOCAL_CACHE = previous
    })
    try {
      // An installed @clerk/clerk-js would come first; this repository installs none.
      expect(clerk.clerkJsUrl).toBe('http://localhost:4000/npm/@clerk/clerk-js@5.900.0/dist/clerk.browser.js')
      const response = await clerk.fetch(new Request('http://127.0.0.1:4000/npm/@clerk/ui@1.900.0/dist/ui.browser.js'))
      expect(response.status).toBe(200)
      expect(await response.text()).toBe('/* @clerk/ui@1.900.0 */ window.loaded = true\n')
    } finally {
      await clerk.close()
    }

    // Once cached, the command asks the registry nothing.
    requests.length = 0
    const again = await install(['5.900.0'])
    expect(again.stdout).toContain(`@clerk/clerk-js@5.900.0: already in ${dir}\n`)
    expect(requests).toEqual([])
  })

  it('refuses a tarball that does not match the integrity the registry gives, and keeps nothing', async () => {
    const result = await install(['5.901.0'])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('remix-clerk-local: The tarball of @clerk/clerk-js@5.901.0 from')
    expect(result.stderr).toContain('does not match its integrity')
    expect(existsSync(join(cache, '@clerk')) ? readdirSync(join(cache, '@clerk')) : []).toEqual([])
  })

  it('refuses a tested release whose registry integrity is not the one remix-clerk-local pins', async () => {
    const result = await install(['5'])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(
      `gives @clerk/clerk-js@5.128.0 another integrity (${sri(published[3]!.tarball)}) than the one remix-clerk-local was tested with (sha512-aw8U`,
    )
    // Not even downloaded.
    expect(requests).not.toContain('GET /npm/tarballs/@clerk/clerk-js-5.128.0.tgz')
    expect(existsSync(join(cache, '@clerk', 'clerk-js@5.128.0'))).toBe(false)
  })

  it('names a version the registry does not have, and the latest one it does', async () => {
    const result = await install(['@clerk/clerk-js@5.999.0'])
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(
      `remix-clerk-local: @clerk/clerk-js@5.999.0 is not on the registry ${registryUrl} (its latest is 5.128.0). [REMIX_CLERK_LOCAL_CLERK_JS_INSTALL_FAILED]\n`,
    )
  })

  it("takes the registry from the project's .npmrc (@clerk:registry), as npm would", async () => {
    const project = mkdtempSync(join(work, 'project-'))
    writeFileSync(join(project, '.npmrc'), `@clerk:registry=${registryUrl}\n`)
    // Without the .npmrc, npm's registry here is nowhere: only the project's setting can reach ours.
    const result = await install(['@clerk/ui@1.900.0'], {
      cwd: project,
      env: { npm_config_registry: 'http://127.0.0.1:9/' },
    })
    expect(result.stderr).toBe('')
    expect(result.stdout).toContain('@clerk/ui@1.900.0: downloaded')
  })

  it('refuses a version range or another package with a usage error', async () => {
    const result = await install(['^5'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(
      'cannot install "^5": give 5 or 6 (the tested releases), an exact ClerkJS version such as 5.128.0',
    )
    expect((await install(['@clerk/shared@3.0.0'])).code).toBe(2)
  })
})
