// The request line and body: encoded path segments, snake_cased query and body keys.
import { snakeCase } from './casing'
import { ClerkClientError } from './errors'
import { quote } from '../shared/quote'

/**
 * A caller-supplied id as one encoded path segment. `encodeURIComponent` keeps `a/b?x` inside its
 * segment, but `.` and `..` survive encoding and URL parsing would resolve them (so would `%2e`),
 * which is how `..` could reach another endpoint: they are refused, as are blank ids.
 */
export function pathSegment(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.trim() === '' || value === '.' || value === '..') {
    throw new ClerkClientError(
      'argument_invalid',
      `${where} must be a non-empty resource ID such as "user_2abc…", got ${quote(value)}.`,
    )
  }
  return encodeURIComponent(value)
}

/**
 * Like @clerk/backend: keys are snake_cased, arrays become repeated keys, and falsy values
 * (undefined, null, '', 0, false) are left out, which for these endpoints equals the server default.
 */
export function queryString(query: object | undefined): string {
  if (!query) return ''
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (!value) continue
    const name = snakeCase(key)
    for (const item of Array.isArray(value) ? value : [value]) params.append(name, String(item))
  }
  const text = params.toString()
  return text ? `?${text}` : ''
}

/** Top-level keys snake_cased (nested objects such as metadata or claims are the caller's own). */
export function jsonBody(method: string, body: object | undefined): string | undefined {
  if (method === 'GET' || !body) return undefined
  const wire: Record<string, unknown> = {}
  let empty = true
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined) continue
    wire[snakeCase(key)] = value
    empty = false
  }
  return empty ? undefined : JSON.stringify(wire)
}
