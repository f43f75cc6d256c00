// Benchmark 3: what our Backend API client adds to a bare `fetch` when a loader asks for a template token, and what
// single-flight saves when parallel loaders ask for the same one.
import { createClerkClient } from 'remix-clerk/api.server'
import { countingArm } from './countingArm.mjs'
import { compare } from './harness.mjs'
import { startLocalBackend } from './localBackend.mjs'
import { comparisonTable } from './report.mjs'
import { seedInstance, templateName } from './seed.mjs'

const TEMPLATE = templateName(10)
const CONCURRENT_CALLS = 32

export const bench = {
  id: 3,
  title: 'Backend API client: sessions.getToken vs a bare fetch',
  async run() {
    const backend = await startLocalBackend()
    try {
      const { sessionId } = await seedInstance({ apiUrl: backend.url, secretKey: backend.secretKey })
      const options = { secretKey: backend.secretKey, apiUrl: backend.url }
      const request = {
        url: `${backend.url}/v1/sessions/${sessionId}/tokens/${TEMPLATE}`,
        init: await clientRequestInit(options, sessionId),
      }

      // A client per call, as a loader creates one.
      const ours = async () => jwtOf(await createClerkClient(options).sessions.getToken(sessionId, TEMPLATE))
      const bare = async () => {
        const response = await fetch(request.url, request.init)
        if (!response.ok) throw new Error(`bare fetch: HTTP ${response.status} ${await response.text()}`)
        return jwtOf(await response.json())
      }

      const sequential = await compare({
        arms: [
          { name: 'bare fetch + response.json()', run: (ops) => repeat(ops, bare) },
          { name: 'createClerkClient().sessions.getToken()', run: (ops) => repeat(ops, ours) },
        ],
      })

      const counted = (name, call) =>
        countingArm({ name, run: (ops) => repeat(ops, () => batch(call)) }, { requests: backend.requestCount })
      const concurrentArms = [
        counted(`${CONCURRENT_CALLS} × bare fetch`, bare),
        counted(`${CONCURRENT_CALLS} × getToken()`, ours),
      ]
      const concurrent = await compare({ arms: concurrentArms })

      return {
        sections: [
          {
            heading: `Sequential getToken (template of 10 claims), one call at a time`,
            text:
              'Both arms POST to the same remix-clerk-local endpoint in another process, over keep-alive HTTP, with the ' +
              'headers our client sends. The client arm creates a client per call, as a loader does.',
            table: comparisonTable({ results: sequential }),
          },
          {
            heading: `${CONCURRENT_CALLS} concurrent identical getToken calls`,
            text:
              `One batch is ${CONCURRENT_CALLS} calls started together and awaited together. "HTTP requests per batch" is ` +
              'counted by the server (median over the measured rounds): our client joins identical in-flight calls.',
            table: comparisonTable({
              results: concurrent,
              unit: 'batch',
              extra: Object.fromEntries(
                concurrentArms.map((arm) => [
                  arm.name,
                  { 'HTTP requests per batch': String(arm.medianPerOp('requests')) },
                ]),
              ),
            }),
          },
        ],
      }
    } finally {
      await backend.close()
    }
  },
}

/** The exact method and headers our client sends, captured by handing it a recording (but real) fetch once. */
async function clientRequestInit(options, sessionId) {
  let captured
  const recordingFetch = (url, init) => {
    captured = { method: init.method, headers: { ...init.headers } }
    return fetch(url, init)
  }
  await createClerkClient({ ...options, fetch: recordingFetch }).sessions.getToken(sessionId, TEMPLATE)
  if (!captured) throw new Error('the client made no request to capture')
  return captured
}

function jwtOf(token) {
  if (typeof token?.jwt !== 'string' || !token.jwt.startsWith('eyJ'))
    throw new Error(`expected a token, got ${JSON.stringify(token)}`)
  return token.jwt
}

async function repeat(ops, call) {
  for (let i = 0; i < ops; i++) await call()
}

async function batch(call) {
  await Promise.all(Array.from({ length: CONCURRENT_CALLS }, call))
}
