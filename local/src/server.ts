// The Node HTTP server around the app (via @hono/node-server), with a close() that does not wait for idle keep-alive
// connections.
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import type { Http2Bindings, HttpBindings } from '@hono/node-server'

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
  // The process-wide Request and Response stay undici's, in the CLI as in someone else's process: @hono/node-server's
  // lightweight Response (overrideGlobalObjects) rebuilds itself from its constructor's headers when hono copies it
  // (the CORS middleware does, on every Frontend API answer), so the Set-Cookie headers appended after it was built
  // were dropped (1.19; fixed upstream in 2.x). The CLI and the library serve through exactly the same code.
  const server = createAdaptorServer({ fetch, overrideGlobalObjects: false }) as Server
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`remix-clerk-local: port ${port} on ${host} is already in use; pick another port or pass 0 for a free one.`)
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
