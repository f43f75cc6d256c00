// Clerk-shaped JSON answers and errors, shared by both APIs so every failure looks the same.
import { ClerkApiError, clerkError } from '../shared/errors.js'

/**
 * JSON with `Content-Type: application/json` exactly: Clerk's SDK parses a body as JSON only for that exact
 * value (hono's `c.json` would add `; charset=UTF-8` and the SDK would hand back a string).
 */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } })
}

/**
 * `{"object":"token","jwt":…}`, the answer of every token mint, written without JSON.stringify: a compact JWS is
 * base64url segments and dots, which JSON never escapes, and JSON.stringify would still scan each of its characters
 * (a token of a 1 000-claim template is 65 kB: ~0.1 ms of the server's CPU per token, benchmark 4).
 */
export function tokenJson(jwt: string): Response {
  return new Response(`{"object":"token","jwt":"${jwt}"}`, {
    status: 200,
    headers: { 'Content-Type': 'application/json' },
  })
}

export function errorResponse(error: ClerkApiError): Response {
  // After a 413 the unread rest of the body is still on the socket: closing it keeps a keep-alive client from
  // sending its next request into that leftover.
  return json(error.toBody(), error.status, error.status === 413 ? { Connection: 'close' } : {})
}

/** Any thrown value as a Clerk-shaped response; unexpected ones are logged (never with request data) and 500. */
export function toErrorResponse(error: unknown): Response {
  if (error instanceof ClerkApiError) return errorResponse(error)
  console.error('remix-clerk-local: unexpected error', error)
  return errorResponse(
    clerkError(
      500,
      'internal_clerk_error',
      'Oops, an unexpected error occurred',
      'remix-clerk-local failed to handle this request; see its console output.',
    ),
  )
}
