// Child process of bench/localBackend.mjs: the built remix-clerk-local served over HTTP on 127.0.0.1, the way the
// CLI serves it (@hono/node-server with its lightweight Request and Response, in a process that does nothing else),
// plus a count of the HTTP requests it answered and the CPU time it used, which the parent reads over IPC.
import { answerParent } from './childServer.mjs'
import { startCountingLocalClerk } from './countingLocalClerk.mjs'

const dbPath = process.argv[2]
if (!dbPath || !process.send) {
  console.error(
    'usage: node bench/localBackendProcess.mjs DB_PATH (forked with an IPC channel by bench/localBackend.mjs)',
  )
  process.exit(2)
}

const local = await startCountingLocalClerk({ db: dbPath, lightweightResponses: true })
answerParent({ figures: { count: () => local.requestCount() }, shutdown: () => local.close() })
process.send({ type: 'ready', url: local.clerk.url, secretKey: local.clerk.secretKey })
