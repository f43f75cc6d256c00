// The installed `@clerk/clerk-js` browser bundle, found once at start (fapi/clerkJsFiles.ts serves it), so an app's
// ClerkJS comes from this machine: no CDN, no network.
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

export const CLERK_JS_PACKAGE = '@clerk/clerk-js'
/** The file an app loads; the rest of `dist/` are the chunks it loads itself. */
export const CLERK_JS_ENTRY = 'clerk.browser.js'

export interface ClerkJsBundle {
  version: string
  major: string
  distDir: string
  /** The names of the files directly in `dist/`: the only ones ever served, so no path can lead elsewhere. */
  files: ReadonlySet<string>
}

/**
 * The `@clerk/clerk-js` package as installed next to the app (resolved from the working directory) or next to
 * remix-clerk-local; undefined when neither has it. It is an optional peer dependency: its npm entry pulls in
 * hundreds of megabytes of wallet SDKs that the self-contained browser bundle served here never uses.
 */
export function findClerkJsBundle(from: readonly string[] = [join(process.cwd(), 'package.json'), import.meta.url]): ClerkJsBundle | undefined {
  for (const base of from) {
    let manifestPath: string
    try {
      manifestPath = createRequire(base).resolve(`${CLERK_JS_PACKAGE}/package.json`)
    } catch {
      continue
    }
    const { version } = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version?: unknown }
    const distDir = join(dirname(manifestPath), 'dist')
    if (typeof version !== 'string') continue
    const files = new Set(
      readdirSync(distDir, { withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => entry.name),
    )
    if (!files.has(CLERK_JS_ENTRY)) continue
    return { version, major: version.split('.')[0]!, distDir, files }
  }
  return undefined
}

/** The URL of the bundle on a Frontend API: what `clerkJSUrl` (`CLERK_JS`) must be. */
export function clerkJsUrl(frontendApiUrl: string, bundle: ClerkJsBundle): string {
  return `${frontendApiUrl}/npm/${CLERK_JS_PACKAGE}@${bundle.version}/dist/${CLERK_JS_ENTRY}`
}
