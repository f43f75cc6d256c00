// Benchmark 8: what `getAuth` costs per request for a machine token (`acceptsToken`), first seen and seen before,
// next to a session token, all sent as `Authorization: Bearer …` to an API route, against benchmark 1's baseline
// (a bare jose.jwtVerify of a new session token, with a new Request) in the same process.
//
// The local backend runs in a child process, so a first-seen opaque token (API key, `mt_…`, `oat_…`) pays what it
// pays in production: a round trip to the Backend API's verify endpoint, whose server work is not in this process.
// The "bare fetch" row is that round trip alone: the floor of a first-seen opaque token. Tokens are minted before
// each round (untimed) by an in-process instance on the same database file, each new to every cache.
import { importSPKI, jwtVerify } from 'jose'
import { createLocalClerk } from 'remix-clerk-local'
import { signIn } from 'remix-clerk-local/testing'
import { createClerkClient } from 'remix-clerk/api.server'
import { getAuth } from 'remix-clerk/ssr.server'
import { countingArm } from './countingArm.mjs'
import { compare, summarize } from './harness.mjs'
import { startLocalBackend } from './localBackend.mjs'
import { comparisonTable } from './report.mjs'
import { mintSessionTokens } from './sessionTokens.mjs'

const API = 'http://127.0.0.1:3000/api/invoices'
const BASELINE = "bare jose.jwtVerify of a new session token, pre-imported key (benchmark 1's baseline)"
const ROUND_TRIP = 'bare fetch: POST /api_keys/verify (the round trip a first-seen opaque token needs)'

/** The kinds measured: how one is minted, and what getAuth is asked to accept. */
const KINDS = [
  { label: 'session token (JWT)', acceptsToken: undefined, tokenType: 'session_token' },
  { label: 'API key (ak_…)', acceptsToken: 'api_key', tokenType: 'api_key' },
  { label: 'M2M token, opaque (mt_…)', acceptsToken: 'm2m_token', tokenType: 'm2m_token' },
  { label: 'M2M token, JWT', acceptsToken: 'm2m_token', tokenType: 'm2m_token' },
  { label: 'OAuth access token, opaque (oat_…)', acceptsToken: 'oauth_token', tokenType: 'oauth_token' },
  { label: 'OAuth access token, JWT (at+jwt)', acceptsToken: 'oauth_token', tokenType: 'oauth_token' },
]

export const bench = {
  id: 8,
  title: 'getAuth with machine tokens (acceptsToken): API keys, M2M and OAuth tokens next to a session token',
  async run() {
    const backend = await startLocalBackend()
    let minter
    try {
      // The same database file in this process: the child's instance, for minting without a socket.
      minter = await createLocalClerk({ db: backend.dbPath, url: backend.url })
      const admin = createClerkClient({
        secretKey: backend.secretKey,
        apiUrl: backend.url,
        fetch: (url, init) => minter.fetch(new Request(url, init)),
      })
      const { userId, sessionId } = await signIn(minter, { user: 'ada@example.com' }, API)
      const machine = await admin.machines.create({ name: 'bench sender' })
      const m2m = (format) => async () =>
        (await admin.m2m.createToken({ machineSecretKey: machine.secretKey, tokenFormat: format })).token
      const oauth = (format) => async () => (await minter.createOAuthAccessToken({ userId, format })).token
      const mintOne = [
        async () =>
          (await mintSessionTokens(minter, sessionId, 1, { expiresInSeconds: 3600, origin: new URL(API).origin }))[0],
        async () => (await admin.apiKeys.create({ name: 'bench', subject: userId })).secret,
        m2m('opaque'),
        m2m('jwt'),
        oauth('opaque'),
        oauth('jwt'),
      ]
      const mint = async (index, count) => {
        if (index === 0)
          return mintSessionTokens(minter, sessionId, count, { expiresInSeconds: 3600, origin: new URL(API).origin })
        const tokens = []
        for (let i = 0; i < count; i++) tokens.push(await mintOne[index]())
        return tokens
      }

      // One options object per kind, as an app passes a module constant; networkless for JWTs (jwtKey).
      const base = {
        secretKey: backend.secretKey,
        publishableKey: minter.publishableKey,
        apiUrl: backend.url,
        jwtKey: minter.jwtKey,
      }
      const optionsOf = KINDS.map(({ acceptsToken }) => (acceptsToken ? { ...base, acceptsToken } : base))
      const request = (token) => ({
        request: new Request(API, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } }),
        params: {},
        context: {},
      })
      const check = (kind, auth) => {
        if (!auth?.isAuthenticated || auth.tokenType !== kind.tokenType) {
          throw new Error(
            `${kind.label}: expected an authenticated ${kind.tokenType}, got ${JSON.stringify({ tokenType: auth?.tokenType, reason: auth?.debug?.().reason })}`,
          )
        }
      }

      const publicKey = await importSPKI(minter.jwtKey, 'RS256')
      const sample = (await mint(1, 1))[0]
      const verifyUrl = `${backend.url}/api_keys/verify`
      const verifyInit = {
        method: 'POST',
        headers: { authorization: `Bearer ${backend.secretKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ secret: sample }),
      }
      let forBaseline = []
      let sink
      const arms = [
        {
          name: BASELINE,
          async beforeRound(ops) {
            forBaseline = await mint(0, ops)
          },
          async run(ops) {
            for (let i = 0; i < ops; i++) {
              sink = request(forBaseline[i])
              const { payload } = await jwtVerify(forBaseline[i], publicKey, { algorithms: ['RS256'] })
              if (payload.sub !== userId) throw new Error('baseline: not the user')
            }
          },
        },
        {
          name: ROUND_TRIP,
          async run(ops) {
            for (let i = 0; i < ops; i++) {
              const response = await fetch(verifyUrl, verifyInit)
              if (!response.ok) throw new Error(`bare fetch: HTTP ${response.status}`)
              sink = await response.json()
            }
          },
        },
      ]
      KINDS.forEach((kind, index) => {
        const options = optionsOf[index]
        let fresh = []
        let known
        arms.push(
          {
            name: `${kind.label}, first seen`,
            async beforeRound(ops) {
              fresh = await mint(index, ops)
            },
            async run(ops) {
              for (let i = 0; i < ops; i++) check(kind, await getAuth(request(fresh[i]), options))
            },
          },
          {
            name: `${kind.label}, seen before`,
            async beforeRound() {
              known ??= (await mint(index, 1))[0]
            },
            async run(ops) {
              for (let i = 0; i < ops; i++) check(kind, await getAuth(request(known), options))
            },
          },
        )
      })
      // Untimed: every arm once, so a refused token fails here rather than yields a figure.
      for (const arm of arms) {
        await arm.beforeRound?.(1)
        await arm.run(1)
      }
      const counted = arms.map((arm) => countingArm(arm, { requests: backend.requestCount }))
      const results = await compare({ arms: counted })
      void sink
      const extra = Object.fromEntries(
        counted.map((arm) => [arm.name, { 'Backend API calls (measured rounds)': String(arm.total('requests')) }]),
      )
      return {
        sections: [
          {
            heading: 'Per request, `Authorization: Bearer`, new Request per op',
            text: introduction(results),
            table: comparisonTable({ results, extra }),
          },
        ],
      }
    } finally {
      await minter?.close()
      await backend.close()
    }
  },
}

function introduction(results) {
  const ratio = (name) => summarize(results.find((result) => result.name === name).ratios).median
  const pair = (label) =>
    `${label}: ${ratio(`${label}, first seen`).toFixed(2)}× / ${ratio(`${label}, seen before`).toFixed(3)}×`
  return (
    '`getAuth(args, { ...keys, acceptsToken })` of remix-clerk/ssr.server, one options object per kind (with `jwtKey`: ' +
    'JWTs verify with no network), on a request to an API route carrying the token as `Authorization: Bearer`; every ' +
    'op checks that the auth object is authenticated and of the expected kind. First-seen arms get a token minted ' +
    'before the round (untimed); seen-before arms reuse one. Opaque tokens are verified by the local backend in a ' +
    'child process over loopback HTTP (what the bare fetch row costs alone) and remembered for 10 s, so a seen-before ' +
    "opaque token makes a call every 10 s (the Backend API column). Every arm's time, the baseline's included, has " +
    'one `new Request()` in it.\n\n' +
    `Time vs the baseline, first seen / seen before (median of per-round ratios): ${KINDS.map(({ label }) => pair(label)).join('; ')}.`
  )
}
