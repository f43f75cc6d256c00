/** Whether a request came over a socket, and what the socket says about it. */
import type { IncomingMessage } from 'node:http'
import type { Http2ServerRequest } from 'node:http2'
import type { Context } from 'hono'

/**
 * @hono/node-server hands each handler the Node request as `c.env.incoming`; in-process calls
 * (`localClerk.fetch(request)` without the adapter's second argument) have none.
 */
export function incomingRequest(c: Context): IncomingMessage | Http2ServerRequest | undefined {
  const env: unknown = c.env
  if (typeof env !== 'object' || env === null || !('incoming' in env)) return undefined
  return (env as { incoming: IncomingMessage | Http2ServerRequest }).incoming
}
