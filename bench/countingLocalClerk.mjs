// A remix-clerk-local instance served over HTTP with @hono/node-server as `listen()` serves it, or in a process of its
// own as the CLI serves it (`lightweightResponses`), with a count of the HTTP requests it answered.
// Benchmark 1 runs it in its own process (its server sits idle while a warm-cache arm is timed);
// bench/localBackendProcess.mjs runs it in a child process.
import { createAdaptorServer } from '@hono/node-server'
import { createLocalClerk } from 'remix-clerk-local'

/**
 * A LocalClerk (in-memory SQLite unless `options.db` says otherwise) served on 127.0.0.1 at a free port; created once
 * the port is known so that `iss` and the publishable key carry the real address. `lightweightResponses` lets
 * @hono/node-server replace the global Request and Response, as the CLI process does (local/src/assembly/server.ts):
 * only for a process that does nothing else (a benchmark's own process keeps undici's globals, which the SDKs under
 * test use).
 * @param {import('remix-clerk-local').LocalClerkOptions & { lightweightResponses?: boolean }} [options]
 */
export async function startCountingLocalClerk({ lightweightResponses = false, ...options } = {}) {
  let requests = 0
  let clerk
  const server = createAdaptorServer({
    fetch: (request) => {
      requests++
      return clerk.fetch(request)
    },
    overrideGlobalObjects: lightweightResponses,
  })
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  try {
    clerk = await createLocalClerk({ db: ':memory:', ...options, url: `http://127.0.0.1:${server.address().port}` })
  } catch (error) {
    server.close()
    throw error
  }
  return {
    clerk,
    requestCount: () => requests,
    async close() {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
      await clerk.close()
    },
  }
}
