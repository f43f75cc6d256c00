// Where does a template mint spend its time? Runs one layer of benchmark 4 on its own, long enough that setup is
// noise in a CPU profile:
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/profileMinting.mjs fetch 1000
// then open the .cpuprofile in Chrome DevTools (Performance) or VS Code. Layers: `getToken` (the minter),
// `fetch` (the minter behind the Backend API routing, in process), `jose` (bare SignJWT of the same token).
import { SignJWT, decodeJwt, decodeProtectedHeader, importPKCS8 } from 'jose'
import { createLocalClerk } from 'remix-clerk-local'
import { join } from 'node:path'
import { readInstancePrivateKey } from './instanceKey.mjs'
import { makeTempDir } from './lifecycle.mjs'
import { TEMPLATE_SIZES, seedInstance, templateName } from './seed.mjs'

const LAYERS = ['getToken', 'fetch', 'jose']
const [layer = 'fetch', sizeArg = '10', countArg = '3000'] = process.argv.slice(2)
const size = Number(sizeArg)
if (!LAYERS.includes(layer) || !TEMPLATE_SIZES.includes(size)) {
  console.error(
    `usage: node --cpu-prof bench/profileMinting.mjs <${LAYERS.join('|')}> <${TEMPLATE_SIZES.join('|')}> [count]`,
  )
  process.exit(2)
}

const dir = makeTempDir('profile')
const dbPath = join(dir.path, 'local-clerk.db')
const clerk = await createLocalClerk({ db: dbPath })
try {
  const inProcess = (url, init) => clerk.fetch(new Request(url, init))
  const { sessionId } = await seedInstance({ apiUrl: clerk.apiUrl, secretKey: clerk.secretKey, fetch: inProcess })
  const template = templateName(size)
  const url = `${clerk.apiUrl}/v1/sessions/${sessionId}/tokens/${template}`
  const init = { method: 'POST', headers: { Authorization: `Bearer ${clerk.secretKey}` } }
  const sample = await clerk.getToken(sessionId, { template })
  const key = await importPKCS8(readInstancePrivateKey(dbPath), 'RS256')
  const mint = {
    getToken: () => clerk.getToken(sessionId, { template }),
    fetch: async () => (await (await inProcess(url, init)).json()).jwt,
    jose: () => new SignJWT(decodeJwt(sample)).setProtectedHeader(decodeProtectedHeader(sample)).sign(key),
  }[layer]
  const count = Number(countArg)
  const started = performance.now()
  for (let i = 0; i < count; i++) await mint()
  console.log(
    `${layer}, ${size} claims: ${(((performance.now() - started) * 1000) / count).toFixed(0)} µs per token, one at a time`,
  )
} finally {
  await clerk.close()
  dir.remove()
}
