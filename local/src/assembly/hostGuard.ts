/** Requests for a host this server does not serve end here, before any route runs (see http/allowedHosts.ts). */
import type { Context, MiddlewareHandler } from 'hono'
import { json } from '../http/respond.js'
import type { Core } from '../core/core.js'
import { clerkError } from '../shared/errors.js'
import { errorPage } from '../fapi/html.js'
import { incomingRequest } from '../http/incomingRequest.js'
import { quote } from '../shared/quote.js'

/**
 * Only requests that came over a socket are checked: a browser can reach nothing else, and in-process calls
 * (`localClerk.fetch(request)`) come from code that could open the database anyway. Both the `Host` header (what
 * the browser believes it is talking to) and the request URL (what the routes compare origins with, which an
 * absolute request target would set) must name this server.
 */
export function rejectOtherHosts(core: Core): MiddlewareHandler {
  return async (c, next) => {
    const incoming = incomingRequest(c)
    if (!incoming) return next()
    const authority = incoming.headers[':authority']
    const host = incoming.headers.host ?? (typeof authority === 'string' ? authority : '')
    const port = incoming.socket.localPort ?? 0
    const hosts = core.allowedHosts
    if (hosts.allows(host, port) && hosts.allows(new URL(c.req.url).host, port)) return next()
    return misdirected(core, c, host)
  }
}

/** 421 Misdirected Request: Clerk's error shape under `/v1`, a short page elsewhere; never a cookie. */
function misdirected(core: Core, c: Context, host: string): Response | Promise<Response> {
  const problem = `This server does not serve the host ${quote(host)}. A page on another site may be trying to reach it through DNS rebinding.`
  const fix =
    `Open it as ${core.frontendApiUrl()} or on localhost. To use another name, pass it as the url option, or the ` +
    "app's origin as --allowed-origin (allowedOrigins): its host name is then served too."
  const { pathname } = new URL(c.req.url)
  if (pathname === '/v1' || pathname.startsWith('/v1/')) {
    const error = clerkError(421, 'host_not_allowed', 'Misdirected request', `${problem} ${fix}`)
    return json(error.toBody(), error.status, { 'Cache-Control': 'no-store' })
  }
  return errorPage(421, 'Wrong host', problem, fix)
}
