// Cloudflare Workers: workerd through Miniflare 4 (the `miniflare` devDependency), WITHOUT nodejs_compat, so there
// is no process at all. The worker (app/worker.ts) is bundled by esbuild as wrangler would, from remix-clerk's dist/,
// and must not import a Node built-in. React Router 7's request handler serves the scenarios twice, the keys as
// bindings and never as options: without middleware remix-clerk finds them in context.cloudflare.env; with
// future.v8_middleware the load context is a RouterContextProvider, and remix-clerk reads them from
// `cloudflare:workers`.
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { Miniflare } from 'miniflare'
import { expect, it } from 'vitest'
import { runtimeUnavailableReason } from './runtimeProcess.js'
import { describeRuntime, REACT_ROUTER_VARIANTS } from './scenarios.js'

/** workerd's version, `1.YYYYMMDD.N`: its date is the newest compatibility date it supports. */
function workerdVersion(): string | undefined {
  try {
    return (createRequire(import.meta.url)('workerd/package.json') as { version: string }).version
  } catch {
    return undefined
  }
}
const version = workerdVersion()
const compatibilityDate = version?.replace(/^1\.(\d{4})(\d{2})(\d{2})\..*$/, '$1-$2-$3')
const unavailable = runtimeUnavailableReason(
  'workerd',
  version !== undefined,
  'npm ci installs it with `miniflare`, a devDependency',
)

let bundle = ''

/** The worker as wrangler bundles it: ESM for workerd, `cloudflare:*` modules left to the runtime. */
async function bundleWorker(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./app/worker.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    external: ['cloudflare:*'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  })
  return result.outputFiles[0]!.text
}

describeRuntime({
  name: `workerd ${version ?? ''} (Miniflare 4, no nodejs_compat)`,
  unavailable,
  async start(backend) {
    bundle = await bundleWorker()
    const miniflare = new Miniflare({
      // Given as a module rather than a script: Miniflare scans a script's imports and refuses the dynamic import()
      // in React Router's loader of lazy route modules (never called here).
      modules: [{ type: 'ESModule', path: 'worker.mjs', contents: bundle }],
      compatibilityDate: compatibilityDate!,
      // No compatibilityFlags: in particular no nodejs_compat.
      bindings: {
        CLERK_SECRET_KEY: backend.keys.secretKey,
        CLERK_PUBLISHABLE_KEY: backend.keys.publishableKey,
        CLERK_API_URL: backend.keys.apiUrl,
        RUNTIMES_JWT_KEY: backend.keys.jwtKey,
        CLERK_WEBHOOK_SIGNING_SECRET: backend.keys.webhookSigningSecret,
      },
    })
    const url = await miniflare.ready
    return { url: url.origin, close: () => miniflare.dispose() }
  },
  variants: REACT_ROUTER_VARIANTS,
  withoutOptions: () => 'signed-in',
  more() {
    it('the bundle, made from dist/, imports no Node built-in', () => {
      expect(bundle).toContain('remix-clerk: missing Clerk secret key')
      expect(bundle).not.toMatch(/(?:from|import|require)\s*\(?\s*["']node:/)
    })
  },
})
