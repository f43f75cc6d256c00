// `remix-clerk-local clerk-js install`: puts the browser bundles of `@clerk/clerk-js` (and `@clerk/ui`) in the cache
// without their npm dependencies. Installing the packages with npm brings ~450 MB of wallet SDKs and React Native that
// the self-contained bundles never load; the tarball alone is a few megabytes, and only its `dist/` is kept.
import { randomUUID } from 'node:crypto'
import { mkdirSync, renameSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { extract } from 'tar'
import { CLERK_JS_PACKAGE, CLERK_UI_PACKAGE, EXACT_VERSION, readBundle } from './clerkJsBundle.js'
import { cachedPackageDir } from './clerkJsCache.js'
import { DEFAULT_RELEASE, type PackageVersion, RELEASES, pinnedIntegrity } from './clerkJsReleases.js'
import {
  type Packument,
  RegistryError,
  configuredRegistry,
  downloadTarball,
  fetchPackument,
  sha512Digests,
  showRegistry,
} from './npmRegistry.js'

const SHORT_NAMES: Record<string, PackageVersion['name']> = { 'clerk-js': CLERK_JS_PACKAGE, ui: CLERK_UI_PACKAGE }

/**
 * What the command's arguments ask for: `5` or `6` (the tested releases), an exact ClerkJS version (`5.130.0`), or
 * `@clerk/clerk-js@<version>` / `@clerk/ui@<version>`. No argument means `5`.
 */
export function parseInstallTargets(args: readonly string[]): PackageVersion[] {
  const targets = (args.length === 0 ? [DEFAULT_RELEASE] : args).flatMap((arg): PackageVersion[] => {
    const release = RELEASES[arg]
    if (release) return release.map(({ name, version }) => ({ name, version }))
    if (EXACT_VERSION.test(arg)) return [{ name: CLERK_JS_PACKAGE, version: arg }]
    const spec = /^@clerk\/(clerk-js|ui)@(.*)$/.exec(arg)
    if (spec && EXACT_VERSION.test(spec[2]!)) return [{ name: SHORT_NAMES[spec[1]!]!, version: spec[2]! }]
    throw new RangeError(
      `cannot install "${arg}": give ${Object.keys(RELEASES).join(' or ')} (the tested releases), an exact ClerkJS version such as 5.128.0, ` +
        'or @clerk/clerk-js@<version> / @clerk/ui@<version> with an exact version.',
    )
  })
  return targets.filter(
    (target, index) =>
      targets.findIndex((other) => other.name === target.name && other.version === target.version) === index,
  )
}

export interface InstallOutcome {
  name: string
  version: string
  dir: string
  /** Bytes downloaded; 0 when the cache had it already. */
  downloaded: number
}

interface InstallOptions {
  cacheDir: string
  /** The registry to download from; by default the one npm is configured with for `@clerk`, asked only if needed. */
  registry?: string
}

/** Installs each target in the cache, skipping the ones already there; downloads run in parallel. */
export async function installClerkJs(
  targets: readonly PackageVersion[],
  options: InstallOptions,
): Promise<InstallOutcome[]> {
  let registry: Promise<string> | undefined
  const registryUrl = () =>
    (registry ??= options.registry ? Promise.resolve(options.registry) : configuredRegistry('@clerk'))
  // ClerkJS 5 and 6 at once read one list of versions.
  const packuments = new Map<string, Promise<Packument>>()
  const packumentOf = async (name: string) => {
    const url = await registryUrl()
    if (!packuments.has(name)) packuments.set(name, fetchPackument(url, name))
    return { registry: url, packument: await packuments.get(name)! }
  }
  return Promise.all(
    targets.map(async (target) => {
      const dir = cachedPackageDir(options.cacheDir, target.name, target.version)
      if (holds(dir, target)) return { ...target, dir, downloaded: 0 }
      const bytes = await download(target, await packumentOf(target.name))
      await unpack(bytes, target, options.cacheDir)
      return { ...target, dir, downloaded: bytes.length }
    }),
  )
}

/** Whether `dir` holds the bundle of exactly `target`. */
function holds(dir: string, target: PackageVersion): boolean {
  const bundle = readBundle(join(dir, 'package.json'))
  return bundle?.name === target.name && bundle.version === target.version
}

/** The tarball, checked against the registry's integrity and, for a tested release, against the one pinned here. */
async function download(
  target: PackageVersion,
  { registry, packument }: { registry: string; packument: Packument },
): Promise<Buffer> {
  const label = `${target.name}@${target.version}`
  const dist = packument.versions[target.version]?.dist
  if (!dist?.tarball) {
    const latest = packument['dist-tags']?.latest
    throw new RegistryError(
      `${label} is not on the registry ${showRegistry(registry)}${latest ? ` (its latest is ${latest})` : ''}.`,
    )
  }
  const pinned = pinnedIntegrity(target)
  if (pinned && !sha512Digests(dist.integrity ?? '').includes(sha512Digests(pinned)[0]!)) {
    throw new RegistryError(
      `The registry ${showRegistry(registry)} gives ${label} another integrity (${dist.integrity ?? 'none'}) than the one remix-clerk-local ` +
        `was tested with (${pinned}): it is not installed. Check your registry or mirror.`,
    )
  }
  return downloadTarball(dist.tarball, pinned ?? dist.integrity ?? '', label, registry)
}

/**
 * Extracts `package/package.json` and the regular files under `package/dist/` (no links, nothing else) into a
 * hidden folder next to the target, checks it is the package asked for, then renames it into place: a half-written
 * copy is never seen, and two installs at once both end with one complete copy.
 */
async function unpack(bytes: Buffer, target: PackageVersion, cacheDir: string): Promise<void> {
  const label = `${target.name}@${target.version}`
  const dir = cachedPackageDir(cacheDir, target.name, target.version)
  const staging = join(dirname(dir), `.${target.name.split('/')[1]}@${target.version}.${randomUUID()}`)
  mkdirSync(staging, { recursive: true })
  try {
    await pipeline(
      Readable.from([bytes]),
      extract({
        cwd: staging,
        strip: 1,
        strict: true,
        filter: (path, entry) =>
          ('type' in entry ? entry.type === 'File' || entry.type === 'Directory' : true) &&
          (path === 'package/package.json' || (path.startsWith('package/dist/') && !path.split('/').includes('..'))),
      }),
    )
    if (!holds(staging, target))
      throw new RegistryError(`The tarball of ${label} holds no browser bundle of ${label}: it is not installed.`)
    try {
      renameSync(staging, dir)
    } catch (error) {
      // Another install finished first: its copy is the same package, checked the same way.
      if (!holds(dir, target)) throw error
    }
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
}
