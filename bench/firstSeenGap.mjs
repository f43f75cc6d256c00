// Diagnostic, not part of `npm run bench`: what benchmark 1's first-seen gap is made of. Run after `npm run build`:
//   node bench/firstSeenGap.mjs          (about 3 minutes; BENCH_ROUNDS and BENCH_ROUND_MS apply)
// Part 1 replaces crypto.subtle.verify with one that answers `true` at once, in this process only, so nothing but
// JavaScript is timed: bare jose, the floor arm of benchmark 1, and our getAuth on a token seen for the first time.
// Part 2 keeps the real verification (RSA on libuv's thread pool) and adds a floor arm that busy-waits as long as
// part 1 measured our extra JavaScript to be, to show what that much main-thread time costs around a real
// thread-pool hop. Whatever ours costs beyond the busy floor is neither our JavaScript nor the hop as such.
import { importSPKI, jwtVerify } from 'jose'
import { getAuth } from 'remix-clerk/ssr.server'
import { compare, median } from './harness.mjs'
import { startCountingLocalClerk } from './countingLocalClerk.mjs'
import { floorUserId } from './floor.mjs'
import { newRequest, signedInSession } from './signedInSession.mjs'

const PINNED = { algorithms: ['RS256'] }

const local = await startCountingLocalClerk({ sessionLifetime: 3600 })
try {
  const { clerk } = local
  const session = await signedInSession(clerk)
  const { userId, cookieFor } = session
  const requestFor = (jwt) => newRequest(cookieFor(jwt))
  const options = { secretKey: clerk.secretKey, publishableKey: clerk.publishableKey, jwtKey: clerk.jwtKey }
  const publicKey = await importSPKI(clerk.jwtKey, 'RS256')
  const expectUser = (arm, id) => {
    if (id !== userId) throw new Error(`${arm}: expected userId ${userId}, got ${JSON.stringify(id)}`)
  }

  const floor = (jwt) => floorUserId(requestFor(jwt), publicKey)
  const steps = {
    jose: async (jwt) => {
      requestFor(jwt)
      return (await jwtVerify(jwt, publicKey, PINNED)).payload.sub
    },
    floor,
    ours: async (jwt) => (await getAuth({ request: requestFor(jwt), context: {}, params: {} }, options)).userId,
  }
  // Every arm gets tokens no cache has seen, minted before its round (untimed).
  const arm = (name, step) => {
    let tokens = []
    return {
      name,
      async beforeRound(ops) {
        tokens = await session.mint(ops)
      },
      async run(ops) {
        for (let i = 0; i < ops; i++) expectUser(name, await step(tokens[i]))
      },
    }
  }
  const report = (title, results) => {
    console.log(`\n${title}`)
    for (const { name, usPerOp, ratios } of results) {
      console.log(`  ${name.padEnd(34)} ${median(usPerOp).toFixed(1).padStart(7)} µs/op  ${median(ratios).toFixed(2)}× bare jose`)
    }
    return Object.fromEntries(results.map(({ name, usPerOp }) => [name, median(usPerOp)]))
  }

  const realVerify = crypto.subtle.verify
  crypto.subtle.verify = async () => true
  let jsOnly
  try {
    const results = await compare({ arms: Object.entries(steps).map(([name, step]) => arm(name, step)) })
    jsOnly = report('1. JavaScript only (crypto.subtle.verify answers true at once)', results)
  } finally {
    crypto.subtle.verify = realVerify
  }

  const extraUs = jsOnly.ours - jsOnly.floor
  const busyFloor = `floor + ${extraUs.toFixed(1)} µs busy-wait`
  const busy = async (jwt) => {
    const until = performance.now() + extraUs / 1000
    while (performance.now() < until) {
      // main-thread work of the length part 1 measured, and nothing else
    }
    return floor(jwt)
  }
  const results = await compare({ arms: [...Object.entries(steps), [busyFloor, busy]].map(([name, step]) => arm(name, step)) })
  const real = report('2. Real verification (RSA on the thread pool)', results)
  console.log(
    `\nOur JavaScript beyond the floor: ${extraUs.toFixed(1)} µs. With real verification, ours costs ` +
      `${(real.ours - real.floor).toFixed(1)} µs more than the floor; the same main-thread time spent busy-waiting ` +
      `costs ${(real[busyFloor] - real.floor).toFixed(1)} µs.`,
  )
} finally {
  await local.close()
}
