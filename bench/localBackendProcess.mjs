// Child process of bench/localBackend.mjs: the built remix-clerk-local served over HTTP on 127.0.0.1 in a process
// of its own, so the server never shares an event loop with the client being measured. It is served the way the
// CLI serves it (@hono/node-server with its lightweight Request and Response), plus a count of the HTTP requests it
// answered and the CPU time it used, which the parent reads over IPC so that reading them is not itself a request.
import { startCountingLocalClerk } from './countingLocalClerk.mjs'

const dbPath = process.argv[2]
if (!dbPath || !process.send) {
  console.error('usage: node bench/localBackendProcess.mjs DB_PATH (forked with an IPC channel by bench/localBackend.mjs)')
  process.exit(2)
}

const local = await startCountingLocalClerk({ db: dbPath, lightweightResponses: true })

async function shutdown() {
  await local.close()
  process.exit(0)
}

process.on('message', (message) => {
  if (message?.type === 'count') process.send({ type: 'count', id: message.id, value: local.requestCount() })
  // User + system time of the whole process, the libuv threads that sign included, in µs.
  if (message?.type === 'cpu') {
    const { user, system } = process.cpuUsage()
    process.send({ type: 'cpu', id: message.id, value: user + system })
  }
  if (message?.type === 'close') void shutdown()
})
// The parent died without closing us: do not linger.
process.on('disconnect', () => void shutdown())
process.send({ type: 'ready', url: local.clerk.url, secretKey: local.clerk.secretKey })
