// Child process of bench/localBackend.mjs: the built remix-clerk-local served over HTTP on 127.0.0.1 in a process
// of its own, so the server never shares an event loop with the client being measured. It is served the way the
// CLI serves it (@hono/node-server, global Request and Response untouched), plus a count of the HTTP requests it
// answered, which the parent reads over IPC rather than over HTTP so that reading it is not itself a request.
import { createAdaptorServer } from '@hono/node-server'
import { createLocalClerk } from 'remix-clerk-local'

const dbPath = process.argv[2]
if (!dbPath || !process.send) {
  console.error('usage: node bench/localBackendProcess.mjs DB_PATH (forked with an IPC channel by bench/localBackend.mjs)')
  process.exit(2)
}

let requests = 0
let clerk
const server = createAdaptorServer({
  fetch: (request) => {
    requests++
    return clerk.fetch(request)
  },
  overrideGlobalObjects: false,
})
await new Promise((resolve, reject) => {
  server.once('error', reject)
  server.listen(0, '127.0.0.1', resolve)
})
const url = `http://127.0.0.1:${server.address().port}`
// Created once the port is known, so that `iss` and the publishable key carry the real address.
clerk = await createLocalClerk({ db: dbPath, url })

async function shutdown() {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
  await clerk.close()
  process.exit(0)
}

process.on('message', (message) => {
  if (message?.type === 'count') process.send({ type: 'count', id: message.id, requests })
  if (message?.type === 'close') void shutdown()
})
// The parent died without closing us: do not linger.
process.on('disconnect', () => void shutdown())
process.send({ type: 'ready', url, secretKey: clerk.secretKey })
