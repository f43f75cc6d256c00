// Where does getAuth spend its time? Runs one case of benchmark 1 on its own, long enough that setup is noise in a
// CPU profile, and prints µs/op per batch:
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/profileGetAuth.mjs seen 200000 [jwtKey|jwks]
// Cases: `seen` (same token, new Request per op), `first` (a new token per op, minted before the timed batches),
// `same` (the same Request again), `request` (only the new Request each case builds). Keys: `jwtKey` (default,
// networkless) or `jwks` (fetched once from the local Backend API, served in this process, before the batches).
import { getAuth } from 'remix-clerk/ssr.server'
import { startCountingLocalClerk } from './countingLocalClerk.mjs'
import { newRequest as requestWith, signedInSession } from './signedInSession.mjs'

const CASES = ['seen', 'first', 'same', 'request']
const KEYS = ['jwtKey', 'jwks']
const [which = 'seen', countArg = '100000', keys = 'jwtKey'] = process.argv.slice(2)
const count = Number(countArg)
if (!CASES.includes(which) || !Number.isInteger(count) || count < 1 || !KEYS.includes(keys)) {
  console.error(`usage: node [--cpu-prof] bench/profileGetAuth.mjs <${CASES.join('|')}> [count] [${KEYS.join('|')}]`)
  process.exit(2)
}

const BATCHES = 10
const local = await startCountingLocalClerk({ sessionLifetime: 3600 })
const { clerk } = local
try {
  const session = await signedInSession(clerk)
  const { userId, token, cookieFor } = session
  const newRequest = (jwt) => requestWith(cookieFor(jwt))
  const { secretKey, publishableKey, jwtKey, apiUrl } = clerk
  const options = keys === 'jwks' ? { secretKey, publishableKey, apiUrl } : { secretKey, publishableKey, jwtKey }
  const check = (auth) => {
    if (auth.userId !== userId) throw new Error(`expected ${userId}, got ${auth.userId} (${auth.reason})`)
  }
  const tokens = which === 'first' ? await session.mint(count) : []
  const sameArgs = { request: newRequest(token), context: {}, params: {} }
  let sink
  const op = {
    seen: async () => check(await getAuth({ request: newRequest(token), context: {}, params: {} }, options)),
    first: async (i) => check(await getAuth({ request: newRequest(tokens[i]), context: {}, params: {} }, options)),
    same: async () => check(await getAuth(sameArgs, options)),
    request: async () => {
      sink = newRequest(token)
    },
  }[which]
  // Untimed: the JWKS (when used) is fetched here.
  check(await getAuth({ request: newRequest(token), context: {}, params: {} }, options))
  const perBatch = Math.ceil(count / BATCHES)
  for (let batch = 0, i = 0; batch < BATCHES; batch++) {
    const start = performance.now()
    for (let k = 0; k < perBatch && i < count; k++, i++) await op(i)
    console.log(`batch ${batch + 1}: ${(((performance.now() - start) * 1000) / perBatch).toFixed(2)} µs/op`)
  }
  void sink
  console.log(`Backend API requests: ${local.requestCount()}`)
} finally {
  await local.close()
}
