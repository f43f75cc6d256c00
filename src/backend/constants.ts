// Defaults of the Backend API client, in one place so options, docs and tests agree.
export const DEFAULT_API_URL = 'https://api.clerk.com'
export const DEFAULT_API_VERSION = 'v1'
/** The dated Backend API version whose wire format this client speaks (sent as `Clerk-API-Version`). */
export const CLERK_API_VERSION = '2026-05-12'
export const DEFAULT_USER_AGENT = `remix-clerk@${__REMIX_CLERK_VERSION__}`
export const DEFAULT_TIMEOUT_MS = 10_000
export const DEFAULT_RETRIES = 2
