// Which HTTP request caused an event: Clerk puts its client IP and user agent in every webhook
// (`event_attributes.http_request`). The HTTP layer records them for the duration of a request, so the services that
// emit events need no request passed down to them.
import { AsyncLocalStorage } from 'node:async_hooks'

export interface HttpRequestAttributes {
  client_ip: string
  user_agent: string
}

/** Events from in-process calls (`seed()`, `createSession()`) have no request behind them. */
const NO_REQUEST: HttpRequestAttributes = { client_ip: '', user_agent: '' }

const current = new AsyncLocalStorage<HttpRequestAttributes>()

/** Runs `work` (and everything it awaits) as part of the request described by `attributes`. */
export function withRequestAttributes<T>(attributes: HttpRequestAttributes, work: () => T): T {
  return current.run(attributes, work)
}

export function currentRequestAttributes(): HttpRequestAttributes {
  return current.getStore() ?? NO_REQUEST
}
