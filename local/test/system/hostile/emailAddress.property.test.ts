// The linear e-mail check accepts exactly what the old regular expression accepted (up to 320 characters), and
// refuses anything longer, whatever the characters (fast-check).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_EMAIL_LENGTH, isEmailAddress } from '../../../src/validation/emailAddress.js'

/** The pattern it replaces; fine on short input, quadratic on long hostile input. */
const OLD_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

const emailChar = fc.constantFrom('a', 'Z', '0', '.', '@', '-', '+', ' ', '\t', '\n', '\u00a0', '\u2028', 'é', '🔑')
const emailLike = fc.oneof(
  fc.string({ unit: emailChar, maxLength: 24 }),
  fc
    .tuple(fc.string({ unit: emailChar, maxLength: 8 }), fc.string({ unit: emailChar, maxLength: 12 }))
    .map(([local, domain]) => `${local}@${domain}`),
)

describe('isEmailAddress', () => {
  it('agrees with /^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$/ on every string up to 320 characters', () => {
    fc.assert(
      fc.property(emailLike, (value) => {
        expect(isEmailAddress(value)).toBe(OLD_PATTERN.test(value))
      }),
      { numRuns: 20_000 },
    )
    for (const value of ['a@b.c', 'a@.b.c', 'a@b.', 'a@.b', 'a@b..c', '@b.c', 'a@@b.c', 'a@b.c@', 'a b@c.d']) {
      expect({ value, ok: isEmailAddress(value) }).toEqual({ value, ok: OLD_PATTERN.test(value) })
    }
  })

  it('refuses anything longer than 320 characters, valid-looking or not', () => {
    const longest = `${'a'.repeat(64)}@${'b'.repeat(MAX_EMAIL_LENGTH - 64 - 1 - 5)}.test`
    expect(longest).toHaveLength(MAX_EMAIL_LENGTH)
    expect(isEmailAddress(longest)).toBe(true)
    expect(isEmailAddress(`a${longest}`)).toBe(false)
  })
})
