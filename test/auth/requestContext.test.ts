import { describe, expect, it } from 'vitest'
import { getCookieSuffix, parsePublishableKey } from '../../src/auth/publishableKey.js'
import {
  createRequestContext,
  tokenFromAuthorization,
  type RequestContextOptions,
} from '../../src/auth/requestContext.js'
import { base64urlJson } from '../helpers/sessionTokens.js'

const PK_LIVE = `pk_live_${btoa('clerk.example.com$').replace(/=+$/, '')}`
const PK_TEST = `pk_test_${btoa('clerk.example.com$').replace(/=+$/, '')}`

async function contextOptions(pk = PK_LIVE): Promise<RequestContextOptions> {
  const { instanceType, frontendApi } = parsePublishableKey(pk)
  return { cookieSuffix: await getCookieSuffix(pk), instanceType, frontendApi }
}

async function contextFor(url: string, headers: Record<string, string> = {}, pk = PK_LIVE, trustForwardedHost = false) {
  return createRequestContext(new Request(url, { headers }), { ...(await contextOptions(pk)), trustForwardedHost })
}

/** Decode-only tokens: the request context never verifies, it reads iat/iss/exp. */
const jwt = (payload: Record<string, unknown>) =>
  `${base64urlJson({ alg: 'RS256', typ: 'JWT' })}.${base64urlJson(payload)}.c2ln`

describe('clerkUrl', () => {
  it.each([
    ['no forwarding headers', 'http://localhost:3000/a?b=1', {}, 'http://localhost:3000/a?b=1'],
    [
      'x-forwarded-host and -proto',
      'http://internal:3000/a?b=1',
      { 'x-forwarded-host': 'app.example.com', 'x-forwarded-proto': 'https' },
      'https://app.example.com/a?b=1',
    ],
    [
      'the first of comma-separated values',
      'http://internal:3000/a',
      { 'x-forwarded-host': 'app.example.com, proxy.internal', 'x-forwarded-proto': 'https,http' },
      'https://app.example.com/a',
    ],
    ['the host header', 'http://localhost:3000/a', { host: 'app.example.com:8080' }, 'http://app.example.com:8080/a'],
    [
      'cloudfront-forwarded-proto over x-forwarded-proto',
      'http://internal/a',
      { 'x-forwarded-host': 'app.example.com', 'cloudfront-forwarded-proto': 'https', 'x-forwarded-proto': 'http' },
      'https://app.example.com/a',
    ],
    ['an IPv6 host', 'http://internal/a', { 'x-forwarded-host': '[::1]:3000' }, 'http://[::1]:3000/a'],
    ['a host with a path (ignored)', 'http://internal/a', { 'x-forwarded-host': 'evil.com/x' }, 'http://internal/a'],
    [
      'a host with credentials (ignored)',
      'http://internal/a',
      { 'x-forwarded-host': 'me@evil.com' },
      'http://internal/a',
    ],
    [
      'a port out of range (ignored)',
      'http://internal/a',
      { 'x-forwarded-host': 'app.example.com:99999' },
      'http://internal/a',
    ],
    [
      'a malformed IPv6 literal (ignored)',
      'http://internal/a',
      { 'x-forwarded-host': '[1:::::::2]' },
      'http://internal/a',
    ],
    [
      'a default port, dropped',
      'http://internal:3000/a',
      { 'x-forwarded-host': 'app.example.com:443', 'x-forwarded-proto': 'https' },
      'https://app.example.com/a',
    ],
    [
      'a proto that is not http(s) (ignored)',
      'http://internal/a',
      { 'x-forwarded-proto': 'javascript' },
      'http://internal/a',
    ],
    [
      'a path that looks like a host, which stays a path',
      'http://internal//evil.com/x',
      { 'x-forwarded-host': 'app.example.com', 'x-forwarded-proto': 'https' },
      'https://app.example.com//evil.com/x',
    ],
  ])('%s (trustForwardedHost)', async (_name, url, headers, expected) => {
    const context = await contextFor(url, headers, PK_LIVE, true)
    expect(context.clerkUrl.href).toBe(expected)
    expect(context.clerkUrl).toBe(context.clerkUrl)
  })

  it.each([
    [
      'x-forwarded-host alone: ignored',
      'http://internal/a',
      { 'x-forwarded-host': 'evil.example' },
      'http://internal/a',
    ],
    [
      'x-forwarded-host: the host header wins',
      'http://internal/a',
      { 'x-forwarded-host': 'evil.example', host: 'app.example.com' },
      'http://app.example.com/a',
    ],
    [
      'x-forwarded-proto with the host header',
      'http://internal/a',
      { 'x-forwarded-proto': 'https', host: 'app.example.com' },
      'https://app.example.com/a',
    ],
  ])('without trustForwardedHost, %s', async (_name, url, headers, expected) => {
    expect((await contextFor(url, headers)).clerkUrl.href).toBe(expected)
  })
})

describe('cookies', () => {
  it.each([
    ['plain values', 'a=1; b=2', { a: '1', b: '2' }],
    ['the first of duplicates', '__session=first; __session=second', { __session: 'first' }],
    ['%-encoded values, decoded one value at a time', 'a=x%3By; b=%F0%9F%94%91', { a: 'x;y', b: '🔑', y: undefined }],
    ['malformed % sequences, kept as they are', 'a=%ZZ; b=%E0%A4%A; c=100%', { a: '%ZZ', b: '%E0%A4%A', c: '100%' }],
    ['an empty value as absent', 'a=; b=1', { a: undefined, b: '1' }],
    ['junk around valid pairs', ';;; =; ==x; a=1;;b', { a: '1', b: undefined }],
    ['no Cookie header', undefined, { a: undefined }],
    ['prototype names as plain names', '__proto__=1; constructor=2', { __proto__: '1', constructor: '2' }],
  ])('reads %s', async (_name, header, expected) => {
    const context = await contextFor('https://app.example.com/', header === undefined ? {} : { cookie: header })
    for (const [name, value] of Object.entries(expected)) expect(context.cookie(name)).toBe(value)
  })

  it('reads one of hundreds of cookies and a 1 MB value without throwing', async () => {
    const many = Array.from({ length: 500 }, (_, i) => `c${i}=${i}`).join('; ')
    const big = 'x'.repeat(1_000_000)
    const context = await contextFor('https://app.example.com/', { cookie: `${many}; __session=${big}; c9=late` })
    expect(context.cookie('c499')).toBe('499')
    expect(context.cookie('c9')).toBe('9')
    expect(context.sessionTokenInCookie).toHaveLength(1_000_000)
    expect(context.decodedSessionTokenInCookie).toBeUndefined()
  })
})

describe('Authorization header', () => {
  it.each([
    ['a bare token', 'eyJ.a.b', 'eyJ.a.b'],
    ['Bearer <token>', 'Bearer eyJ.a.b', 'eyJ.a.b'],
    ['lower-case bearer', 'bearer eyJ.a.b', 'eyJ.a.b'],
    ['extra spaces and a tab', '  Bearer \t  eyJ.a.b  ', 'eyJ.a.b'],
    ['Bearer alone (one word, as upstream)', 'Bearer', 'Bearer'],
    ['Bearer with two words, kept whole so verification refuses it', 'Bearer a b', 'a b'],
    ['Basic credentials', 'Basic dXNlcjpwYXNz', undefined],
    ['another scheme', 'Token eyJ.a.b', undefined],
    ['an empty header', '', undefined],
    ['only spaces', '   ', undefined],
  ])('%s', async (_name, header, expected) => {
    expect(tokenFromAuthorization(header)).toBe(expected)
    const context = await contextFor('https://app.example.com/', { authorization: header })
    expect(context.tokenInHeader).toBe(expected)
  })
})

describe('suffixed or plain cookies (first rule wins)', () => {
  const now = Math.floor(Date.now() / 1000)
  const ours = (iat: number, extra: Record<string, unknown> = {}) =>
    jwt({ iss: 'https://clerk.example.com', iat, exp: iat + 60, ...extra })

  async function decide(cookies: Record<string, string>, pk = PK_LIVE) {
    const suffix = await getCookieSuffix(pk)
    const header = Object.entries(cookies)
      .map(([name, value]) => `${name.replace('<sfx>', suffix)}=${value}`)
      .join('; ')
    return (await contextFor('https://app.example.com/', { cookie: header }, pk)).usesSuffixedCookies
  }

  it.each([
    [
      'a plain session without iss (an older SDK) → plain',
      { __session: jwt({ iat: now }), '__session_<sfx>': ours(now), '__client_uat_<sfx>': String(now) },
      false,
    ],
    ['a malformed plain session → plain', { __session: 'garbage', '__client_uat_<sfx>': String(now) }, false],
    [
      'a plain session of another instance → suffixed',
      { __session: jwt({ iss: 'https://clerk.other.com', iat: now }) },
      true,
    ],
    ['a plain session with a non-string iss → suffixed', { __session: jwt({ iss: 42, iat: now }) }, true],
    [
      'an issuer with http:// stripped → ours',
      { __session: jwt({ iss: 'http://clerk.example.com', iat: now }) },
      false,
    ],
    ['no suffixed uat and no suffixed session → plain', { __session: ours(now), __client_uat: String(now) }, false],
    [
      'both uats set and the plain session newer → plain',
      {
        __session: ours(now),
        __client_uat: String(now),
        '__session_<sfx>': ours(now - 100),
        '__client_uat_<sfx>': String(now - 100),
      },
      false,
    ],
    [
      'both uats set and the suffixed session newer → suffixed',
      {
        __session: ours(now - 100),
        __client_uat: String(now),
        '__session_<sfx>': ours(now),
        '__client_uat_<sfx>': String(now),
      },
      true,
    ],
    ['suffixed uat 0 and plain uat set → plain', { __client_uat: String(now), '__client_uat_<sfx>': '0' }, false],
    ['suffixed uat 0 and no plain uat → plain', { '__client_uat_<sfx>': '0' }, false],
    ['suffixed session without suffixed uat → plain', { '__session_<sfx>': ours(now) }, false],
    ['suffixed uat and session → suffixed', { '__session_<sfx>': ours(now), '__client_uat_<sfx>': String(now) }, true],
    ['only a suffixed uat → suffixed', { '__client_uat_<sfx>': String(now) }, true],
  ])('%s', async (_name, cookies, expected) => {
    expect(await decide(cookies)).toBe(expected)
  })

  it('development only: plain uat 0 with an expired suffixed session → plain', async () => {
    const cookies = { __client_uat: '0', '__client_uat_<sfx>': String(now - 100), '__session_<sfx>': ours(now - 100) }
    expect(await decide(cookies, PK_TEST)).toBe(false)
    expect(await decide(cookies, PK_LIVE)).toBe(true)
    const fresh = { ...cookies, '__session_<sfx>': ours(now) }
    expect(await decide(fresh, PK_TEST)).toBe(true)
  })

  it('reads every instance cookie from the chosen set', async () => {
    const suffix = await getCookieSuffix(PK_LIVE)
    const session = ours(now)
    const context = await contextFor('https://app.example.com/', {
      cookie: [
        `__session=${ours(now - 5)}`,
        `__client_uat=1`,
        `__session_${suffix}=${session}`,
        `__client_uat_${suffix}=${now}`,
        `__clerk_db_jwt_${suffix}=dvb_suffixed`,
        `__clerk_db_jwt=dvb_plain`,
        `__refresh=plain_refresh`,
        `__refresh_${suffix}=suffixed_refresh`,
      ].join('; '),
    })
    expect(context.usesSuffixedCookies).toBe(true)
    expect(context.sessionTokenInCookie).toBe(session)
    expect(context.clientUat).toBe(now)
    expect(context.devBrowserToken).toBe('dvb_suffixed')
    expect(context.refreshTokenInCookie).toBe('suffixed_refresh')
    expect(context.decodedSessionTokenInCookie?.payload).toEqual({
      iss: 'https://clerk.example.com',
      iat: now,
      exp: now + 60,
    })
    expect(context.decodedSessionTokenInCookie).toBe(context.decodedSessionTokenInCookie)
  })

  it('reads only the suffixed refresh cookie, even with plain cookies', async () => {
    const context = await contextFor('https://app.example.com/', { cookie: `__session=${ours(now)}; __refresh=r` })
    expect(context.usesSuffixedCookies).toBe(false)
    expect(context.refreshTokenInCookie).toBeUndefined()
  })
})

describe('handshake and dev-browser values', () => {
  it('prefers the query over cookies', async () => {
    const context = await contextFor(
      'https://app.example.com/?__clerk_db_jwt=q_db&__clerk_handshake=q_hs&__clerk_handshake_nonce=q_nonce',
      {
        cookie:
          '__clerk_db_jwt=c_db; __clerk_handshake=c_hs; __clerk_handshake_nonce=c_nonce; __clerk_redirect_count=2',
      },
    )
    expect([context.devBrowserToken, context.handshakeToken, context.handshakeNonce]).toEqual([
      'q_db',
      'q_hs',
      'q_nonce',
    ])
    expect(context.handshakeRedirectLoopCounter).toBe(2)
  })

  it('falls back to cookies, and reads forwarded-URL query parameters', async () => {
    const context = await contextFor('http://internal/?x=1', {
      'x-forwarded-host': 'app.example.com',
      cookie: '__clerk_db_jwt=c_db; __clerk_handshake=c_hs; __clerk_handshake_nonce=c_nonce',
    })
    expect([context.devBrowserToken, context.handshakeToken, context.handshakeNonce]).toEqual([
      'c_db',
      'c_hs',
      'c_nonce',
    ])
    expect(context.queryParameter('x')).toBe('1')
  })

  it('finds parameter names spelled with %-escapes, beside the escapes of a Remix data request', async () => {
    const remixData = 'https://app.example.com/dashboard?_data=routes%2Fdashboard'
    const encoded = await contextFor(
      `${remixData}&%5F%5Fclerk_db_jwt=q_db&_%5fclerk%5Fhandshake=q_hs&__clerk_handshake_nonc%65=q_nonce&x%3D=1`,
    )
    expect([encoded.devBrowserToken, encoded.handshakeToken, encoded.handshakeNonce]).toEqual([
      'q_db',
      'q_hs',
      'q_nonce',
    ])
    expect(encoded.queryParameter('x=')).toBe('1')
    const plain = await contextFor(`${remixData}&x=__clerk_handshake&__clerk_handshakes=1`, {
      cookie: '__clerk_handshake=c_hs',
    })
    expect([plain.devBrowserToken, plain.handshakeToken, plain.handshakeNonce]).toEqual([undefined, 'c_hs', undefined])
  })

  it.each([
    ['absent', undefined, 0, 0],
    ['a number', '1700000000', 1_700_000_000, 3],
    ['not a number', 'abc', 0, 0],
  ])('reads numeric cookies that are %s', async (_name, value, uat, counter) => {
    const cookie =
      value === undefined ? '' : `__client_uat=${value}; __clerk_redirect_count=${value === 'abc' ? 'x' : 3}`
    const context = await contextFor('https://app.example.com/', { cookie })
    expect(context.clientUat).toBe(uat)
    expect(context.handshakeRedirectLoopCounter).toBe(counter)
  })
})

describe('the request body', () => {
  it('is never read: an action can still read its form data afterwards', async () => {
    const request = new Request('https://app.example.com/action', {
      method: 'POST',
      body: new URLSearchParams({ field: 'value' }),
      headers: { cookie: '__session=abc', authorization: 'Bearer x' },
    })
    const context = createRequestContext(request, await contextOptions())
    void [
      context.clerkUrl,
      context.tokenInHeader,
      context.sessionTokenInCookie,
      context.usesSuffixedCookies,
      context.clientUat,
    ]
    expect(context.method).toBe('POST')
    expect(request.bodyUsed).toBe(false)
    expect((await request.formData()).get('field')).toBe('value')
  })
})
