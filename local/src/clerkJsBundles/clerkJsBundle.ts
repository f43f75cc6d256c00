// The `@clerk/clerk-js` (and `@clerk/ui`) browser bundles, found once at start (fapi/clerkJsFiles.ts serves them):
// first the installed packages, then the copies `remix-clerk-local clerk-js install` put in its cache, so an app's
// ClerkJS and its UI come from this machine: no CDN, no network.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { cachedPackageDir, clerkJsCacheDir } from './clerkJsCache.js'

export const CLERK_JS_PACKAGE = '@clerk/clerk-js'
/** ClerkJS 6's components: a separate bundle (`ui.browser.js`) that the page loads next to ClerkJS. */
export const CLERK_UI_PACKAGE = '@clerk/ui'
/** The file an app loads; the rest of `dist/` are the chunks it loads itself. */
export const CLERK_JS_ENTRY = 'clerk.browser.js'
const ENTRIES = { [CLERK_JS_PACKAGE]: CLERK_JS_ENTRY, [CLERK_UI_PACKAGE]: 'ui.browser.js' } as const
/** A version as npm publishes it: `6.40.0`, `5.130.0-snapshot.1`. */
export const EXACT_VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/

export type ServedPackage = keyof typeof ENTRIES

export interface ClerkJsBundle {
  /** The package's real name, also when it is installed under an npm alias. */
  name: ServedPackage
  version: string
  major: string
  distDir: string
  /** The names of the files directly in `dist/`: the only ones ever served, so no path can lead elsewhere. */
  files: ReadonlySet<string>
}

const defaultBases = (): string[] => [join(process.cwd(), 'package.json'), import.meta.url]

/** The bundle in the package whose manifest is at `manifestPath`, or undefined when it is not one we serve. */
export function readBundle(manifestPath: string): ClerkJsBundle | undefined {
  let manifest: { name?: unknown; version?: unknown }
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as typeof manifest
  } catch {
    return undefined
  }
  const { name, version } = manifest
  if ((name !== CLERK_JS_PACKAGE && name !== CLERK_UI_PACKAGE) || typeof version !== 'string') return undefined
  const distDir = join(dirname(manifestPath), 'dist')
  if (!existsSync(distDir)) return undefined
  const files = new Set(
    readdirSync(distDir, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name),
  )
  if (!files.has(ENTRIES[name])) return undefined
  return { name, version, major: version.split('.')[0]!, distDir, files }
}

/**
 * The `@clerk/clerk-js` package as installed next to the app (resolved from the working directory) or next to
 * remix-clerk-local; undefined when neither has it. It is an optional peer dependency: its npm entry pulls in
 * hundreds of megabytes of wallet SDKs that the self-contained browser bundle served here never uses.
 */
function findClerkJsBundle(from: readonly string[] = defaultBases()): ClerkJsBundle | undefined {
  for (const base of from) {
    let manifestPath: string
    try {
      manifestPath = createRequire(base).resolve(`${CLERK_JS_PACKAGE}/package.json`)
    } catch {
      continue
    }
    const bundle = readBundle(manifestPath)
    if (bundle?.name === CLERK_JS_PACKAGE) return bundle
  }
  return undefined
}

/**
 * Every bundle to serve (`clerkJs`, `findClerkJsBundle`'s answer, first), then each other copy of `@clerk/clerk-js` or `@clerk/ui` in
 * the `node_modules/@clerk` folders Node would look in from the same places, npm aliases included
 * (`"@clerk/clerk-js-6": "npm:@clerk/clerk-js@6"`), then the cached copies (newest first), so ClerkJS 5 and ClerkJS 6
 * with `@clerk/ui` can be served side by side, each under its own version. Without an installed `@clerk/clerk-js`,
 * `clerkJs` is the newest cached ClerkJS 5 (the major `@clerk/remix` 4 loads), else the newest cached one.
 */
export function findServedBundles(
  from: readonly string[] = defaultBases(),
  cacheDir: string = clerkJsCacheDir(),
): { clerkJs: ClerkJsBundle | undefined; bundles: ClerkJsBundle[] } {
  const installedClerkJs = findClerkJsBundle(from)
  const found = installedClerkJs ? [installedClerkJs] : []
  const seen = new Set(found.map((bundle) => `${bundle.name}@${bundle.version}`))
  // The bases usually share their upper folders (the app's and this package's paths meet in the app's node_modules):
  // each folder is read once.
  const visited = new Set<string>()
  for (const base of from) {
    let dir = dirname(base.startsWith('file:') ? fileURLToPath(base) : base)
    while (!visited.has(dir)) {
      visited.add(dir)
      const scope = join(dir, 'node_modules', '@clerk')
      const names = existsSync(scope) ? readdirSync(scope) : []
      for (const name of names) {
        const bundle = readBundle(join(scope, name, 'package.json'))
        if (!bundle || seen.has(`${bundle.name}@${bundle.version}`)) continue
        seen.add(`${bundle.name}@${bundle.version}`)
        found.push(bundle)
      }
      dir = dirname(dir)
    }
  }
  for (const bundle of findCachedBundles(cacheDir)) {
    if (seen.has(`${bundle.name}@${bundle.version}`)) continue
    seen.add(`${bundle.name}@${bundle.version}`)
    found.push(bundle)
  }
  const cachedClerkJs = found.filter((bundle) => bundle.name === CLERK_JS_PACKAGE)
  const clerkJs = installedClerkJs ?? cachedClerkJs.find((bundle) => bundle.major === '5') ?? cachedClerkJs[0]
  // `clerkJs` first: the major alias (`@5`) of the served paths picks the first bundle listed.
  return { clerkJs, bundles: clerkJs ? [clerkJs, ...found.filter((bundle) => bundle !== clerkJs)] : found }
}

/** The copies in the cache (`<cache>/@clerk/<name>@<version>/`), newest version first; an unreadable cache has none. */
function findCachedBundles(cacheDir: string): ClerkJsBundle[] {
  let names: string[]
  try {
    names = readdirSync(join(cacheDir, '@clerk'))
  } catch {
    return []
  }
  const bundles: ClerkJsBundle[] = []
  for (const folder of names) {
    // Half-extracted downloads are hidden folders, renamed into place only once complete.
    if (folder.startsWith('.')) continue
    const bundle = readBundle(join(cacheDir, '@clerk', folder, 'package.json'))
    // A folder is trusted only under the name it was installed under.
    if (bundle && cachedPackageDir(cacheDir, bundle.name, bundle.version) === join(cacheDir, '@clerk', folder))
      bundles.push(bundle)
  }
  return bundles.sort((a, b) => compareVersions(b.version, a.version))
}

/** Semantic version order: numbers compared as numbers, a prerelease before its release. */
function compareVersions(a: string, b: string): number {
  const parse = (version: string) => {
    const [release = '', prerelease] = version.split(/-(.*)/s)
    return { numbers: release.split('.').map(Number), prerelease }
  }
  const left = parse(a)
  const right = parse(b)
  for (let index = 0; index < 3; index++) {
    const difference = (left.numbers[index] ?? 0) - (right.numbers[index] ?? 0)
    if (difference !== 0) return difference
  }
  if (left.prerelease === undefined || right.prerelease === undefined) {
    return left.prerelease === right.prerelease ? 0 : left.prerelease === undefined ? 1 : -1
  }
  return left.prerelease.localeCompare(right.prerelease, 'en', { numeric: true })
}

/** The URL of a bundle's entry file on a Frontend API: for ClerkJS, what `clerkJSUrl` (`CLERK_JS`) must be. */
export function clerkJsUrl(frontendApiUrl: string, bundle: ClerkJsBundle): string {
  return `${frontendApiUrl}/npm/${bundle.name}@${bundle.version}/dist/${ENTRIES[bundle.name]}`
}
