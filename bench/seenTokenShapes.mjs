// Benchmark 1, third table: getAuth on a token seen before, for every cookie shape a browser sends and for page and
// data requests, against bare jose.jwtVerify in the same rounds. Each arm builds a fresh Request per op inside the
// timed loop; a "Request alone" arm of the same shape and kind, in the same round, is taken off it.
import { importSPKI, jwtVerify } from 'jose'
import { getAuth } from 'remix-clerk/ssr.server'
import { compare, median, summarize } from './harness.mjs'
import { comparisonTable, formatNumber } from './report.mjs'

const ORIGIN = 'http://127.0.0.1:3000'

/** What a browser sends for a page and for Remix's two kinds of data request. */
const REQUEST_KINDS = {
  document: {
    label: 'document',
    url: `${ORIGIN}/dashboard`,
    headers: { accept: 'text/html,application/xhtml+xml', 'sec-fetch-dest': 'document', 'sec-fetch-mode': 'navigate' },
  },
  data: {
    label: 'data, `?_data=` (accept: application/json)',
    url: `${ORIGIN}/dashboard?_data=routes%2Fdashboard`,
    headers: { accept: 'application/json', 'sec-fetch-dest': 'empty', 'sec-fetch-mode': 'cors' },
  },
  singleFetch: {
    label: 'data, single fetch `.data`',
    url: `${ORIGIN}/dashboard.data`,
    headers: { accept: '*/*', 'sec-fetch-dest': 'empty', 'sec-fetch-mode': 'cors' },
  },
}

/**
 * The token as a browser carries it: only `__session` and `__client_uat` (one app on its domain, no suffixed cookies
 * yet), both sets with the `__refresh` cookie (as after a handshake), or an `Authorization: Bearer` header (a fetch
 * that sends the token itself).
 */
function cookieShapes(session) {
  const { cookieFor } = session
  const clientUat = /(?:^|; )__client_uat=(\d+)/.exec(cookieFor('x'))?.[1]
  if (clientUat === undefined) throw new Error('expected __client_uat in the signed-in cookies')
  return {
    plain: {
      label: 'plain `__session` + `__client_uat`',
      headersFor: (jwt) => ({ cookie: `__session=${jwt}; __client_uat=${clientUat}` }),
    },
    twins: { label: 'plain and suffixed twins + `__refresh`', headersFor: (jwt) => ({ cookie: cookieFor(jwt) }) },
    bearer: { label: '`Authorization: Bearer`', headersFor: (jwt) => ({ authorization: `Bearer ${jwt}` }) },
  }
}

const JOSE = 'bare jose.jwtVerify, pre-imported key (new token per op)'
const TARGET = 0.05

/** One comparison: bare jose, then per (shape, kind) getAuth on the session's token and the Request alone. */
export async function seenTokenShapes(session, jwtKey, options) {
  const { userId, token } = session
  const shapes = cookieShapes(session)
  const publicKey = await importSPKI(jwtKey, 'RS256')
  const cases = []
  for (const [shapeName, shape] of Object.entries(shapes)) {
    for (const [kindName, kind] of Object.entries(REQUEST_KINDS)) {
      const headers = { ...kind.headers, ...shape.headersFor(token) }
      cases.push({
        name: `${shapeName}/${kindName}`,
        label: `${shape.label}, ${kind.label}`,
        newRequest: () => new Request(kind.url, { headers }),
      })
    }
  }
  const fail = (label, auth) => {
    throw new Error(
      `${label}: expected userId ${userId}, got ${JSON.stringify(auth?.userId)} (${auth?.reason ?? 'no reason'})`,
    )
  }
  let forJose = []
  let sink
  const arms = [
    {
      name: JOSE,
      async beforeRound(ops) {
        forJose = await session.mint(ops)
      },
      async run(ops) {
        for (let i = 0; i < ops; i++) {
          const { payload } = await jwtVerify(forJose[i], publicKey, { algorithms: ['RS256'] })
          if (payload.sub !== userId) fail(JOSE, { userId: payload.sub })
        }
      },
    },
  ]
  for (const { label, newRequest } of cases) {
    arms.push({
      name: `ours: ${label}`,
      async run(ops) {
        for (let i = 0; i < ops; i++) {
          const auth = await getAuth({ request: newRequest(), context: {}, params: {} }, options)
          if (auth.userId !== userId) fail(label, auth)
        }
      },
    })
    arms.push({
      name: `new Request() alone: ${label}`,
      async run(ops) {
        for (let i = 0; i < ops; i++) sink = newRequest()
      },
    })
  }
  // Untimed: every arm once, so a signed-out shape fails here rather than after the rounds.
  for (const arm of arms) {
    await arm.beforeRound?.(1)
    await arm.run(1)
  }
  const results = await compare({ arms })
  void sink

  const byName = Object.fromEntries(results.map((result) => [result.name, result]))
  const jose = byName[JOSE].usPerOp
  const rows = []
  const extra = {}
  for (const { label } of cases) {
    const ours = byName[`ours: ${label}`].usPerOp
    const request = byName[`new Request() alone: ${label}`].usPerOp
    const own = ours.map((us, round) => us - request[round])
    const ratio = summarize(own.map((us, round) => us / jose[round]))
    rows.push({ label, own: median(own), ratio })
    extra[`ours: ${label}`] = {
      'µs/op without the Request': formatNumber(median(own)),
      'vs bare jose, without the Request (median, min–max)': `${ratio.median.toFixed(3)}× (${ratio.min.toFixed(3)}×–${ratio.max.toFixed(3)}×)`,
    }
  }
  const worst = rows.reduce((a, b) => (b.ratio.median > a.ratio.median ? b : a))
  const met = rows.every((row) => row.ratio.median <= TARGET)
  const text =
    'Every op is one `getAuth` on a new `Request` carrying the same token, already verified (seen before); options ' +
    '`{ secretKey, publishableKey, jwtKey }`. The three shapes a browser sends (only the plain `__session` and ' +
    '`__client_uat`; the plain and suffixed twins with `__refresh`, as after a handshake; an `Authorization: Bearer` ' +
    'header) times the three kinds of request (a document navigation; a Remix data request `?_data=routes%2F…`; a ' +
    'single-fetch `.data` request). "Without the Request" takes off the same round\'s "new Request() alone" arm of ' +
    'the same shape and kind; the ratio is against bare `jose.jwtVerify` of a new token (no Request) in the same ' +
    'round.\n\n' +
    `Target: every shape and kind ≤ ${TARGET}× bare jose (median of per-round ratios): ${met ? 'met' : '**not met**'}; ` +
    `the slowest is ${worst.label}, ${worst.ratio.median.toFixed(3)}× (p25–p75 ${worst.ratio.p25.toFixed(3)}×–` +
    `${worst.ratio.p75.toFixed(3)}×), ${formatNumber(worst.own)} µs.`
  return { text, table: comparisonTable({ results, extra }), rows }
}
