// The shape each ClerkJS route file exports, so index.ts can mount them all the same way.
import type { ClerkJsCall, FapiMethod } from './call.js'

/** One Frontend API call ClerkJS makes: the method it means (after `_method`), the path, and the handler. */
export interface FapiRoute {
  method: FapiMethod
  path: string
  /**
   * For a call that shares its method and path with another route (a sign-in with a ticket): this route answers
   * only when it returns true. Routes without it answer every call left over.
   */
  when?(call: ClerkJsCall): boolean
  handle(call: ClerkJsCall, params: Record<string, string>): Promise<Response>
}
