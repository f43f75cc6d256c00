// The Backend API's only credential is the instance's secret key, compared in constant time.
import { timingSafeEqual } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import { clerkError } from '../shared/errors.js'

/**
 * Requires `Authorization: Bearer <secret key>`. The bytes are compared in constant time once the lengths agree: a
 * secret key's length is no secret (`sk_test_` and a fixed-length suffix), its characters are. Comparing the bytes
 * rather than SHA-256 digests of both keeps a hash per request off every Backend API call.
 */
export function requireSecretKey(secretKey: string): MiddlewareHandler {
  const expected = Buffer.from(secretKey, 'utf8')
  return async (c, next) => {
    const header = c.req.header('authorization')
    const match = header ? /^Bearer (\S+)$/.exec(header.trim()) : null
    if (!match) {
      throw clerkError(
        401,
        'authorization_header_format_invalid',
        'Invalid Authorization header format',
        "Invalid Authorization header format. Must be 'Bearer <YOUR_API_KEY>'",
      )
    }
    const presented = Buffer.from(match[1]!, 'utf8')
    if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
      const message = 'The provided Clerk Secret Key is invalid. Make sure that your Clerk Secret Key is correct.'
      throw clerkError(401, 'clerk_key_invalid', message, message)
    }
    await next()
  }
}
