// The app's server in the browser suites: Remix's real request handler over a hand-written build, listening on
// 127.0.0.1 and reached as `localhost`, the same site as the local backend's browser URL, so that the backend's
// __client cookie comes along with ClerkJS's calls.
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import { createRequestHandler, type ServerBuild } from '@remix-run/server-runtime'

export interface RemixApp {
  /** `http://localhost:<port>`. */
  url: string
  close(): Promise<void>
}

export async function startRemixApp(build: ServerBuild): Promise<RemixApp> {
  const handle = createRequestHandler(build, 'production')
  const server = createAdaptorServer({
    fetch: (request: Request) => handle(request),
    overrideGlobalObjects: false,
  }) as Server
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://localhost:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
