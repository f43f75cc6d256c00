// A real HTTP server on 127.0.0.1 in front of an in-process local backend: every request is forwarded
// to it and counted, so tests can assert how many Backend API calls a page cost.
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'

export interface CountingProxy {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string
  /** `METHOD /path` of every request, in arrival order. */
  readonly calls: readonly string[]
  count(method: string, path: string | RegExp): number
  reset(): void
  close(): Promise<void>
}

export async function startCountingProxy(target: (request: Request) => Promise<Response>): Promise<CountingProxy> {
  const calls: string[] = []
  const server = createAdaptorServer({
    overrideGlobalObjects: false,
    fetch: (request: Request) => {
      calls.push(`${request.method} ${new URL(request.url).pathname}`)
      return target(request)
    },
  }) as Server
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    count: (method, path) =>
      calls.filter((call) => {
        const [callMethod, callPath] = call.split(' ') as [string, string]
        return callMethod === method && (typeof path === 'string' ? callPath === path : path.test(callPath))
      }).length,
    reset: () => {
      calls.length = 0
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}
