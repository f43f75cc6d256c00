// Errors in one place: Clerk's error shape, so every failure, from any layer, reaches a client as the 4xx a Clerk SDK
// understands; and LocalClerkError, what the library and the CLI throw at their caller (options, arguments, the
// machine), with a stable code listed in docs/errors.md.
import { randomBytes } from 'node:crypto'

/** Every code a LocalClerkError carries. */
export type LocalClerkErrorCode =
  | 'REMIX_CLERK_LOCAL_INVALID_OPTION'
  | 'REMIX_CLERK_LOCAL_INVALID_WEBHOOK_ENDPOINT'
  | 'REMIX_CLERK_LOCAL_TOO_MANY_WEBHOOK_ENDPOINTS'
  | 'REMIX_CLERK_LOCAL_INVALID_SEED'
  | 'REMIX_CLERK_LOCAL_INVALID_ARGUMENT'
  | 'REMIX_CLERK_LOCAL_ALREADY_LISTENING'
  | 'REMIX_CLERK_LOCAL_CLOSED'
  | 'REMIX_CLERK_LOCAL_PORT_IN_USE'
  | 'REMIX_CLERK_LOCAL_DATABASE_TOO_NEW'
  | 'REMIX_CLERK_LOCAL_FILE_NOT_PRIVATE'
  | 'REMIX_CLERK_LOCAL_CLERK_JS_NOT_INSTALLED'
  | 'REMIX_CLERK_LOCAL_CLERK_JS_INSTALL_FAILED'
  | 'REMIX_CLERK_LOCAL_INVALID_USAGE'

/**
 * A mistake in how remix-clerk-local is called (options, arguments, command line) or what this machine lacks; the
 * message says what to change, the code stays the same from release to release.
 */
export class LocalClerkError extends Error {
  readonly code: LocalClerkErrorCode

  constructor(code: LocalClerkErrorCode, message: string) {
    super(message)
    this.code = code
  }
}
// On the prototype, so that util.inspect does not print it as an own property.
LocalClerkError.prototype.name = 'LocalClerkError'

/** One entry of a Clerk error body (`errors[]`). */
export interface ClerkErrorEntry {
  code: string
  message: string
  long_message: string
  meta: Record<string, unknown>
}

/** The JSON body Clerk answers with for every status >= 400. */
export interface ClerkErrorBody {
  errors: ClerkErrorEntry[]
  meta: Record<string, never>
  clerk_trace_id: string
}

/**
 * A Backend API failure with the status and `errors[]` a Clerk client expects. Thrown anywhere below the HTTP
 * layer; the app turns it into a response, and `seed()` rethrows it with the failing item's position.
 */
export class ClerkApiError extends Error {
  readonly status: number
  readonly errors: ClerkErrorEntry[]

  constructor(status: number, errors: ClerkErrorEntry[]) {
    super(errors.map((e) => e.long_message).join(' '))
    this.name = 'ClerkApiError'
    this.status = status
    this.errors = errors
  }

  /** The first error's code, handy in tests and logs. */
  get code(): string {
    return this.errors[0]?.code ?? 'unknown'
  }

  toBody(): ClerkErrorBody {
    return { errors: this.errors, meta: {}, clerk_trace_id: randomBytes(16).toString('hex') }
  }
}

export function clerkError(
  status: number,
  code: string,
  message: string,
  longMessage: string,
  meta: Record<string, unknown> = {},
): ClerkApiError {
  return new ClerkApiError(status, [{ code, message, long_message: longMessage, meta }])
}

export const paramMissing = (param: string): ClerkErrorEntry => ({
  code: 'form_param_missing',
  message: 'is missing',
  long_message: `${param} must be included.`,
  meta: { param_name: param },
})

export const paramUnknown = (param: string): ClerkErrorEntry => ({
  code: 'form_param_unknown',
  message: 'is unknown',
  long_message: `${param} is not a valid parameter for this request.`,
  meta: { param_name: param },
})

export const paramFormatInvalid = (param: string, detail: string): ClerkErrorEntry => ({
  code: 'form_param_format_invalid',
  message: 'is invalid',
  long_message: `${param} ${detail}`,
  meta: { param_name: param },
})

export const paramValueInvalid = (param: string, detail: string): ClerkErrorEntry => ({
  code: 'form_param_value_invalid',
  message: 'is invalid',
  long_message: `${param} ${detail}`,
  meta: { param_name: param },
})

export const identifierExists = (param: string, longMessage: string): ClerkErrorEntry => ({
  code: 'form_identifier_exists',
  message: 'That identifier is taken.',
  long_message: longMessage,
  meta: { param_name: param },
})

/** 422 with one or more form errors, the status Clerk uses for invalid parameters. */
export function unprocessable(...errors: ClerkErrorEntry[]): ClerkApiError {
  return new ClerkApiError(422, errors)
}

export function notFound(message: string, longMessage: string, meta: Record<string, unknown> = {}): ClerkApiError {
  return clerkError(404, 'resource_not_found', message, longMessage, meta)
}

/**
 * Something Clerk's Frontend API does and this backend does not (MFA, OAuth, passkeys, profile editing…): a 4xx
 * that says so, never a 401, which would make ClerkJS sign the browser out.
 */
export function notSupported(
  what: string,
  instead = '',
  status = 422,
  meta: Record<string, unknown> = {},
): ClerkApiError {
  return clerkError(
    status,
    'not_supported',
    `${what} is not supported by remix-clerk-local`,
    `${what} is not supported by remix-clerk-local, a local development backend${instead ? `: ${instead}` : ''}.`,
    meta,
  )
}
