/** The e-mail address check of the Backend API and the sign-in page, in time linear in the input. */

/**
 * RFC 5321 allows 64 characters before the `@` and 255 after it: 320 with the `@`.
 * @internal Exported for tests, which build the longest address allowed.
 */
export const MAX_EMAIL_LENGTH = 320

/**
 * Something `@` something with a dot inside the domain, no whitespace and exactly one `@`: what
 * `/^[^\s@]+@[^\s@]+\.[^\s@]+$/` accepts. That expression backtracks quadratically on `a@` followed by dots and a
 * final `@` (a 1 MiB form field held the server for minutes), so the length is checked first and the rest with
 * single scans.
 */
export function isEmailAddress(value: string): boolean {
  if (value.length > MAX_EMAIL_LENGTH || /\s/.test(value)) return false
  const at = value.indexOf('@')
  if (at < 1 || value.includes('@', at + 1)) return false
  // A dot with at least one character of the domain on each side.
  return value.slice(at + 2, -1).includes('.')
}

/** For a schema field's `pattern`. */
export const EMAIL_ADDRESS = { test: isEmailAddress }
