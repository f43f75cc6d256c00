// Node: both React Router builds served by @react-router/node's request listener on 127.0.0.1 (port 0), the
// middleware build under /mw. The keys are in process.env.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequestListener } from '@react-router/node'
import { processEnvHost } from './processEnvHost'
import { MIDDLEWARE_PREFIX, scenarioBuild } from './reactRouterBuild'

export async function startNodeApp(): Promise<{ url: string; close(): Promise<void> }> {
  const classic = createRequestListener({ build: scenarioBuild(processEnvHost, { middleware: false }), mode: 'production' })
  // No getLoadContext: with middleware, React Router gives the loaders a fresh RouterContextProvider.
  const withMiddleware = createRequestListener({
    build: scenarioBuild(processEnvHost, { middleware: true, basename: MIDDLEWARE_PREFIX }),
    mode: 'production',
  })
  const server = createServer((request, response) =>
    (request.url?.startsWith(`${MIDDLEWARE_PREFIX}/`) ? withMiddleware : classic)(request, response),
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}
