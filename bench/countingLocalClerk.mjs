// Counting Backend API requests around the timed part of an arm, and a remix-clerk-local instance served over HTTP
// in this process whose requests are counted (the server sits idle while a warm-cache arm is timed, so sharing the
// event loop costs nothing there).
import { createAdaptorServer } from '@hono/node-server'
import { createLocalClerk } from 'remix-clerk-local'

/**
 * The arm with its own `beforeRound`/`afterRound` bracketed by reads of `requestCount` (sync or async), outside the
 * timed part. `requests()` is the total over the measured rounds; `requestsPer(ops)` the median per operation.
 * @param {import('./harness.mjs').Arm} arm
 * @param {() => number | Promise<number>} requestCount
 */
export function countingArm(arm, requestCount) {
  let before = 0
  let total = 0
  const perOp = []
  return {
    ...arm,
    async beforeRound(ops) {
      await arm.beforeRound?.(ops)
      before = await requestCount()
    },
    async afterRound(ops) {
      const seen = (await requestCount()) - before
      total += seen
      perOp.push(seen / ops)
      await arm.afterRound?.(ops)
    },
    requests: () => total,
    perOp: () => perOp,
  }
}

/**
 * A LocalClerk (in-memory SQLite) served on 127.0.0.1 at a free port; created once the port is known so that `iss`
 * and the publishable key carry the real address.
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
