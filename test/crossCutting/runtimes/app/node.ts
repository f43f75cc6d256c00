// Node: the React Router builds served by @react-router/node's request listener on 127.0.0.1 (port 0), the
// middleware builds under /mw and /clerk. The keys are in process.env.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequestListener } from '@react-router/node'
import { processEnvHost } from './processEnvHost'
import { scenarioBuilds } from './reactRouterBuild'

export async function startNodeApp(): Promise<{ url: string; close(): Promise<void> }> {
  // No getLoadContext: with middleware, React Router gives the loaders a fresh RouterContextProvider.
  const listeners = scenarioBuilds({ classic: processEnvHost, middleware: processEnvHost }).map(
    ({ prefix, build }) => ({
      prefix,
      listen: createRequestListener({ build, mode: 'production' }),
    }),
  )
  const server = createServer((request, response) =>
    listeners.find(({ prefix }) => prefix === '' || request.url?.startsWith(`${prefix}/`))!.listen(request, response),
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
