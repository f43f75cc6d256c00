// Child process of benchmark 4: the least any server can do to mint over HTTP. A bare node:http server whose every
// request is answered with the floor's own node:crypto signature and `{ "object": "token", "jwt": … }`: no routing, no
// authentication, no database. What it loses against bare jose in one process is what HTTP and the load generator
// cost on this machine, whatever the server; the local backend's HTTP row is read against it.
import { createServer } from 'node:http'
import { floorSigner } from './bareSigner.mjs'
import { answerParent } from './childServer.mjs'
import { readInstancePrivateKey } from './instanceKey.mjs'

const [dbPath, sampleJwt] = process.argv.slice(2)
if (!dbPath || !sampleJwt || !process.send) {
  console.error(
    'usage: node bench/floorHttpServer.mjs DB_PATH SAMPLE_JWT (forked with an IPC channel by bench/minting.mjs)',
  )
  process.exit(2)
}

// The very key of the local backend under test, read from its database file as the parent reads it.
const mint = floorSigner(sampleJwt, readInstancePrivateKey(dbPath))
const server = createServer((request, response) => {
  request.resume()
  mint().then(
    (jwt) => {
      const body = JSON.stringify({ object: 'token', jwt })
      response
        .writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) })
        .end(body)
    },
    (error) => response.writeHead(500).end(String(error)),
  )
})
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
answerParent({
  shutdown: async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  },
})
process.send({ type: 'ready', url: `http://127.0.0.1:${server.address().port}` })
