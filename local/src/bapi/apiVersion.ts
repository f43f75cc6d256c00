// Clerk SDKs send an API version with every Backend API call; a malformed or contradictory one is a 400 here, as on
// Clerk.
import type { MiddlewareHandler } from 'hono'
import { clerkError } from '../shared/errors.js'

/** The first dated Backend API version; anything earlier (or not a date) is not a version. */
const FIRST_VERSION = '2021-02-05'

/**
 * The API version may come as the `Clerk-API-Version` header or the `__clerk_api_version` query parameter, not
 * both; it must be a real date from the first version on. Every valid version is served the same way here.
 */
export const checkApiVersion: MiddlewareHandler = async (c, next) => {
  const header = c.req.header('clerk-api-version')
  const query = c.req.query('__clerk_api_version')
  if (header !== undefined && query !== undefined) {
    throw invalid(
      'The API version was given both as the Clerk-API-Version header and the __clerk_api_version query parameter; send only one.',
    )
  }
  const version = header ?? query
  if (version !== undefined && !isVersion(version)) {
    throw invalid(
      `${JSON.stringify(version)} is not an API version. Use a date such as 2025-04-10 (earliest ${FIRST_VERSION}).`,
    )
  }
  await next()
}

function isVersion(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) && value >= FIRST_VERSION
}

const invalid = (longMessage: string) => clerkError(400, 'api_version_invalid', 'Invalid API version', longMessage)
