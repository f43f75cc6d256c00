// Bun: both React Router builds behind Bun.serve on 127.0.0.1 (port 0); prints `{"url":…}` when listening. The keys
// are in process.env.
import { processEnvHost } from './processEnvHost'
import { scenarioHandler } from './reactRouterBuild'

const handle = scenarioHandler({ classic: processEnvHost, middleware: processEnvHost })
const server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: (request) => handle(request) })
console.log(JSON.stringify({ url: server.url.origin }))
