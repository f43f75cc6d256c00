// Serves the installed or cached `@clerk/clerk-js` (and `@clerk/ui`) browser bundles at `/npm/@clerk/<package>@<version>/dist/<file>`,
// the path Clerk's CDN uses, so an app's ClerkJS, its UI and the chunks they load relative to their own URLs come
// from this machine.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Context } from 'hono'
import { getMimeType } from 'hono/utils/mime'
import { CLERK_JS_ENTRY, CLERK_JS_PACKAGE, type ClerkJsBundle } from '../clerkJsBundles/clerkJsBundle.js'
import { clerkError } from '../shared/errors.js'

const notServed = (detail: string) => clerkError(404, 'resource_not_found', 'not found', detail)

/**
 * `GET /npm/@clerk/<clerk-js|ui>@<version>/dist/<file>`. The version is an installed one, exactly or as its major
 * (`@5`; the first bundle listed wins): ClerkJS and `@clerk/ui` ask for their chunks under their exact version.
 * Anyone may load the files (`Access-Control-Allow-Origin: *`, as the page's script tag uses `crossorigin`), which
 * are public code anyway.
 */
export function clerkJsBundleHandler(bundles: readonly ClerkJsBundle[]): (c: Context) => Promise<Response> {
  return async (c) => {
    if (!bundles.some((bundle) => bundle.name === CLERK_JS_PACKAGE)) {
      throw notServed(
        `${CLERK_JS_PACKAGE} is not installed, so remix-clerk-local cannot serve ClerkJS. Download its browser bundle with ` +
          'npx remix-clerk-local clerk-js install, then restart remix-clerk-local.',
      )
    }
    // The route is /npm/@clerk/:package/dist/:file, so `package` is `clerk-js@<version>`, `ui@<version>` or another name.
    const [shortName, version = ''] = c.req.param('package')!.split('@')
    const name = `@clerk/${shortName}`
    const file = c.req.param('file')!
    const installed = bundles.filter((bundle) => bundle.name === name)
    if (installed.length === 0)
      throw notServed(`Only ${[...new Set(bundles.map((bundle) => bundle.name))].join(' and ')} are served here.`)
    const bundle =
      installed.find((candidate) => version === candidate.version) ??
      installed.find((candidate) => version === candidate.major)
    if (!bundle) {
      const versions = installed.map((candidate) => `${name}@${candidate.version}`).join(', ')
      throw notServed(
        `This server has ${versions}, not ${version.slice(0, 40) || 'an unversioned path'}; load /npm/${installed[0]!.name}@${installed[0]!.version}/dist/${name === CLERK_JS_PACKAGE ? CLERK_JS_ENTRY : '<file>'}.`,
      )
    }
    if (!bundle.files.has(file)) throw notServed(`${name}@${bundle.version} has no file dist/${file.slice(0, 100)}.`)
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
