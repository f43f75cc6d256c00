// The responses the library makes (a handshake's 307, the root loader's `clerkState`) are built on the request's
// public URL, which the forwarded headers the app trusts can change: they say `Vary` on them, so that a shared cache
// never hands one client's answer to a request whose headers say otherwise.
import type { ClerkInstance } from '../auth/clerkInstance.js'
import { forwardedHeadersVary } from '../auth/requestContext.js'

/** A copy of `headers` (the state's own are shared by every loader of the request) with the `Vary` added. */
export function withForwardedVary(headers: Headers | undefined, instance: ClerkInstance): Headers {
  const copy = new Headers(headers)
  copy.append('vary', forwardedHeadersVary(instance.options.trustForwardedHost))
  return copy
}
