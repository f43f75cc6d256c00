// Session tokens for the benchmarks, minted by an in-process remix-clerk-local instance: each has its own jti, so no
// two are alike, and none is in any cache yet.
import { runConcurrently } from './harness.mjs'

const MINTS_IN_FLIGHT = 8

/**
 * `count` new session tokens for `sessionId`, in order.
 * @param {import('remix-clerk-local').LocalClerk} clerk
 * @param {import('remix-clerk-local').GetTokenOptions} [options]
 */
export async function mintSessionTokens(clerk, sessionId, count, options = {}) {
  const tokens = new Array(count)
  let next = 0
  await runConcurrently(count, MINTS_IN_FLIGHT, async () => {
    const index = next++
    tokens[index] = await clerk.getToken(sessionId, options)
  })
  return tokens
}
