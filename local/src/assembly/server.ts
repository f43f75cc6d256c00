// The Node HTTP server around the app (via @hono/node-server), with a close() that does not wait for idle keep-alive
// connections.
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import type { Http2Bindings, HttpBindings } from '@hono/node-server'
import { LocalClerkError } from '../shared/errors.js'

let lightweightResponses = false

/**
 * For the CLI process only: lets @hono/node-server replace the global Request and Response with its lightweight
 * versions, which it writes to the socket as they are (a JSON answer's string goes to `end()`) instead of reading a
 * web stream back from each Response: about 70-100 µs of server CPU per request (benchmark 4). That is a process-wide
 * change, harmless where nothing but this server runs and wrong inside someone else's process, so the library leaves
 * the globals alone unless the CLI asks. The "(cli)" test projects run the Frontend API, browser and wire suites
 * against the CLI process, so the two ways of serving cannot drift apart unnoticed.
 */
export function useLightweightResponses(): void {
  lightweightResponses = true
}

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
  // Since @hono/node-server 2, the lightweight Response keeps the headers appended after it was built when hono
  // copies it (`new Response(res.body, res)`, which hono's CORS middleware causes on every Frontend API answer):
  // 1.19 rebuilt the copy from the constructor's `init` and lost those Set-Cookie headers (local/test/cli.test.ts).
  const server = createAdaptorServer({ fetch, overrideGlobalObjects: lightweightResponses }) as Server
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
