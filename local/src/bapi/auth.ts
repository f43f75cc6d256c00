// The Backend API's only credential is the instance's secret key, compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import { clerkError } from '../shared/errors.js'

const digest = (value: string) => createHash('sha256').update(value).digest()

/**
 * Requires `Authorization: Bearer <secret key>`. Both sides are hashed first so the comparison is constant-time
 * whatever the lengths (a key passed to createLocalClerk can be any length, and a length check first would tell it),
 * and the expected digest is computed once. The digest costs ~2 µs per call, well under 1 % of a minted token.
 */
export function requireSecretKey(secretKey: string): MiddlewareHandler {
  const expected = digest(secretKey)
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
    if (!timingSafeEqual(digest(match[1]!), expected)) {
      const message = 'The provided Clerk Secret Key is invalid. Make sure that your Clerk Secret Key is correct.'
      throw clerkError(401, 'clerk_key_invalid', message, message)
    }
    await next()
  }
}
