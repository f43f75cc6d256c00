// Why a token was refused: the reason codes, fix-it actions and the error class of `verifyToken`.
// The strings are the ones `@clerk/backend` uses, so code that switches on `error.reason` keeps working.

export const TokenVerificationErrorReason = {
  TokenExpired: 'token-expired',
  TokenInvalid: 'token-invalid',
  TokenInvalidAlgorithm: 'token-invalid-algorithm',
  TokenInvalidAuthorizedParties: 'token-invalid-authorized-parties',
  TokenInvalidSignature: 'token-invalid-signature',
  TokenNotActiveYet: 'token-not-active-yet',
  TokenIatInTheFuture: 'token-iat-in-the-future',
  TokenVerificationFailed: 'token-verification-failed',
  // Upstream reports this one from authenticateRequest rather than from verification; we report it
  // from verification so that every caller (header, cookie, verifyToken) refuses the same tokens.
  TokenTypeMismatch: 'token-type-mismatch',
  InvalidSecretKey: 'secret-key-invalid',
  LocalJWKMissing: 'jwk-local-missing',
  RemoteJWKFailedToLoad: 'jwk-remote-failed-to-load',
  JWKFailedToResolve: 'jwk-failed-to-resolve',
  JWKKidMismatch: 'jwk-kid-mismatch',
} as const

export type TokenVerificationErrorReason =
  (typeof TokenVerificationErrorReason)[keyof typeof TokenVerificationErrorReason]

export const TokenVerificationErrorAction = {
  ContactSupport: 'Contact support@clerk.com',
  EnsureClerkJWT: 'Make sure that this is a valid Clerk-generated JWT.',
  SetClerkJWTKey: 'Set the CLERK_JWT_KEY environment variable.',
  SetClerkSecretKey: 'Set the CLERK_SECRET_KEY environment variable.',
  // Ours: upstream only names CLERK_JWT_KEY, although a secret key is the usual fix.
  SetClerkSecretKeyOrJWTKey: 'Set the CLERK_SECRET_KEY (or CLERK_JWT_KEY) environment variable.',
  EnsureClockSync: 'Make sure your system clock is in sync (e.g. turn off and on automatic time synchronization).',
  CheckJWKS:
    'Go to your Dashboard and validate your secret and public keys are correct. Contact support@clerk.com if the issue persists.',
} as const

/** The failed half of every internal verification result: never thrown, always returned. */
export interface VerificationFailure {
  readonly ok: false
  readonly reason: TokenVerificationErrorReason
  readonly message: string
  readonly action?: string
}

export function failure(reason: TokenVerificationErrorReason, message: string, action?: string): VerificationFailure {
  return action === undefined ? { ok: false, reason, message } : { ok: false, reason, message, action }
}

export type TokenCarrier = 'header' | 'cookie'

/** Thrown by the public `verifyToken`; internal code passes `VerificationFailure` values instead. */
export class TokenVerificationError extends Error {
  readonly reason: TokenVerificationErrorReason
  readonly action: string | undefined
  /** Where the token came from, set by request authentication for its signed-out message. */
  tokenCarrier: TokenCarrier | undefined

  constructor({ reason, message, action }: { reason: TokenVerificationErrorReason; message: string; action?: string }) {
    super(message)
    this.name = 'TokenVerificationError'
    this.reason = reason
    this.action = action
  }

  static from(result: VerificationFailure): TokenVerificationError {
    return new TokenVerificationError(result)
  }

  /** The signed-out message upstream shows: `<message> <action> (reason=…, token-carrier=…)`. */
  getFullMessage(): string {
    return formatFullMessage(this, this.tokenCarrier)
  }
}

export function formatFullMessage(
  { message, action, reason }: { message: string; action?: string | undefined; reason: string },
  carrier: TokenCarrier | undefined,
): string {
  const text = action ? `${message} ${action}` : message
  return `${text} (reason=${reason}, token-carrier=${carrier})`
}
