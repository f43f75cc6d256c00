import { apiUrlFromPublishableKey as upstreamApiUrl } from '@clerk/shared/apiUrlFromPublishableKey'
import { getCookieSuffix as upstreamSuffix, parsePublishableKey as upstreamParse } from '@clerk/shared/keys'
import { describe, expect, it } from 'vitest'
import { apiUrlFromPublishableKey, getCookieSuffix, parsePublishableKey } from '../../src/auth/publishableKey.js'

/** Whether parsePublishableKey accepts the key (as @clerk/shared's isPublishableKey answers). */
const isPublishableKey = (pk: string | undefined): boolean => {
  try {
    parsePublishableKey(pk)
    return true
  } catch {
    return false
  }
}

const key = (prefix: 'pk_live_' | 'pk_test_', decoded: string) => `${prefix}${btoa(decoded).replace(/=+$/, '')}`

const MISSING =
  'Publishable key is missing. Ensure that your publishable key is correctly configured. Double-check your environment configuration for your keys, or access them here: https://dashboard.clerk.com/last-active?path=api-keys'

describe('parsePublishableKey', () => {
  it.each([
    ['pk_live_Y2xlcmsuY2xlcmsuZGV2JA', 'production', 'clerk.clerk.dev'],
    ['pk_test_Y2xlcmsuY2xlcmsuZGV2JA', 'development', 'clerk.clerk.dev'],
    [key('pk_test_', 'happy-hippo-1.clerk.accounts.dev$'), 'development', 'happy-hippo-1.clerk.accounts.dev'],
    [key('pk_live_', '127.0.0.1:4000$'), 'production', '127.0.0.1:4000'],
    [key('pk_live_', 'http://127.0.0.1:4000$'), 'production', 'http://127.0.0.1:4000'],
  ])('%s → %s, %s', (pk, instanceType, frontendApi) => {
    expect(parsePublishableKey(pk)).toEqual({ instanceType, frontendApi })
  })

  it.each([
    ['undefined', undefined, MISSING],
    ['an empty string', '', MISSING],
    ['a secret key', 'sk_test_Y2xlcmsuY2xlcmsuZGV2JA', 'Publishable key not valid.'],
    ['a bare prefix', 'pk_test_', 'Publishable key not valid.'],
    ['an extra underscore', 'pk_test_Y2xl_cmsuY2xlcmsuZGV2JA', 'Publishable key not valid.'],
    ['text that is not base64', 'pk_test_%%%%', 'Publishable key not valid: Failed to decode key.'],
    [
      'a host without a dot',
      key('pk_test_', 'localhost:4000$'),
      'Publishable key not valid: Decoded key has invalid format.',
    ],
    [
      'no trailing $',
      key('pk_live_', 'clerk.example.com'),
      'Publishable key not valid: Decoded key has invalid format.',
    ],
    ['two $', key('pk_live_', 'clerk.$example.com$'), 'Publishable key not valid: Decoded key has invalid format.'],
  ])('throws for %s with upstream’s message', (_name, pk, message) => {
    const code = !pk ? 'REMIX_CLERK_MISSING_PUBLISHABLE_KEY' : 'REMIX_CLERK_INVALID_PUBLISHABLE_KEY'
    expect(() => parsePublishableKey(pk)).toThrow(expect.objectContaining({ code, message }))
  })

  it('never puts the offending key in its message', () => {
    const secret = 'sk_live_abcdefghijklmnop'
    expect(() => parsePublishableKey(secret)).toThrow(
      expect.objectContaining({ code: 'REMIX_CLERK_INVALID_PUBLISHABLE_KEY' }),
    )
    expect(() => parsePublishableKey(secret)).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('abcdefgh') }),
    )
  })

  it('replaces the Frontend API by proxyUrl, or by clerk.<domain> for production satellites', () => {
    const live = 'pk_live_Y2xlcmsuY2xlcmsuZGV2JA'
    const test = 'pk_test_Y2xlcmsuY2xlcmsuZGV2JA'
    expect(parsePublishableKey(live, { proxyUrl: 'https://app.example.com/__clerk' }).frontendApi).toBe(
      'https://app.example.com/__clerk',
    )
    expect(parsePublishableKey(live, { domain: 'satellite.dev', isSatellite: true }).frontendApi).toBe(
      'clerk.satellite.dev',
    )
    expect(parsePublishableKey(live, { domain: 'satellite.dev' }).frontendApi).toBe('clerk.clerk.dev')
    expect(parsePublishableKey(test, { domain: 'satellite.dev', isSatellite: true }).frontendApi).toBe(
      'clerk.clerk.dev',
    )
  })

  it('agrees with @clerk/shared on valid and invalid keys', () => {
    const keys = [
      'pk_live_Y2xlcmsuY2xlcmsuZGV2JA',
      'pk_test_Y2xlcmsuaW5zcGlyZWQucHVtYS03NC5sY2wuZGV2JA',
      key('pk_test_', 'localhost:4000$'),
      key('pk_live_', 'http://127.0.0.1:4000$'),
      'pk_test_',
      'pk_live_Y2xl_JA',
      'nope',
    ]
    for (const pk of keys) {
      const ours = isPublishableKey(pk) ? parsePublishableKey(pk) : null
      expect(ours).toEqual(upstreamParse(pk))
    }
  })
})

describe('getCookieSuffix', () => {
  it.each([
    ['pk_live_Y2xlcmsuY2xlcmsuZGV2JA', '1Z8AzTQD'],
    ['pk_test_Y2xlcmsuY2xlcmsuZGV2JA', 'QvfNY2dr'],
    ['pk_live_Y2xlcmsuaW5zcGlyZWQucHVtYS03NC5sY2wuZGV2JA', 'MqCvchyS'],
  ])('%s → %s, as @clerk/shared computes it', async (pk, suffix) => {
    expect(await getCookieSuffix(pk)).toBe(suffix)
    expect(await upstreamSuffix(pk)).toBe(suffix)
  })

  it('computes once per key and returns the same promise afterwards', () => {
    const pk = key('pk_test_', 'once.example.com$')
    expect(getCookieSuffix(pk)).toBe(getCookieSuffix(pk))
  })

  it('replaces + and / so the suffix is valid in a cookie name, as upstream', async () => {
    let neededReplacing = 0
    for (let i = 0; i < 200; i += 1) {
      const pk = key('pk_test_', `k${i}.example.com$`)
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', new TextEncoder().encode(pk)))
      if (/[+/]/.test(btoa(String.fromCharCode(...digest)).slice(0, 8))) neededReplacing += 1
      const suffix = await getCookieSuffix(pk)
      expect(suffix).toMatch(/^[A-Za-z0-9_-]{8}$/)
      expect(suffix).toBe(await upstreamSuffix(pk))
    }
    expect(neededReplacing).toBeGreaterThan(0)
  })
})

describe('apiUrlFromPublishableKey', () => {
  it.each([
    [key('pk_live_', 'clerk.example.com$'), 'https://api.clerk.com'],
    [key('pk_test_', 'happy-hippo-1.clerk.accounts.dev$'), 'https://api.clerk.com'],
    [key('pk_test_', 'foo-bar-13.lcl.dev$'), 'https://api.lclclerk.com'],
    [key('pk_test_', 'foo.lclstage.dev$'), 'https://api.lclclerk.com'],
    [key('pk_test_', 'foo.accounts.lclclerk.com$'), 'https://api.lclclerk.com'],
    [key('pk_test_', 'clerk.foo.lcl.dev$'), 'https://api.clerk.com'],
    [key('pk_test_', 'foo-bar-13.clerk.accountsstage.dev$'), 'https://api.clerkstage.dev'],
    ['not a key', 'https://api.clerk.com'],
    [undefined, 'https://api.clerk.com'],
  ])('%s → %s, as @clerk/shared', (pk, url) => {
    expect(apiUrlFromPublishableKey(pk)).toBe(url)
    expect(upstreamApiUrl(pk ?? '')).toBe(url)
  })
})
