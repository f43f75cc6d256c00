// Benchmark 2: a document request through Remix's real request handler with 1, 4 and 16 nested loaders, each
// authenticating and asking for a template token, as the parallel loaders of one page do. Remix hands every loader a
// Request of its own, so what loaders share is whatever the SDK shares between requests.
import { getAuth as clerkGetAuth } from '@clerk/remix/ssr.server'
import { json } from '@remix-run/server-runtime'
import { createClerkClient } from 'remix-clerk/api.server'
import { getAuth } from 'remix-clerk/ssr.server'
import { createLocalClerk } from 'remix-clerk-local'
import { signIn } from 'remix-clerk-local/testing'
import { countSignatureVerifications, countingArm } from './countingArm.mjs'
import { compare, summarize } from './harness.mjs'
import { startLocalBackend } from './localBackend.mjs'
import { nestedRoutesHandler, pathFor, routeIds } from './remixBuild.mjs'
import { comparisonTable, formatNumber } from './report.mjs'
import { seedInstance, templateClaims } from './seed.mjs'
import { mintSessionTokens } from './sessionTokens.mjs'

const APP = 'http://127.0.0.1:3000'
const DEPTHS = [1, 4, 16]
const TEMPLATE = 'test'

const ARM = {
  remix: 'Remix alone (loaders return json(null))',
  clerk: '@clerk/remix getAuth + getToken({ template })',
  ours: 'ours: getAuth + getToken({ template })',
}

export const bench = {
  id: 2,
  title: "Remix's request handler with 1, 4 and 16 nested loaders",
  async run() {
    const backend = await startLocalBackend()
    const apiUrlBefore = process.env.CLERK_API_URL
    const verifications = countSignatureVerifications()
    let minter
    try {
      const { userId } = await seedInstance({ apiUrl: backend.url, secretKey: backend.secretKey })
      await createClerkClient({ apiUrl: backend.url, secretKey: backend.secretKey }).jwtTemplates.create({
        name: TEMPLATE,
        claims: templateClaims(10),
        lifetime: 3600,
      })
      // The same database file in this process: the child's key, session and template, for minting session tokens.
      minter = await createLocalClerk({ db: backend.dbPath, url: backend.url })
      // A browser's cookies after a Clerk handshake: `__session` and `__client_uat`, plain and suffixed.
      const { sessionId, token: signInToken, headers } = await signIn(minter, { user: userId }, APP)
      const [before, between, after] = headers.get('cookie').split(signInToken)
      const cookieFor = (jwt) => `${before}${jwt}${between}${jwt}${after}`
      const mint = (count) => mintSessionTokens(minter, sessionId, count, { expiresInSeconds: 3600, origin: APP })
      const [token] = await mint(1)

      // Networkless verification (jwtKey) on both sides, so the Backend API calls counted are the template tokens.
      const options = {
        secretKey: backend.secretKey,
        publishableKey: minter.publishableKey,
        apiUrl: backend.url,
        jwtKey: minter.jwtKey,
      }
      // @clerk/remix ignores the apiUrl option and reads only CLERK_API_URL: set for both SDKs alike.
      process.env.CLERK_API_URL = backend.url
      const authLoader = (sdkGetAuth) => async (args) => {
        const auth = await sdkGetAuth(args, options)
        const templateToken = await auth.getToken({ template: TEMPLATE })
        return json({ userId: auth.userId, templateToken: templateToken?.length ?? 0 })
      }
      const loaders = {
        [ARM.remix]: () => json(null),
        [ARM.clerk]: authLoader(clerkGetAuth),
        [ARM.ours]: authLoader(getAuth),
      }
      const counters = { requests: backend.requestCount, verifications: verifications.count }

      const sections = []
      for (const fresh of [true, false]) {
        for (const depth of DEPTHS) {
          const page = `${APP}${pathFor(depth)}`
          const send = (handler, jwt) =>
            handler(
              new Request(page, {
                headers: { cookie: cookieFor(jwt), accept: 'text/html', 'sec-fetch-dest': 'document' },
              }),
            )
          const arms = []
          for (const [name, loader] of Object.entries(loaders)) {
            const handler = nestedRoutesHandler(depth, loader)
            const authenticates = name !== ARM.remix
            // Untimed: every loader saw the user and got a template token, else the arm fails and yields no figure.
            const sample = await send(handler, (await mint(1))[0])
            const body = await sample.text()
            checkPage(name, depth, sample.status, body, authenticates ? userId : undefined)
            let tokens = []
            arms.push(
              countingArm(
                {
                  name,
                  // A new token per request (minted before the round, untimed), as if every request came from another
                  // browser; or the same token on every request, as one browser sends it for about a minute.
                  async beforeRound(ops) {
                    tokens = fresh && authenticates ? await mint(ops) : []
                  },
                  async run(ops) {
                    for (let i = 0; i < ops; i++) {
                      const response = await send(handler, tokens[i] ?? token)
                      const text = await response.text()
                      // Cheap per request, and enough: a signed-out loader or a redirect changes status or length.
                      if (response.status !== 200 || text.length !== body.length) {
                        throw new Error(
                          `${name}, depth ${depth}: HTTP ${response.status}, unexpected page ${text.slice(0, 300)}`,
                        )
                      }
                    }
                  },
                },
                counters,
              ),
            )
          }
          const results = await compare({ arms })
          sections.push({
            heading: `${depth} nested loader${depth === 1 ? '' : 's'}, ${fresh ? 'a new token on every request' : 'the same token on every request'}`,
            text: describe(depth, fresh, results),
            table: comparisonTable({
              results,
              unit: 'request',
              extra: Object.fromEntries(
                arms.map((arm) => [
                  arm.name,
                  {
                    'Backend API calls per request': formatNumber(arm.medianPerOp('requests')),
                    'signature verifications per request': formatNumber(arm.medianPerOp('verifications')),
                  },
                ]),
              ),
            }),
          })
        }
      }
      return { sections }
    } finally {
      verifications.restore()
      if (apiUrlBefore === undefined) delete process.env.CLERK_API_URL
      else process.env.CLERK_API_URL = apiUrlBefore
      await minter?.close()
      await backend.close()
    }
  },
}

/** Every route's loader data names the user and a template token (or is null for the Remix-alone build). */
function checkPage(name, depth, status, body, userId) {
  const data = status === 200 ? JSON.parse(body) : undefined
  const routes = routeIds(depth)
  const ok =
    data !== undefined &&
    Object.keys(data).length === depth &&
    routes.every((id) =>
      userId === undefined ? data[id] === null : data[id]?.userId === userId && data[id].templateToken > 0,
    )
  if (!ok)
    throw new Error(
      `${name}, depth ${depth}: expected every loader to see ${userId ?? 'null'}, got HTTP ${status} ${body.slice(0, 300)}`,
    )
}

function describe(depth, fresh, results) {
  const [, clerk, ours] = results
  const vsClerk = summarize(ours.usPerOp.map((us, round) => us / clerk.usPerOp[round]))
  const times = (x) => `${x.toFixed(2)}×`
  return (
    `GET ${pathFor(depth)} (${depth} route${depth === 1 ? '' : 's'}) through \`createRequestHandler\` from ` +
    '@remix-run/server-runtime, one request at a time, the response body read. Every loader of the SDK builds calls ' +
    `getAuth and then \`getToken({ template: '${TEMPLATE}' })\` (a template of 10 claims) against remix-clerk-local in ` +
    'its own process; verification is networkless (`jwtKey`) on both sides. ' +
    (fresh
      ? 'Each request carries a session token that no cache has seen (minted before the round, untimed). '
      : 'Every request carries the same session token. ') +
    'Calls and verifications are medians per request over the measured rounds (verifications counted at ' +
    "`crypto.subtle.verify`, which @clerk/remix uses, and at `node:crypto`'s `verify`, which ours uses on Node).\n\n" +
    `Ours takes ${times(vsClerk.median)} (p25–p75 ${times(vsClerk.p25)}–${times(vsClerk.p75)}) the time of @clerk/remix per request.`
  )
}
