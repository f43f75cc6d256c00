// The one error class of remix-clerk's loader and webhook surfaces: a readonly `code` that stays the same from release
// to release (the message may be reworded), so an app branches on the code, never on the message. The codes are
// listed and explained in docs/errors.md; a test checks that list against the codes used here and in the tests.

/** Every code a RemixClerkError carries. */
export type RemixClerkErrorCode =
  // getAuth / rootAuthLoader: how they are called and configured.
  | 'REMIX_CLERK_MISSING_LOADER_ARGS'
  | 'REMIX_CLERK_MISSING_SECRET_KEY'
  | 'REMIX_CLERK_INVALID_SECRET_KEY'
  | 'REMIX_CLERK_MISSING_PUBLISHABLE_KEY'
  | 'REMIX_CLERK_INVALID_PUBLISHABLE_KEY'
  | 'REMIX_CLERK_INVALID_API_URL'
  | 'REMIX_CLERK_INVALID_PROXY_URL'
  | 'REMIX_CLERK_INVALID_SATELLITE_OPTIONS'
  | 'REMIX_CLERK_INVALID_ORGANIZATION_SYNC_OPTIONS'
  | 'REMIX_CLERK_INVALID_OPTION'
  | 'REMIX_CLERK_INVALID_CALLBACK_RESULT'
  // remix-clerk/react-router: its middleware.
  | 'REMIX_CLERK_MIDDLEWARE_NOT_ENABLED'
  | 'REMIX_CLERK_MISSING_MIDDLEWARE'
  // verifyWebhook (a WebhookVerificationError, whose `reason` says the same in @clerk/backend's words).
  | 'REMIX_CLERK_WEBHOOK_MISSING_SIGNING_SECRET'
  | 'REMIX_CLERK_WEBHOOK_INVALID_SIGNING_SECRET'
  | 'REMIX_CLERK_WEBHOOK_MISSING_HEADERS'
  | 'REMIX_CLERK_WEBHOOK_BODY_ALREADY_READ'
  | 'REMIX_CLERK_WEBHOOK_INVALID_SIGNATURE'
  | 'REMIX_CLERK_WEBHOOK_TIMESTAMP_OUT_OF_RANGE'
  | 'REMIX_CLERK_WEBHOOK_INVALID_PAYLOAD'

/** A mistake in how remix-clerk is called or configured, or a refused webhook. The message says what to change. */
export class RemixClerkError extends Error {
  readonly code: RemixClerkErrorCode

  constructor(code: RemixClerkErrorCode, message: string) {
    super(message)
    this.code = code
  }

  toJSON() {
    return { name: this.name, code: this.code, message: this.message }
  }
}
// On the prototype, so that util.inspect does not print it as an own property.
RemixClerkError.prototype.name = 'RemixClerkError'

/**
 * Whether `error` is a RemixClerkError (with this `code`, when given). By shape as well as `instanceof`: two copies of
 * remix-clerk (or its ESM and CJS builds) each have their own class.
 */
export function isRemixClerkError<Code extends RemixClerkErrorCode>(
  error: unknown,
  code?: Code,
): error is RemixClerkError & { readonly code: Code } {
  if (!(error instanceof Error)) return false
  const found = (error as { code?: unknown }).code
  // remix-clerk-local's codes (REMIX_CLERK_LOCAL_…) belong to its own LocalClerkError.
  if (typeof found !== 'string' || !found.startsWith('REMIX_CLERK_') || found.startsWith('REMIX_CLERK_LOCAL_'))
    return false
  return code === undefined || found === code
}
