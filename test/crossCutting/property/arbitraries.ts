// fast-check building blocks for the property suites: header text a real server can receive, cookie
// headers assembled from Clerk's cookie names and hostile values, and JWT-shaped strings whose segments
// hold arbitrary JSON.
import fc from 'fast-check'

/**
 * Text a `Headers` value can hold: Latin-1, without NUL, CR or LF (non-ASCII arrives as its UTF-8 bytes,
 * one Latin-1 character each, which is what a Node server hands over).
 */
const headerChar = fc
  .integer({ min: 1, max: 255 })
  .filter((code) => code !== 10 && code !== 13)
  .map((code) => String.fromCharCode(code))
export const headerText = (maxLength = 200) => fc.string({ unit: headerChar, maxLength })

/** Characters that matter to cookie and token parsing, to hit the interesting paths often. */
const syntaxChar = fc.constantFrom(
  ' ',
  '\t',
  ';',
  '=',
  ',',
  '"',
  '%',
  '.',
  '-',
  '_',
  '+',
  '/',
  'A',
  'e',
  'y',
  'J',
  '0',
  '\u00a0',
  'é',
)
export const syntaxText = (maxLength = 40) => fc.string({ unit: fc.oneof(syntaxChar, headerChar), maxLength })

export const base64url = (text: string) => Buffer.from(text).toString('base64url')

/** A JWT-shaped string: segments of base64url JSON (objects or not), raw text, or nothing. */
export const jwtShaped = fc
  .tuple(
    fc.oneof(
      fc.json().map(base64url),
      fc.jsonValue().map((value) => base64url(JSON.stringify(value) ?? '')),
      syntaxText(),
    ),
    fc.oneof(
      fc.json().map(base64url),
      fc.object().map((value) => base64url(JSON.stringify(value))),
      syntaxText(),
    ),
    fc.oneof(fc.base64String(), syntaxText(), fc.constant('')),
  )
  .map(([header, payload, signature]) => `${header}.${payload}.${signature}`)

const COOKIE_NAMES = [
  '__session',
  '__client_uat',
  '__clerk_db_jwt',
  '__refresh',
  '__clerk_handshake',
  '__clerk_redirect_count',
  'other',
]

/** A cookie header from Clerk's cookie names (plain or with a suffix) and hostile values. */
export const cookieHeader = (suffix: string, extraValues: fc.Arbitrary<string> = fc.constant('x')) =>
  fc
    .array(
      fc.tuple(
        fc.constantFrom(...COOKIE_NAMES),
        fc.boolean(),
        fc.oneof(syntaxText(), jwtShaped, fc.integer().map(String), extraValues),
        fc.constantFrom('; ', ';', ' ; ', ';;'),
      ),
      { maxLength: 8 },
    )
    .map((cookies) =>
      cookies
        .map(([name, suffixed, value, separator]) => `${suffixed ? `${name}_${suffix}` : name}=${value}${separator}`)
        .join('')
        .replace(/[\r\n\0]/g, ''),
    )
