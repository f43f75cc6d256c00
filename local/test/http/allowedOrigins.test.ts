import { describe, expect, it } from 'vitest'
import { AllowedOrigins } from '../../src/http/allowedOrigins.js'
import { cookieSuffix } from '../../src/http/appCookies.js'
import { OPEN_REDIRECT_ATTEMPTS } from '../helpers/openRedirects.js'

const defaults = AllowedOrigins.parse()

describe('AllowedOrigins.checkRedirect with the default list (localhost and 127.0.0.1, any port)', () => {
  it.each([
    ['http://localhost:3000/dashboard?tab=1#top', 'http://localhost:3000/dashboard?tab=1#top'],
    ['https://localhost/', 'https://localhost/'],
    ['http://127.0.0.1:5173/', 'http://127.0.0.1:5173/'],
    ['HTTP://LOCALHOST:3000/a', 'http://localhost:3000/a'],
    // The parser normalises these to loopback; the browser goes to the normalised href we redirect to.
    ['http://0x7f.0.0.1:3000/', 'http://127.0.0.1:3000/'],
    ['http://localhost:3000\\path', 'http://localhost:3000/path'],
  ])('allows %s (redirecting to %s)', (raw, href) => {
    const check = defaults.checkRedirect(raw)
    expect(check).toEqual({ ok: true, url: new URL(href) })
  })

  it.each(OPEN_REDIRECT_ATTEMPTS)('refuses %s: %s', (_name, raw, kind) => {
    const check = defaults.checkRedirect(raw)
    expect(check.ok).toBe(false)
    if (!check.ok) expect(check.kind).toBe(kind)
  })

  it('names the problem and the fix', () => {
    expect(defaults.checkRedirect(undefined)).toEqual({
      ok: false,
      kind: 'missing',
      problem: 'redirect_url is missing.',
    })
    expect(defaults.checkRedirect('http://evil.com/x')).toEqual({
      ok: false,
      kind: 'origin',
      problem:
        'redirect_url points to http://evil.com, which is not an allowed origin (allowed: http://localhost:*, https://localhost:*, http://127.0.0.1:*, https://127.0.0.1:*). Add it with the allowedOrigins option or the --allowed-origin flag.',
    })
    expect(defaults.checkRedirect('//evil.com')).toEqual({
      ok: false,
      kind: 'malformed',
      problem: 'redirect_url must be an absolute URL such as http://localhost:3000/ (got "//evil.com").',
    })
  })
})

describe('configured origins', () => {
  const custom = AllowedOrigins.parse(['https://app.example.test', 'http://devbox.test:*', 'http://localhost:3000/'])

  it('matches exact origins, default ports and any-port entries, and replaces the default list', () => {
    expect(custom.checkRedirect('https://app.example.test/x').ok).toBe(true)
    expect(custom.checkRedirect('https://app.example.test:443/x').ok).toBe(true)
    expect(custom.checkRedirect('https://app.example.test:8443/x').ok).toBe(false)
    expect(custom.checkRedirect('http://app.example.test/x').ok).toBe(false)
    expect(custom.checkRedirect('http://devbox.test:8080/').ok).toBe(true)
    expect(custom.checkRedirect('http://localhost:3000/').ok).toBe(true)
    expect(custom.checkRedirect('http://localhost:3001/').ok).toBe(false)
    expect(custom.checkRedirect('http://127.0.0.1:3000/').ok).toBe(false)
  })

  it('allows() takes Origin header values exactly', () => {
    expect(defaults.allows('http://localhost:3000')).toBe(true)
    expect(defaults.allows('http://localhost:3000/')).toBe(false)
    expect(defaults.allows('null')).toBe(false)
    expect(defaults.allows('http://evil.com')).toBe(false)
    expect(custom.allows('https://app.example.test')).toBe(true)
  })

  it.each([
    '*',
    'localhost:3000',
    'http://localhost:3000/app',
    'ftp://localhost',
    'http://localhost:3000:*',
    'http://a@b.test',
    '',
  ])('refuses the entry %j with the accepted forms', (entry) => {
    expect(() => AllowedOrigins.parse([entry])).toThrow(
      expect.objectContaining({
        code: 'REMIX_CLERK_LOCAL_INVALID_OPTION',
        message: `remix-clerk-local: allowed origin ${JSON.stringify(entry)} is not valid; use an origin such as "http://localhost:3000", or "http://localhost:*" for any port.`,
      }),
    )
  })

  it('refuses a list that is not an array', () => {
    expect(() => AllowedOrigins.parse('http://localhost:3000' as unknown as string[])).toThrow(
      expect.objectContaining({
        code: 'REMIX_CLERK_LOCAL_INVALID_OPTION',
        message: 'remix-clerk-local: allowedOrigins must be an array of origins such as "http://localhost:3000".',
      }),
    )
  })
})

describe('cookieSuffix', () => {
  it.each([
    ['pk_live_Y2xlcmsuY2xlcmsuZGV2JA', '1Z8AzTQD'],
    ['pk_test_Y2xlcmsuY2xlcmsuZGV2JA', 'QvfNY2dr'],
    ['pk_live_Y2xlcmsuaW5zcGlyZWQucHVtYS03NC5sY2wuZGV2JA', 'MqCvchyS'],
  ])('%s → %s (the SDK contract vectors)', (key, suffix) => {
    expect(cookieSuffix(key)).toBe(suffix)
  })
})
