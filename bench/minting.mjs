// Benchmark 4: how close remix-clerk-local's template-token minting comes to signing the same token with bare jose
// and the same RSA key, layer by layer: the minter alone, the minter behind its HTTP routing (in process), and the
// whole server over HTTP in another process.
import { randomBytes } from 'node:crypto'
import { Agent, request } from 'node:http'
import { SignJWT, decodeJwt, decodeProtectedHeader, importPKCS8, importSPKI, jwtVerify } from 'jose'
import { createLocalClerk } from 'remix-clerk-local'
import { countingArm } from './countingArm.mjs'
import { compare, runConcurrently } from './harness.mjs'
import { startLocalBackend } from './localBackend.mjs'
import { comparisonTable, formatNumber } from './report.mjs'
import { TEMPLATE_SIZES, seedInstance, templateName } from './seed.mjs'

/** Tokens in flight at once, as a server minting for several loaders and users sees them. */
const IN_FLIGHT = 8

export const bench = {
  id: 4,
  title: 'remix-clerk-local: template tokens minted per second vs bare jose.SignJWT',
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
        const viaFetch = () => postInProcess(inProcess.fetch, `${backend.url}${path}`, headers)
        const viaGetToken = () => inProcess.getToken(sessionId, { template })
        const sample = await overHttp()
        const bareJose = bareSigner(sample, signingKey)
        await checkSameTokens([bareJose, viaGetToken, viaFetch, overHttp], publicKey, sample)

        // CPU time (user + system, every thread: Web Crypto signs on libuv's pool) of the process that mints.
        const arm = (name, mint, cpu = ownCpuMicros) =>
          countingArm({ name, minOps: IN_FLIGHT, run: (ops) => runConcurrently(ops, IN_FLIGHT, mint) }, { cpu })
        const arms = [
          arm('bare jose.SignJWT, same key and payload', bareJose),
          arm('localClerk.getToken() (minter only)', viaGetToken),
          arm('localClerk.fetch(Request) (in process)', viaFetch),
          arm('HTTP to the server in another process', overHttp, backend.cpuMicros),
        ]
        const results = await compare({ arms })
        const baselineCpu = arms[0].medianPerOp('cpu')
        const extra = Object.fromEntries(
          arms.map((a) => [
            a.name,
            {
              'CPU µs/token of the minting process': formatNumber(a.medianPerOp('cpu')),
              'tokens per CPU-second vs baseline': `${((baselineCpu / a.medianPerOp('cpu')) * 100).toFixed(0)} %`,
            },
          ]),
        )
        sections.push({
          heading: `Template of ${size} claims (${Buffer.byteLength(sample)} bytes per token), ${IN_FLIGHT} in flight`,
          text:
            'Throughput as a share of bare jose signing the same payload with the same key (target: ≥ 70 %). The ' +
            'HTTP row shares the 2 cores with its load generator (node:http, keep-alive) and pays for the sockets; ' +
            'its CPU column is the server process alone, so "tokens per CPU-second" is what the server would mint ' +
            'with the machine to itself. CPU figures are medians per token over the measured rounds, every thread ' +
            'of the process counted (Web Crypto signs on libuv\'s thread pool).',
          table: comparisonTable({ results, ratio: 'throughput', unit: 'token', extra }),
        })
      }
      return { sections }
    } finally {
      agent.destroy()
      await inProcess?.close()
      await backend.close()
    }
  },
}

async function postInProcess(fetchFunction, url, headers) {
  const response = await fetchFunction(new Request(url, { method: 'POST', headers }))
  if (!response.ok) throw new Error(`POST ${new URL(url).pathname}: HTTP ${response.status} ${await response.text()}`)
  return (await response.json()).jwt
}

/** The same POST as `postInProcess`, over HTTP over a keep-alive socket of `agent`, without fetch's streams. */
function postOverHttp(agent, url, headers) {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'POST', agent, headers: { ...headers, 'Content-Length': '0' } }, (response) => {
      const chunks = []
      response.on('data', (chunk) => chunks.push(chunk))
      response.on('error', reject)
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        if (response.statusCode !== 200) reject(new Error(`POST ${new URL(url).pathname}: HTTP ${response.statusCode} ${text}`))
        else resolve(JSON.parse(text).jwt)
      })
    })
    outgoing.on('error', reject)
    outgoing.end()
  })
}

function ownCpuMicros() {
  const { user, system } = process.cpuUsage()
  return user + system
}

/**
 * Signs what the server signs: the sample's header and claims, with fresh times and `jti` like every mint. The claims
 * object is built once and updated in place (SignJWT clones it when constructed), the cheapest way to use jose.
 */
function bareSigner(sampleJwt, signingKey) {
  const header = decodeProtectedHeader(sampleJwt)
  const claims = decodeJwt(sampleJwt)
  const { lifetime, skew } = { lifetime: claims.exp - claims.iat, skew: claims.iat - claims.nbf }
  return () => {
    const now = Math.floor(Date.now() / 1000)
    claims.exp = now + lifetime
    claims.iat = now
    claims.nbf = now - skew
    claims.jti = randomBytes(10).toString('hex')
    return new SignJWT(claims).setProtectedHeader(header).sign(signingKey)
  }
}

/** Untimed: every arm's token verifies with the instance's public key and carries the same claim names. */
async function checkSameTokens(mints, publicKey, sampleJwt) {
  const expected = Object.keys(decodeJwt(sampleJwt)).sort().join()
  for (const mint of mints) {
    const { payload } = await jwtVerify(await mint(), publicKey, { algorithms: ['RS256'] })
    if (Object.keys(payload).sort().join() !== expected) throw new Error('the arms do not mint the same claims; the comparison would be unfair')
  }
}
