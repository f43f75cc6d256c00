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
  // overrideGlobalObjects: false keeps hono from replacing the process-wide Request and Response classes.
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
