// The client's error classes. Everything the Backend API or the network does wrong surfaces as a
// ClerkAPIResponseError; everything the caller does wrong (options, arguments) as a ClerkClientError,
// raised before any request is sent.
import { camelCase, mapKeys } from './casing.js'

/** One entry of a Backend API error body, as sent on the wire. */
export interface ClerkAPIErrorJSON {
  code: string
  message: string
  long_message?: string
  meta?: Record<string, unknown>
}

/** `meta` with camelCased keys; the well-known ones are typed. */
export interface ClerkAPIErrorMeta {
  paramName?: string
  sessionId?: string
  emailAddresses?: string[]
  identifiers?: string[]
  [key: string]: unknown
}

/**
 * Codes this client puts in `errors[0].code` when there is no Clerk error body to report:
 * `network_error` (fetch failed), `timeout` (the `timeoutMs` deadline passed), `unexpected_response`
 * (a body that is not the JSON Clerk sends).
 */
export type ClientSideErrorCode = 'network_error' | 'timeout' | 'unexpected_response'

export class ClerkAPIError {
  readonly code: string
  readonly message: string
  readonly longMessage: string | undefined
  readonly meta: ClerkAPIErrorMeta

  constructor(json: ClerkAPIErrorJSON) {
    this.code = json.code
    this.message = json.message
    this.longMessage = json.long_message
    this.meta = json.meta && typeof json.meta === 'object' ? mapKeys(json.meta, camelCase) : {}
  }
}

export interface ClerkAPIResponseErrorInit {
  /** HTTP status; undefined when no response arrived (network error, timeout). */
  status?: number | undefined
  errors: ClerkAPIErrorJSON[]
  clerkTraceId?: string | undefined
  retryAfter?: number | undefined
  cause?: unknown
}

export class ClerkAPIResponseError extends Error {
  /** Lets code that cannot use `instanceof` (two copies of the package) recognise the error. */
  readonly clerkError = true as const
  readonly status: number | undefined
  readonly errors: ClerkAPIError[]
  /** From the body's `clerk_trace_id`, else the `cf-ray` header: quote it to Clerk support. */
  readonly clerkTraceId: string | undefined
  /** Seconds the server asked us to wait (`Retry-After`), if it said so. */
  readonly retryAfter: number | undefined

  constructor(message: string, init: ClerkAPIResponseErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause })
    this.status = init.status
    this.errors = init.errors.map((entry) => new ClerkAPIError(entry))
    this.clerkTraceId = init.clerkTraceId
    this.retryAfter = init.retryAfter
  }

  toJSON() {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      errors: this.errors,
      clerkTraceId: this.clerkTraceId,
      retryAfter: this.retryAfter,
      clerkError: this.clerkError,
    }
  }
}
// On the prototype, so that util.inspect does not print it as an own property.
ClerkAPIResponseError.prototype.name = 'ClerkAPIResponseError'

export type ClerkClientErrorCode =
  'secret_key_missing' | 'secret_key_invalid' | 'api_url_invalid' | 'option_invalid' | 'argument_invalid'

/** A mistake in the options or arguments, caught before any request is sent. */
export class ClerkClientError extends Error {
  readonly code: ClerkClientErrorCode

  constructor(code: ClerkClientErrorCode, message: string) {
    super(message)
    this.code = code
  }

  toJSON() {
    return { name: this.name, code: this.code, message: this.message }
  }
}
ClerkClientError.prototype.name = 'ClerkClientError'
