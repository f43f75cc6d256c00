// A secret key is shown by its prefix only, and text from elsewhere that carries it is scrubbed.
import { describe, expect, it } from 'vitest'
import { scrubSecretKey } from '../../src/shared/redact.js'

const SECRET = 'sk_live_abcdefghijklmnop123'

describe('scrubSecretKey', () => {
  it('replaces every occurrence of the key by its prefix', () => {
    expect(scrubSecretKey(`Bearer ${SECRET} refused; key ${SECRET}`, SECRET)).toBe(
      'Bearer sk_live_… refused; key sk_live_…',
    )
    expect(scrubSecretKey('x sk_test_zzz y', 'sk_test_zzz')).toBe('x sk_test_… y')
  })

  it('keeps three characters of a key without a known prefix', () => {
    expect(scrubSecretKey('got 0123456789', '0123456789')).toBe('got 012…')
  })

  it('leaves text without the key, or without a key to look for, as it is', () => {
    expect(scrubSecretKey('nothing secret', SECRET)).toBe('nothing secret')
    expect(scrubSecretKey(`text ${SECRET}`, undefined)).toBe(`text ${SECRET}`)
    expect(scrubSecretKey(`text ${SECRET}`, '')).toBe(`text ${SECRET}`)
  })
})
