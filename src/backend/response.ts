// One HTTP response to a value or to the pieces of a ClerkAPIResponseError.
import type { ClerkAPIErrorJSON } from './errors.js'
import { deserialize } from './resources/deserialize.js'
import { parseRetryAfter, type FailedAttempt } from './retry.js'

export type Outcome = { ok: true; value: unknown } | { ok: false; failure: Failure }

export interface Failure extends FailedAttempt {
  errors: ClerkAPIErrorJSON[]
  clerkTraceId: string | undefined
  cause?: unknown
  /** Set when the deadline passed: never retried. */
  timedOut?: boolean
}

/** A class the result must be an instance of, e.g. Token for getToken. */
export type Expected = abstract new (...args: never[]) => unknown

export async function readResponse(response: Response, expect: Expected | undefined): Promise<Outcome> {
  const { status } = response
  if (status === 204) return { ok: true, value: undefined }

  const contentType = response.headers.get('content-type')
  const text = await response.text()
  const isJson = isJsonMediaType(contentType)
  let body: unknown
  let parsed = false
  if (isJson) {
    try {
      body = JSON.parse(text)
      parsed = true
    } catch {
      // Reported below with the status, as an unexpected response.
    }
  }
  const failure = (errors: ClerkAPIErrorJSON[]): Outcome => ({
    ok: false,
    failure: {
      status,
      errors,
      retryAfter: parseRetryAfter(response.headers.get('retry-after'), Date.now()),
      clerkTraceId: traceIdOf(body) ?? (response.headers.get('cf-ray') || undefined),
      notSent: false,
    },
  })

  if (!response.ok) {
    const clerkErrors = parsed ? clerkErrorsOf(body) : undefined
    if (clerkErrors) return failure(clerkErrors)
    const location = status >= 300 && status < 400 ? response.headers.get('location') : null
    return failure([
      unexpected(
        `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''} with ${describeBody(contentType, isJson, parsed)}` +
          (location ? `, redirecting to ${location}: point apiUrl at the final URL` : ''),
      ),
    ])
  }
  if (!isJson) return failure([unexpected(`expected a JSON body, got ${describeBody(contentType, false, false)}`)])
  if (!parsed) return failure([unexpected('the body is not valid JSON')])

  let value: unknown
  try {
    value = deserialize(body)
  } catch {
    return failure([unexpected('the JSON does not have the shape of a Clerk object')])
  }
  if (expect && !(value instanceof expect)) {
    return failure([unexpected(`expected a ${expect.name} object, got ${describeObject(body)}`)])
  }
  return { ok: true, value }
}

/** `application/json`, with or without parameters such as `; charset=utf-8`, or any `+json` type. */
function isJsonMediaType(contentType: string | null): boolean {
  if (!contentType) return false
  const type = contentType.split(';', 1)[0]!.trim().toLowerCase()
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'))
}

function clerkErrorsOf(body: unknown): ClerkAPIErrorJSON[] | undefined {
  const errors = (body as { errors?: unknown } | null)?.errors
  if (!Array.isArray(errors) || errors.length === 0) return undefined
  return errors.map((entry: Partial<ClerkAPIErrorJSON> | null) => ({
    code: typeof entry?.code === 'string' ? entry.code : 'unknown',
    message: typeof entry?.message === 'string' ? entry.message : '',
    long_message: typeof entry?.long_message === 'string' ? entry.long_message : undefined,
    meta: entry?.meta && typeof entry.meta === 'object' ? entry.meta : undefined,
  }))
}

function traceIdOf(body: unknown): string | undefined {
  const traceId = (body as { clerk_trace_id?: unknown } | null | undefined)?.clerk_trace_id
  return typeof traceId === 'string' && traceId ? traceId : undefined
}

function unexpected(message: string): ClerkAPIErrorJSON {
  return { code: 'unexpected_response', message: `Unexpected response from the Clerk API: ${message}.` }
}

function describeBody(contentType: string | null, isJson: boolean, parsed: boolean): string {
  if (!contentType) return 'a body without Content-Type'
  if (isJson && !parsed) return `a body that is not valid JSON (Content-Type ${contentType})`
  return `a ${contentType} body`
}

function describeObject(body: unknown): string {
  const object = (body as { object?: unknown } | null)?.object
  return typeof object === 'string' ? `"${object.slice(0, 40)}"` : Array.isArray(body) ? 'an array' : typeof body
}
