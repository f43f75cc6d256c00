// The request line and body: encoded path segments, snake_cased query and body keys.
import { snakeCase } from './casing.js'
import { ClerkClientError } from './errors.js'
import { quote } from '../shared/quote.js'

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

/**
 * Top-level keys snake_cased (nested objects such as metadata or claims are the caller's own), or every key with
 * `deep` (endpoints whose nested parameters are Clerk's, such as a SAML connection's attribute mapping). An array
 * body is a list of such objects. Nothing to send → no body.
 */
export function jsonBody(method: string, body: object | undefined, deep: boolean): string | undefined {
  if (method === 'GET' || !body) return undefined
  if (Array.isArray(body)) {
    return body.length === 0 ? undefined : JSON.stringify(body.map((item: object) => wireKeys(item, deep)))
  }
  const wire = wireKeys(body, deep)
  return Object.keys(wire).length === 0 ? undefined : JSON.stringify(wire)
}

function wireKeys(object: object, deep: boolean): Record<string, unknown> {
  const wire: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(object)) {
    if (value !== undefined) wire[snakeCase(key)] = deep ? deepWireKeys(value) : value
  }
  return wire
}

function deepWireKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(deepWireKeys)
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value
  return wireKeys(value, true)
}

/** Multipart fields with snake_cased names; values left out are left out, files are sent as files. */
export function formBody(fields: Readonly<Record<string, unknown>>): FormData {
  const form = new FormData()
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || value === null || value === '') continue
    form.append(snakeCase(key), value instanceof Blob ? value : String(value))
  }
  return form
}
