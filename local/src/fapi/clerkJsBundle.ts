// Serves the installed `@clerk/clerk-js` browser bundle at `/npm/@clerk/clerk-js@<version>/dist/<file>`, the path
// Clerk's CDN uses, so an app's ClerkJS (and the ~50 chunks it loads relative to its own URL) comes from this
// machine: no CDN, no network.
import { readdirSync, readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { Context } from 'hono'
import { getMimeType } from 'hono/utils/mime'
import { clerkError } from '../errors.js'

const CLERK_JS_PACKAGE = '@clerk/clerk-js'
/** The file an app loads; the rest of `dist/` are the chunks it loads itself. */
const CLERK_JS_ENTRY = 'clerk.browser.js'

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

const notServed = (detail: string) => clerkError(404, 'resource_not_found', 'not found', detail)

/**
 * `GET /npm/@clerk/clerk-js@<version>/dist/<file>`. The version is the installed one, exactly or as its major (`@5`):
 * ClerkJS asks for its chunks under its exact version. Anyone may load the files (`Access-Control-Allow-Origin: *`,
 * as the page's script tag uses `crossorigin`), which are public code anyway.
 */
export function clerkJsBundleHandler(bundle: ClerkJsBundle | undefined): (c: Context) => Promise<Response> {
  return async (c) => {
    if (!bundle) {
      throw notServed(
        `${CLERK_JS_PACKAGE} is not installed, so remix-clerk-local cannot serve ClerkJS. Install it next to your app: npm install --save-dev ${CLERK_JS_PACKAGE}@5`,
      )
    }
    // The route is /npm/@clerk/:package/dist/:file, so `package` is `clerk-js@<version>` or another name.
    const [name, version = ''] = c.req.param('package')!.split('@')
    const file = c.req.param('file')!
    if (name !== 'clerk-js') throw notServed(`Only ${CLERK_JS_PACKAGE} is served here.`)
    if (version !== bundle.version && version !== bundle.major) {
      throw notServed(
        `This server has ${CLERK_JS_PACKAGE}@${bundle.version}, not ${version.slice(0, 40) || 'an unversioned path'}; load /npm/${CLERK_JS_PACKAGE}@${bundle.version}/dist/${CLERK_JS_ENTRY}.`,
      )
    }
    if (!bundle.files.has(file)) throw notServed(`${CLERK_JS_PACKAGE}@${bundle.version} has no file dist/${file.slice(0, 100)}.`)
    const body = await readFile(join(bundle.distDir, file))
    return new Response(body, {
      headers: {
        'Content-Type': getMimeType(file) ?? 'application/octet-stream',
        'Access-Control-Allow-Origin': '*',
        'X-Content-Type-Options': 'nosniff',
        // An exact version never changes; the major alias may point elsewhere after an upgrade.
        'Cache-Control': version === bundle.version ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
      },
    })
  }
}
