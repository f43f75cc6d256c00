// Serves the installed `@clerk/clerk-js` browser bundle at `/npm/@clerk/clerk-js@<version>/dist/<file>`, the path
// Clerk's CDN uses, so an app's ClerkJS (and the ~50 chunks it loads relative to its own URL) comes from this
// machine.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Context } from 'hono'
import { getMimeType } from 'hono/utils/mime'
import { CLERK_JS_ENTRY, CLERK_JS_PACKAGE, type ClerkJsBundle } from '../clerkJsBundle.js'
import { clerkError } from '../errors.js'

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
