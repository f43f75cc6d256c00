// Key casing between our camelCase API and the Backend API's snake_case wire format.
// Only ASCII identifiers reach these functions (parameter names we declare, keys Clerk sends),
// so two regular expressions do the job of a case-conversion library.

const LOWER_UPPER = /([a-z0-9])([A-Z])/g
const UPPER_UPPER = /([A-Z])([A-Z][a-z])/g

/** `emailAddress` → `email_address`, `primaryEmailAddressID` → `primary_email_address_id`. */
export function snakeCase(key: string): string {
  return key.replace(LOWER_UPPER, '$1_$2').replace(UPPER_UPPER, '$1_$2').toLowerCase()
}

/** `param_name` → `paramName`. */
export function camelCase(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase())
}

/** Shallow: nested values (metadata, claims) keep the keys their owner gave them. */
export function mapKeys(
  object: Readonly<Record<string, unknown>>,
  convert: (key: string) => string,
): Record<string, unknown> {
  const result: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(object)) result[convert(key)] = value
  return result
}

/** Every key, at every depth: for plain data objects @clerk/backend hands out camelCased (billing amounts, totals). */
export function camelKeysDeep<T>(value: unknown): T {
  if (Array.isArray(value)) return value.map((item) => camelKeysDeep(item)) as T
  if (value === null || typeof value !== 'object') return value as T
  const result: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) result[camelCase(key)] = camelKeysDeep(item)
  return result as T
}
