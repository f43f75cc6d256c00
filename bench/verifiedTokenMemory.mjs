// How much memory the verified-token cache keeps per token (benchmark 1), measured in a fresh process so that the
// cache starts empty: the heap after 1 000 first-seen getAuth calls minus the heap before. The minted tokens are alive
// in both measurements, and the requests in neither, so the difference is what the cache holds for them. As on a
// server, they come from many sessions (100 sessions, 10 tokens each: a session gets a new token every minute).
// Prints one JSON line: { bytesPerToken, tokens }. Run by bench/getAuth.mjs; alone: node --expose-gc bench/verifiedTokenMemory.mjs
import { getAuth } from 'remix-clerk/ssr.server'
import { startCountingLocalClerk } from './countingLocalClerk.mjs'
import { mintSessionTokens } from './sessionTokens.mjs'
import { newRequest, signedInSession } from './signedInSession.mjs'

const SESSIONS = 100
const TOKENS_PER_SESSION = 10
// The first tokens warm the code up (compiled functions and their feedback are on the heap too) and stay cached; the
// others are measured, and together they fill the cache exactly, so nothing is evicted while measuring.
const WARM_UP = 200
const TOKENS = SESSIONS * TOKENS_PER_SESSION - WARM_UP
if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc')

const local = await startCountingLocalClerk({ sessionLifetime: 3600 })
try {
  const { clerk } = local
  const session = await signedInSession(clerk)
  const options = { secretKey: clerk.secretKey, publishableKey: clerk.publishableKey, jwtKey: clerk.jwtKey }
  const check = async (jwt) => {
    const auth = await getAuth({ request: newRequest(session.cookieFor(jwt)), context: {}, params: {} }, options)
    if (auth.userId !== session.userId)
      throw new Error(`expected ${session.userId}, got ${auth.userId} (${auth.debug().reason})`)
  }
  const tokens = []
  for (let i = 0; i < SESSIONS; i++) {
    const { id } = clerk.createSession({ userId: session.userId })
    tokens.push(...(await mintSessionTokens(clerk, id, TOKENS_PER_SESSION, { origin: 'http://127.0.0.1:3000' })))
  }
  const heap = () => {
    globalThis.gc()
    globalThis.gc()
    return process.memoryUsage().heapUsed
  }
  for (const jwt of tokens.splice(0, WARM_UP)) await check(jwt)
  const before = heap()
  for (const jwt of tokens) await check(jwt)
  const after = heap()
  console.log(JSON.stringify({ bytesPerToken: Math.round((after - before) / TOKENS), tokens: TOKENS }))
} finally {
  await local.close()
}
