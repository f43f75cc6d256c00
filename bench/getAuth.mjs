// Benchmark 1: what authenticating one signed-in cookie request costs, against a bare jose verification and against
// @clerk/remix's getAuth with the same options and the same token.
//
// Every arm builds a fresh `Request` (cookies as a browser sends them after a Clerk handshake) inside the timed loop,
// the bare jose arm included, so the figures compare what each arm does with a request and not how many Requests
// were kept alive: pre-building thousands of them per round made the garbage collector the biggest cost. The
// "new Request() alone" row shows what that construction costs by itself; the last column takes it off.
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { getAuth as clerkGetAuth } from '@clerk/remix/ssr.server'
import { importSPKI, jwtVerify } from 'jose'
import { getAuth } from 'remix-clerk/ssr.server'
import { compare, median, summarize } from './harness.mjs'
import { countingArm } from './countingArm.mjs'
import { floorVerifier } from './floor.mjs'
import { startCountingLocalClerk } from './countingLocalClerk.mjs'
import { comparisonTable, formatNumber } from './report.mjs'
import { newRequest, signedInSession } from './signedInSession.mjs'
import { seenTokenShapes } from './seenTokenShapes.mjs'

const ARM = {
  request: 'new Request() alone',
  jose: 'bare jose.jwtVerify, pre-imported key',
  floor: 'floor: one node:crypto.verify of the token, cached KeyObject (no Request)',
  firstSeen: 'ours: token seen for the first time',
  seenBefore: 'ours: token seen before, new Request',
  sameRequest: 'ours: same Request again',
  clerk: '@clerk/remix getAuth',
}

export const bench = {
  id: 1,
  title: 'getAuth on a signed-in cookie request',
  async run() {
    const local = await startCountingLocalClerk({ sessionLifetime: 3600 })
    const apiUrlBefore = process.env.CLERK_API_URL
    try {
      const session = await signedInSession(local.clerk)
      const { secretKey, publishableKey, jwtKey, apiUrl } = local.clerk
      const networkless = await table(session, local, { secretKey, publishableKey, jwtKey })
      networkless.targets.push(verifiedTokenMemory())
      const shapes = await seenTokenShapes(session, jwtKey, { secretKey, publishableKey, jwtKey })
      // @clerk/remix ignores the apiUrl option and reads only CLERK_API_URL: set for both SDKs alike.
      process.env.CLERK_API_URL = apiUrl
      const warmJwks = await table(session, local, { secretKey, publishableKey, apiUrl })
      return {
        sections: [
          {
            heading: 'Networkless: `jwtKey` (CLERK_JWT_KEY)',
            text: introduction('`{ secretKey, publishableKey, jwtKey }`', networkless),
            table: networkless.table,
          },
          {
            heading: 'Warm JWKS: no `jwtKey`, keys fetched once from the local Backend API before timing',
            text: introduction(
              '`{ secretKey, publishableKey, apiUrl }` (and `CLERK_API_URL`, which is all @clerk/remix reads for the API URL)',
              warmJwks,
            ),
            table: warmJwks.table,
          },
          {
            heading: 'A token seen before, by cookie shape and request kind (`jwtKey`)',
            text: shapes.text,
            table: shapes.table,
          },
        ],
      }
    } finally {
      if (apiUrlBefore === undefined) delete process.env.CLERK_API_URL
      else process.env.CLERK_API_URL = apiUrlBefore
      await local.close()
    }
  },
}

const loaderArgs = (request) => ({ request, context: {}, params: {} })

async function table(session, local, options) {
  const { userId, token, cookieFor } = session
  const expectUser = (arm, auth) => {
    if (auth?.userId !== userId)
      throw new Error(
        `${arm}: expected userId ${userId}, got ${JSON.stringify(auth?.userId)} (${auth?.reason ?? 'no reason'})`,
      )
  }
  const publicKey = await importSPKI(local.clerk.jwtKey, 'RS256')
  const floor = floorVerifier(local.clerk.jwtKey)
  const sameArgs = loaderArgs(newRequest(cookieFor(token)))
  // The baseline verifies fresh tokens minted the same way as the first-seen arm's, so that both rounds start
  // with the same garbage from minting behind them (jose itself would not mind seeing a token twice).
  let freshForJose = []
  let freshForFloor = []
  let fresh = []
  let sink

  const arms = [
    {
      name: ARM.jose,
      async beforeRound(ops) {
        freshForJose = await session.mint(ops)
      },
      async run(ops) {
        for (let i = 0; i < ops; i++) {
          const jwt = freshForJose[i]
          sink = newRequest(cookieFor(jwt))
          const { payload } = await jwtVerify(jwt, publicKey, { algorithms: ['RS256'] })
          expectUser(ARM.jose, { userId: payload.sub })
        }
      },
    },
    {
      // The physical floor (bench/floor.mjs): one RSA verification of the token, synchronous, and nothing else.
      name: ARM.floor,
      async beforeRound(ops) {
        freshForFloor = await session.mint(ops)
      },
      async run(ops) {
        for (let i = 0; i < ops; i++) floor(freshForFloor[i])
      },
    },
    {
      name: ARM.firstSeen,
      // Minting is not timed; every token of a round is new to every cache.
      async beforeRound(ops) {
        fresh = await session.mint(ops)
      },
      async run(ops) {
        for (let i = 0; i < ops; i++) {
          expectUser(ARM.firstSeen, await getAuth(loaderArgs(newRequest(cookieFor(fresh[i]))), options))
        }
      },
    },
    {
      name: ARM.seenBefore,
      async run(ops) {
        for (let i = 0; i < ops; i++)
          expectUser(ARM.seenBefore, await getAuth(loaderArgs(newRequest(cookieFor(token))), options))
      },
    },
    {
      name: ARM.sameRequest,
      async run(ops) {
        for (let i = 0; i < ops; i++) expectUser(ARM.sameRequest, await getAuth(sameArgs, options))
      },
    },
    {
      name: ARM.clerk,
      async run(ops) {
        for (let i = 0; i < ops; i++)
          expectUser(ARM.clerk, await clerkGetAuth(loaderArgs(newRequest(cookieFor(token))), options))
      },
    },
    {
      name: ARM.request,
      async run(ops) {
        for (let i = 0; i < ops; i++) sink = newRequest(cookieFor(token))
      },
    },
  ]
  // Untimed: every arm once, so a signed-out result fails here, and both SDKs fetch their JWKS (when they need it).
  for (const arm of arms) {
    await arm.beforeRound?.(1)
    await arm.run(1)
  }
  const counted = arms.map((arm) => countingArm(arm, { requests: local.requestCount }))
  const results = await compare({ arms: counted })
  void sink

  const byName = Object.fromEntries(results.map((result) => [result.name, result]))
  const requestUs = byName[ARM.request].usPerOp
  const withoutRequest = (result) =>
    result.name === ARM.request || result.name === ARM.sameRequest || result.name === ARM.floor
      ? ''
      : formatNumber(median(result.usPerOp.map((us, round) => us - requestUs[round])))
  const extra = Object.fromEntries(
    counted.map((arm, index) => [
      arm.name,
      {
        'µs/op without the Request': withoutRequest(results[index]),
        'Backend API calls (measured rounds)': String(arm.total('requests')),
      },
    ]),
  )
  return { table: comparisonTable({ results, extra }), targets: targets(byName) }
}

/**
 * The targets for this benchmark, with the figures they were judged on (and their spread over the rounds). Arms that
 * build a Request are compared without it (its time in the same round taken off), the floor has none to take off.
 */
function targets(byName) {
  const us = (name) => byName[name].usPerOp
  const own = (name) => us(name).map((value, round) => value - us(ARM.request)[round])
  const perRound = (a, b) => summarize(a.map((value, round) => value / b[round]))
  const spread = (s, show) => `${show(s.median)} (p25–p75 ${show(s.p25)}–${show(s.p75)})`
  const times = (digits) => (x) => `${x.toFixed(digits)}×`
  const micros = (x) => `${formatNumber(x)} µs`
  const verdict = (ok) => (ok ? 'met' : '**not met**')

  const overFloor = perRound(own(ARM.firstSeen), us(ARM.floor))
  const overJose = perRound(own(ARM.firstSeen), own(ARM.jose))
  const seenBefore = perRound(own(ARM.seenBefore), own(ARM.jose))
  const speedUp = perRound(own(ARM.clerk), own(ARM.firstSeen))
  const sameRequest = summarize(us(ARM.sameRequest))
  return [
    `first-seen token ${spread(overFloor, times(2))} the floor (target ≤ 2.5×: ${verdict(overFloor.median <= 2.5)}) and ` +
      `${spread(overJose, times(2))} bare jose (target ≤ 0.5×: ${verdict(overJose.median <= 0.5)})`,
    `token seen before ${spread(seenBefore, times(3))} bare jose, ${micros(median(own(ARM.seenBefore)))} ` +
      `(target ≤ 0.05×: ${verdict(seenBefore.median <= 0.05)})`,
    `@clerk/remix takes ${spread(speedUp, times(1))} as long as a first-seen token (target ≥ 10×: ${verdict(speedUp.median >= 10)})`,
    `same Request again ${spread(sameRequest, micros)} (target ≤ 2 µs: ${verdict(sameRequest.median <= 2)})`,
  ]
}

/**
 * What the verified-token cache keeps per token, measured in a fresh process (bench/verifiedTokenMemory.mjs), against
 * the 2.6 KB an entry held before tokens were kept as strings of their own.
 */
function verifiedTokenMemory() {
  const script = fileURLToPath(new URL('./verifiedTokenMemory.mjs', import.meta.url))
  const runs = [1, 2, 3].map(
    () => JSON.parse(execFileSync(process.execPath, ['--expose-gc', script], { encoding: 'utf8' })).bytesPerToken,
  )
  const bytes = median(runs)
  return `the verified-token cache keeps ${formatNumber(bytes)} bytes per token (median of 3 fresh processes: ${runs.map(formatNumber).join(', ')}; target ≤ 1 300: ${bytes <= 1300 ? 'met' : '**not met**'})`
}

function introduction(options, { targets }) {
  return (
    `Both SDKs get the options ${options}, loader arguments \`{ request, context: {}, params: {} }\` and a GET document ` +
    'request whose cookies are `__session`, `__client_uat` and their suffixed twins, as after a Clerk handshake. Every ' +
    'op checks that the userId came back. Arms that take a request build a new `Request` per op inside the timed loop ' +
    '(the jose arm too, to keep the rounds alike); "µs/op without the Request" subtracts the "new Request() alone" row ' +
    'of the same round. The floor arm is the physical floor of a new token: one synchronous `node:crypto.verify` of ' +
    'the token with a KeyObject made once, and nothing else (no Request, no cookies, no decoding). Ratios to the ' +
    'floor, to bare jose and to @clerk/remix compare the arms without the Request. ' +
    'The jose, floor and first-seen arms get a new token per op, minted before the round (untimed); the ' +
    'other arms reuse one token. The same-Request arm calls getAuth with the same arguments and options object ' +
    'again.\n\n' +
    `Targets (median of per-round figures): ${targets.join('; ')}.`
  )
}
