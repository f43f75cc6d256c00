// Properties of publishable keys: any string either parses into an instance type and Frontend API, or
// throws a RemixClerkError with one of upstream's four messages and its code (never a TypeError, never the key echoed); the
// cookie suffix of any string is 8 cookie-safe characters; any value at all gives a Backend API URL.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  PUBLISHABLE_KEY_BAD_FORMAT,
  PUBLISHABLE_KEY_INVALID,
  PUBLISHABLE_KEY_MISSING,
  apiUrlFromPublishableKey,
  PUBLISHABLE_KEY_UNDECODABLE,
  getCookieSuffix,
  parsePublishableKey,
} from '../../../src/auth/publishableKey.js'
import { RemixClerkError } from '../../../src/shared/remixClerkError.js'
import { syntaxText } from './arbitraries.js'

const MESSAGES = [
  PUBLISHABLE_KEY_MISSING,
  PUBLISHABLE_KEY_INVALID,
  PUBLISHABLE_KEY_UNDECODABLE,
  PUBLISHABLE_KEY_BAD_FORMAT,
]
const prefix = fc.constantFrom('pk_live_', 'pk_test_', 'pk_', 'sk_live_', '')
/** Latin-1 text, what btoa can encode: the host part of a key. */
const latin1 = fc.string({
  unit: fc.integer({ min: 0, max: 255 }).map((code) => String.fromCharCode(code)),
  maxLength: 60,
})
const encodedHost = fc
  .tuple(fc.oneof(latin1, fc.domain()), fc.constantFrom('$', '', '$$', '$x'))
  .map(([host, end]) => btoa(`${host}${end}`))
const anyKey = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc
    .tuple(
      prefix,
      fc.oneof(
        encodedHost,
        encodedHost.map((text) => text.replace(/=+$/, '')),
        syntaxText(40),
      ),
    )
    .map(([p, rest]) => `${p}${rest}`),
)

function parse(key: string): { ok: true; instanceType: string; frontendApi: string } | { ok: false; message: string } {
  try {
    return { ok: true, ...parsePublishableKey(key) }
  } catch (error) {
    expect((error as Error).constructor).toBe(RemixClerkError)
    expect((error as RemixClerkError).code).toBe(
      key ? 'REMIX_CLERK_INVALID_PUBLISHABLE_KEY' : 'REMIX_CLERK_MISSING_PUBLISHABLE_KEY',
    )
    return { ok: false, message: (error as Error).message }
  }
}

describe('parsePublishableKey', () => {
  it('any string: a key, or an Error with one of upstream messages', () => {
    let parsed = 0
    fc.assert(
      fc.property(anyKey, (key) => {
        const result = parse(key)
        if (!result.ok) {
          expect(MESSAGES).toContain(result.message)
          return
        }
        parsed += 1
        expect(result.instanceType).toBe(key.startsWith('pk_live_') ? 'production' : 'development')
        expect(result.frontendApi.includes('.') && !result.frontendApi.includes('$')).toBe(true)
      }),
      { numRuns: 5_000 },
    )
    expect(parsed).toBeGreaterThan(0)
  })

  it('pk_live_/pk_test_ + base64("<host>$"): the host comes back exactly when it has a dot and no $', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('pk_live_', 'pk_test_'),
        fc.oneof(fc.domain(), latin1),
        fc.boolean(),
        (p, host, padded) => {
          const encoded = btoa(`${host}$`)
          const result = parse(`${p}${padded ? encoded : encoded.replace(/=+$/, '')}`)
          if (host.includes('.') && !host.includes('$'))
            expect(result).toEqual({
              ok: true,
              instanceType: p === 'pk_live_' ? 'production' : 'development',
              frontendApi: host,
            })
          else expect(result).toEqual({ ok: false, message: PUBLISHABLE_KEY_BAD_FORMAT })
        },
      ),
      { numRuns: 5_000 },
    )
  })

  it('apiUrlFromPublishableKey answers one of the Backend API URLs for any value at all', () => {
    const urls = ['https://api.clerk.com', 'https://api.lclclerk.com', 'https://api.clerkstage.dev']
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(urls).toContain(apiUrlFromPublishableKey(value as string))
      }),
      { numRuns: 2_000 },
    )
  })
})

describe('getCookieSuffix', () => {
  it('any string: 8 characters that are safe in a cookie name', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 100 }), async (key) => {
        expect(await getCookieSuffix(key)).toMatch(/^[A-Za-z0-9_-]{8}$/)
      }),
      { numRuns: 1_000 },
    )
  })
})
