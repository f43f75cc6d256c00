// The Node HTTP server around the app (via @hono/node-server), with a close() that does not wait for idle keep-alive
// connections.
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import type { Http2Bindings, HttpBindings } from '@hono/node-server'
import { LocalClerkError } from '../shared/errors.js'

export interface RunningServer {
  port: number
  close(): Promise<void>
}

/** Serves `fetch` over HTTP/1.1 on `host:port` (0 = any free port) and resolves once listening. */
export async function startServer(
  fetch: (request: Request, env: HttpBindings | Http2Bindings) => Response | Promise<Response>,
  port: number,
  host: string,
): Promise<RunningServer> {
  // The process-wide Request and Response stay undici's, in the CLI as in someone else's process, so both serve
  // through the same code. @hono/node-server's lightweight Response (overrideGlobalObjects) keeps the headers it hands
  // out apart from its constructor's `init`; when hono copies an answer (`new Response(res.body, res)`, which it does
  // whenever a middleware such as CORS touched `c.res` first: every Frontend API answer), reading `body` rebuilt it
  // from `init`, and the Set-Cookie headers appended since were lost (1.19; 2.x copies the live headers).
  const server = createAdaptorServer({ fetch, overrideGlobalObjects: false }) as Server
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new LocalClerkError(
              'REMIX_CLERK_LOCAL_PORT_IN_USE',
              `remix-clerk-local: port ${port} on ${host} is already in use; pick another port or pass 0 for a free one.`,
            )
          : error,
      )
    }
    server.once('error', onError)
    server.listen(port, host, () => {
      server.off('error', onError)
      resolve()
    })
  })
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        // Keep-alive connections would otherwise hold close() open until they time out.
        server.closeAllConnections()
      }),
  }
}
