// Handshakes are bound to the browser that started them (src/auth/handshakeBinding.ts): a handshake answer in a URL
// counts only next to the `__clerk_handshake_binding` cookie holding the value its `redirect_url` carried. Tests that
// bring an answer back as that browser would use these; tests that check a handshake redirect exactly compare it with
// its random value checked and replaced.
import { expect } from 'vitest'

const NAME = '__clerk_handshake_binding'
/** A value of the binding's form (22 base64url characters). */
export const TEST_BINDING = 'testBindingValue012345'
/** The cookie a browser holds after the app sent it to a handshake with `TEST_BINDING`. */
export const BINDING_COOKIE = `${NAME}=${TEST_BINDING}`
export const BINDING_COOKIES = { [NAME]: TEST_BINDING } as const

/** `url` with the binding parameter a handshake's `redirect_url` carried. */
export function bound(url: string): string {
  const parsed = new URL(url)
  parsed.searchParams.append(NAME, TEST_BINDING)
  return parsed.href
}

/**
 * A copy of a handshake redirect's headers in which the random binding value is checked (the same in the
 * `redirect_url` and in the cookie) and then dropped from the Location and replaced by `(binding)` in the cookie.
 */
export function withBindingChecked(headers: Headers): Headers {
  const copy = new Headers(headers)
  const location = headers.get('location')
  if (!location) return copy
  const url = new URL(location)
  const redirectUrl = url.searchParams.get('redirect_url')
  if (!redirectUrl) return copy
  const back = new URL(redirectUrl)
  const value = back.searchParams.get(NAME)
  expect(value).toMatch(/^[\w-]{22}$/)
  back.searchParams.delete(NAME)
  url.searchParams.set('redirect_url', back.href)
  copy.set('location', url.href)
  copy.delete('set-cookie')
  let seen = false
  for (const cookie of headers.getSetCookie()) {
    if (cookie.startsWith(`${NAME}=`)) {
      expect(
        cookie
          .slice(NAME.length + 1)
          .split(';')[0]!
          .split('.')[0],
      ).toBe(value)
      seen = true
      copy.append('set-cookie', cookie.replace(/^[^;]*/, `${NAME}=(binding)`))
    } else copy.append('set-cookie', cookie)
  }
  expect(seen).toBe(true)
  return copy
}

/** The binding cookie of a handshake redirect as `withBindingChecked` shows it. */
export const CHECKED_BINDING_COOKIE = `${NAME}=(binding); Max-Age=120; Path=/; HttpOnly; SameSite=Lax`

/** A handshake's `redirect_url` without its binding parameter (checked to be there). */
export function withoutBinding(redirectUrl: string): string {
  const url = new URL(redirectUrl)
  expect(url.searchParams.get(NAME)).toMatch(/^[\w-]{22}$/)
  url.searchParams.delete(NAME)
  return url.href
}
