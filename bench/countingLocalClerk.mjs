// A remix-clerk-local instance served over HTTP with @hono/node-server as the CLI and `listen()` serve it, with a
// count of the HTTP requests it answered.
// Benchmark 1 runs it in its own process (its server sits idle while a warm-cache arm is timed);
// bench/localBackendProcess.mjs runs it in a child process.
import { createAdaptorServer } from '@hono/node-server'
import { createLocalClerk } from 'remix-clerk-local'

/**
 * A LocalClerk (in-memory SQLite unless `options.db` says otherwise) served on 127.0.0.1 at a free port; created once
 * the port is known so that `iss` and the publishable key carry the real address.
 * @param {import('remix-clerk-local').LocalClerkOptions} [options]
 */
export async function startCountingLocalClerk(options = {}) {
  let requests = 0
  let clerk
  const server = createAdaptorServer({
    fetch: (request) => {
      requests++
      return clerk.fetch(request)
    },
    overrideGlobalObjects: false,
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
