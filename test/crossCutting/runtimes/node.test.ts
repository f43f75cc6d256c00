// Node (the version running the tests, 20.19+ in CI) with React Router 7 (react-router and @react-router/node
// 7.18.5, pinned in test/crossCutting/runtimes/app/package.json): its real request handler through @react-router/node's request
// listener, with and without future.v8_middleware. Keys in process.env; remix-clerk loaded by its package name,
// that is from dist/ through the package's exports.
import { vi, expect, it } from 'vitest'
import { startNodeApp } from './app/node.js'
import { describeRuntime, REACT_ROUTER_VARIANTS } from './scenarios.js'

describeRuntime({
  name: `Node ${process.versions.node}`,
  unavailable: undefined,
  async start(backend) {
    vi.stubEnv('CLERK_SECRET_KEY', backend.keys.secretKey)
    vi.stubEnv('CLERK_PUBLISHABLE_KEY', backend.keys.publishableKey)
    vi.stubEnv('CLERK_API_URL', backend.keys.apiUrl)
    vi.stubEnv('RUNTIMES_JWT_KEY', backend.keys.jwtKey)
    vi.stubEnv('CLERK_WEBHOOK_SIGNING_SECRET', backend.keys.webhookSigningSecret)
    const app = await startNodeApp()
    return {
      url: app.url,
      async close() {
        await app.close()
        vi.unstubAllEnvs()
      },
    }
  },
  variants: REACT_ROUTER_VARIANTS,
  withoutOptions: () => 'signed-in',
  more(state) {
    it('with no keys anywhere, the missing-key message says how to pass them under middleware', async () => {
      const { app, backend } = state()
      vi.stubEnv('CLERK_SECRET_KEY', '')
      try {
        const ask = async (prefix: string) => {
          const { headers } = await backend.signIn(`${app.url}${prefix}/environment`, 'authorization')
          const response = await fetch(`${app.url}${prefix}/environment`, { headers })
          return ((await response.json()) as { loader: { error: string } }).loader.error
        }
        const plain = await ask('')
        expect(plain).toMatch(/^remix-clerk: missing Clerk secret key\. Set the CLERK_SECRET_KEY environment variable/)
        expect(plain).not.toContain('RouterContextProvider')
        const withMiddleware = await ask('/mw')
        expect(withMiddleware).toBe(
          `${plain} The load context is a React Router RouterContextProvider (future.v8_middleware), in which ` +
            'remix-clerk cannot look keys up by name: keep them in process.env (on Cloudflare Workers, bindings are ' +
            'read from `cloudflare:workers`), or pass them as options: getAuth(args, { secretKey, publishableKey }).',
        )
      } finally {
        vi.stubEnv('CLERK_SECRET_KEY', state().backend.keys.secretKey)
      }
    })
  },
})
