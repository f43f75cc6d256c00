// Benchmark 4: how close remix-clerk-local's template-token minting comes to the floor, one node:crypto signature of
// the same token with the same RSA key, per CPU-second, layer by layer: the minter alone, the minter behind its HTTP
// routing (in process), and the whole server over HTTP in another process; beside bare jose.SignJWT and the ceiling
// of any server over HTTP on the same machine (the floor behind bare node:http, bench/floorHttpServer.mjs).
import { Agent, request } from 'node:http'
import { decodeJwt, importPKCS8, importSPKI, jwtVerify } from 'jose'
import { createLocalClerk } from 'remix-clerk-local'
import { bareSigner, floorSigner } from './bareSigner.mjs'
import { forkChildServer } from './childServer.mjs'
import { countingArm } from './countingArm.mjs'
import { compare, envInteger, processCpuMicros, runConcurrently, summarize } from './harness.mjs'
import { startLocalBackend } from './localBackend.mjs'
import { comparisonTable, formatNumber } from './report.mjs'
import { TEMPLATE_SIZES, seedInstance, templateName } from './seed.mjs'

/** Tokens in flight at once, as a server minting for several loaders and users sees them. */
const IN_FLIGHT = envInteger('BENCH_MINT_IN_FLIGHT', 8)
const CEILING = 'ceiling: the floor behind node:http in another process'
const SERVER = 'HTTP to the server in another process'
/** Tokens per server CPU-second, as a share of the floor's. */
const TARGET_SHARE = 0.8
/** Tokens per server CPU-second, as a share of the ceiling's (the floor behind bare node:http): issue 26. */
const TARGET_CEILING_SHARE = 0.9

export const bench = {
  id: 4,
  title: 'remix-clerk-local: template tokens minted per CPU-second vs one node:crypto signature',
  async run() {
    const backend = await startLocalBackend()
    // The load generator is kept as cheap as it can be (node:http, keep-alive), because on a small machine every
    // µs it spends is taken from the server it measures.
    const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT })
    let inProcess
    try {
      const { sessionId } = await seedInstance({ apiUrl: backend.url, secretKey: backend.secretKey })
      // The same database file: the in-process instance has the child's key, user, session and templates.
      inProcess = await createLocalClerk({ db: backend.dbPath, url: backend.url })
      const signingKey = await importPKCS8(backend.privateKeyPem, 'RS256')
      const publicKey = await importSPKI(inProcess.jwtKey, 'RS256')
      const headers = { Authorization: `Bearer ${backend.secretKey}` }
      const sections = []
      for (const size of TEMPLATE_SIZES) {
        const template = templateName(size)
        const path = `/v1/sessions/${sessionId}/tokens/${template}`
        const overHttp = () => postOverHttp(agent, `${backend.url}${path}`, headers)
        const sample = await overHttp()
        const ceiling = await forkChildServer(new URL('./floorHttpServer.mjs', import.meta.url), [
          backend.dbPath,
          sample,
        ])
        try {
          const mints = {
            floor: floorSigner(sample, backend.privateKeyPem),
            bareJose: bareSigner(sample, signingKey),
            getToken: () => inProcess.getToken(sessionId, { template }),
            fetch: () => postInProcess(inProcess.fetch, `${backend.url}${path}`, headers),
            overHttp,
            ceiling: () => postOverHttp(agent, ceiling.ready.url, {}),
          }
          await checkSameTokens(Object.values(mints), publicKey, sample)
          sections.push(
            await measureSize({
              size,
              sample,
              mints,
              cpu: { server: backend.cpuMicros, ceiling: () => ceiling.ask('cpu') },
            }),
          )
        } finally {
          await ceiling.stop()
        }
      }
      return { sections }
    } finally {
      agent.destroy()
      await inProcess?.close()
      await backend.close()
    }
  },
}

/** Benchmark 4's table for one template size. */
async function measureSize({ size, sample, mints, cpu }) {
  // CPU time (user + system, every thread: Web Crypto signs on libuv's pool) of the process that mints.
  const arm = (name, mint, cpuMicros = processCpuMicros) =>
    countingArm({ name, minOps: IN_FLIGHT, run: (ops) => runConcurrently(ops, IN_FLIGHT, mint) }, { cpu: cpuMicros })
  const arms = [
    arm('floor: node:crypto.sign, same key and payload', mints.floor),
    arm('bare jose.SignJWT, same key and payload', mints.bareJose),
    arm('localClerk.getToken() (minter only)', mints.getToken),
    arm('localClerk.fetch(Request) (in process)', mints.fetch),
    arm(SERVER, mints.overHttp, cpu.server),
    arm(CEILING, mints.ceiling, cpu.ceiling),
  ]
  const results = await compare({ arms })
  const baselineCpu = arms[0].medianPerOp('cpu')
  const extra = Object.fromEntries(
    arms.map((a) => [
      a.name,
      {
        'CPU µs/token of the minting process': formatNumber(a.medianPerOp('cpu')),
        'tokens per CPU-second vs the floor': `${((baselineCpu / a.medianPerOp('cpu')) * 100).toFixed(0)} %`,
      },
    ]),
  )
  // Ours over HTTP against the ceiling, round by round (both are ratios to the baseline of the same round).
  const [, , , , ours, ceiling] = results
  const ofCeiling = summarize(ours.ratios.map((ratio, round) => ceiling.ratios[round] / ratio))
  const percent = (value) => `${(value * 100).toFixed(0)} %`
  const serverShare = baselineCpu / arms[4].medianPerOp('cpu')
  const joseShare = baselineCpu / arms[1].medianPerOp('cpu')
  const ceilingCpuShare = arms[5].medianPerOp('cpu') / arms[4].medianPerOp('cpu')
  return {
    heading: `Template of ${size} claims (${Buffer.byteLength(sample)} bytes per token), ${IN_FLIGHT} in flight`,
    text:
      `Target: the server over HTTP mints at least ${percent(TARGET_SHARE)} of the floor's tokens per CPU-second: ` +
      `${percent(serverShare)} (${serverShare >= TARGET_SHARE ? 'met' : '**not met**'}); bare jose.SignJWT mints ` +
      `${percent(joseShare)} of them. Per server CPU-second, the server over HTTP mints ${percent(ceilingCpuShare)} of ` +
      `the ceiling's tokens (target ≥ ${percent(TARGET_CEILING_SHARE)}: ` +
      `${ceilingCpuShare >= TARGET_CEILING_SHARE ? 'met' : '**not met**'}). The floor is one node:crypto.sign of the same header and claims with the same ` +
      'key, synchronous, with a KeyObject made once. "Tokens per CPU-second" counts the CPU time (user + system, ' +
      "every thread, so Web Crypto's work on libuv's pool too) of the process that mints: for the HTTP rows, the " +
      'server process alone, which shares the 2 cores with its load generator (node:http, keep-alive). Throughput is ' +
      'wall-clock, against the floor in the same round. The last row is the ceiling of any server over HTTP on this ' +
      'machine: a bare node:http server in another process whose handler is the floor, with no routing, ' +
      `authentication or database. The local backend over HTTP mints ${percent(ofCeiling.median)} (p25–p75 ` +
      `${percent(ofCeiling.p25)}–${percent(ofCeiling.p75)}) of that ceiling's tokens per second.`,
    table: comparisonTable({ results, ratio: 'throughput', unit: 'token', extra }),
  }
}

async function postInProcess(fetchFunction, url, headers) {
  const response = await fetchFunction(new Request(url, { method: 'POST', headers }))
  if (!response.ok) throw new Error(`POST ${new URL(url).pathname}: HTTP ${response.status} ${await response.text()}`)
  return (await response.json()).jwt
}

/** The same POST as `postInProcess`, over HTTP over a keep-alive socket of `agent`, without fetch's streams. */
function postOverHttp(agent, url, headers) {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method: 'POST', agent, headers: { ...headers, 'Content-Length': '0' } },
      (response) => {
        const chunks = []
        response.on('data', (chunk) => chunks.push(chunk))
        response.on('error', reject)
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          if (response.statusCode !== 200)
            reject(new Error(`POST ${new URL(url).pathname}: HTTP ${response.statusCode} ${text}`))
          else resolve(JSON.parse(text).jwt)
        })
      },
    )
    outgoing.on('error', reject)
    outgoing.end()
  })
}

/** Untimed: every arm's token verifies with the instance's public key and carries the same claim names. */
async function checkSameTokens(mints, publicKey, sampleJwt) {
  const expected = Object.keys(decodeJwt(sampleJwt)).sort().join()
  for (const mint of mints) {
    const { payload } = await jwtVerify(await mint(), publicKey, { algorithms: ['RS256'] })
    if (Object.keys(payload).sort().join() !== expected)
      throw new Error('the arms do not mint the same claims; the comparison would be unfair')
  }
}
