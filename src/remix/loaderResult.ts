// Adds `clerkState` to whatever the rootAuthLoader callback returned, keeping its status and headers,
// and appending the auth state's headers (never replacing a Set-Cookie the app set). Remix's result
// kinds are recognised by shape, so Remix is never imported.
import { RemixClerkError } from '../shared/remixClerkError.js'
import { describeValue, invalidCallbackResult } from './errors.js'
import type { ClerkState } from './types.js'

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8'

export async function withClerkState(
  result: unknown,
  clerkState: ClerkState,
  stateHeaders: Headers | undefined,
): Promise<unknown> {
  if (isDeferredData(result)) {
    result.data.clerkState = clerkState
    result.init = { ...result.init, headers: appended(result.init?.headers, stateHeaders) }
    return result
  }
  if (isDataWithResponseInit(result)) {
    result.data = { ...dataObject(result.data, 'data(...) with'), clerkState }
    result.init = { ...result.init, headers: appended(result.init?.headers, stateHeaders) }
    return result
  }
  if (isResponse(result)) {
    // A redirect leaves the page: there is nothing to render, so it goes out exactly as the app made it.
    if (result.status >= 300 && result.status < 400) return result
    const headers = appended(result.headers, stateHeaders)
    headers.set('content-type', JSON_CONTENT_TYPE)
    // The body is rewritten: a length computed for the old one would cut or stall the new one.
    headers.delete('content-length')
    const data = dataObject(await jsonBody(result), 'a Response with')
    return new Response(JSON.stringify({ ...data, clerkState }), {
      status: result.status,
      statusText: result.statusText,
      headers,
    })
  }
  const data = dataObject(result, '')
  return jsonResponse({ ...data, clerkState }, stateHeaders)
}

export function jsonResponse(body: unknown, stateHeaders: Headers | undefined): Response {
  const headers = appended(undefined, stateHeaders)
  headers.set('content-type', JSON_CONTENT_TYPE)
  return new Response(JSON.stringify(body), { status: 200, headers })
}

function appended(base: HeadersInit | undefined, extra: Headers | undefined): Headers {
  const headers = new Headers(base)
  extra?.forEach((value, name) => {
    if (name !== 'set-cookie') headers.append(name, value)
  })
  // forEach joins Set-Cookie values; each must stay a header of its own.
  if (extra) for (const cookie of setCookieValues(extra)) headers.append('set-cookie', cookie)
  return headers
}

/**
 * Each Set-Cookie value on its own. Apps on Remix's `installGlobals()` (remix-serve, the Express adapter without
 * single fetch) run on @remix-run/web-fetch, whose Headers has `raw()` but no `getSetCookie()`.
 */
function setCookieValues(headers: Headers): string[] {
  if (typeof headers.getSetCookie === 'function') return headers.getSetCookie()
  const raw = (headers as Headers & { raw?: () => Record<string, string[] | undefined> }).raw
  if (typeof raw === 'function') return raw.call(headers)['set-cookie'] ?? []
  const joined = headers.get('set-cookie')
  return joined === null ? [] : [joined]
}

/** `null` or an object that is not an array: what `{ ...data, clerkState }` can be made of. */
function dataObject(value: unknown, container: string): Record<string, unknown> {
  if (value === null) return {}
  if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>
  throw new RemixClerkError(
    'REMIX_CLERK_INVALID_CALLBACK_RESULT',
    invalidCallbackResult(container ? `${container} ${describeValue(value)} as its data` : describeValue(value)),
  )
}

async function jsonBody(response: Response): Promise<unknown> {
  const text = await response.text()
  try {
    return JSON.parse(text)
  } catch {
    const type = response.headers.get('content-type')
    throw new RemixClerkError(
      'REMIX_CLERK_INVALID_CALLBACK_RESULT',
      invalidCallbackResult(`a Response whose body is not JSON (content-type: ${type ?? 'none'})`),
    )
  }
}

function isResponse(value: unknown): value is Response {
  if (value instanceof Response) return true
  const candidate = value as Partial<Response> | null
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.status === 'number' &&
    typeof candidate.statusText === 'string' &&
    typeof candidate.headers === 'object' &&
    typeof candidate.text === 'function'
  )
}

/** Remix's `defer()` result (`DeferredData` of @remix-run/router), by the shape Remix itself checks. */
interface DeferredDataLike {
  data: Record<string, unknown>
  init?: ResponseInit
}

function isDeferredData(value: unknown): value is DeferredDataLike {
  const candidate = value as { data?: unknown; subscribe?: unknown; cancel?: unknown; resolveData?: unknown } | null
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.data === 'object' &&
    candidate.data !== null &&
    typeof candidate.subscribe === 'function' &&
    typeof candidate.cancel === 'function' &&
    typeof candidate.resolveData === 'function'
  )
}

/** Remix's single-fetch `data(value, init)` result. */
interface DataWithResponseInitLike {
  type: 'DataWithResponseInit'
  data: unknown
  init: ResponseInit | null
}

function isDataWithResponseInit(value: unknown): value is DataWithResponseInitLike {
  const candidate = value as { type?: unknown } | null
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    candidate.type === 'DataWithResponseInit' &&
    'data' in candidate &&
    'init' in candidate
  )
}
