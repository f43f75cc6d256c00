// Hostile request headers rather than hostile tokens: a 1 MB cookie, hundreds of cookies, duplicate
// `__session` cookies, malformed `Cookie` headers, odd `Authorization` spacing and non-ASCII bytes.
// Each row is one request through getAuth with its exact outcome; none costs a JWKS request (the cache is
// warm), and nothing but a handshake Response escapes getAuth.
import { beforeAll, describe, expect, it } from 'vitest'
import { documentedCount } from '../../helpers/documentedCount.js'
import { FETCH, NAVIGATION } from '../../helpers/localInstance.js'
import { sessionClaims, signToken } from '../../helpers/sessionTokens.js'
import { THREE_PARTS, UNDECODABLE } from '../../jwt/refusalCases.js'
import { PAGE, T_SECONDS, calls, outcomeOf, useHostileWorld, warmUp, type Outcome } from './fixtures.js'

const world = useHostileWorld()
let valid: string
beforeAll(async () => {
  valid = await signToken(world().instanceKey, sessionClaims())
})

const MB = 1024 * 1024
const SIGNED_IN: Outcome = { status: 'signed-in', userId: 'user_2xyz' }
const signedOut = (reason: string, message = ''): Outcome => ({ status: 'signed-out', reason, message })
const refused = (text: string, carrier: 'cookie' | 'header', reason = 'token-invalid'): Outcome =>
  signedOut(reason, `${text} (reason=${reason}, token-carrier=${carrier})`)
const NO_SESSION = signedOut('session-token-and-uat-missing')
/** What a server receives for non-ASCII text: its UTF-8 bytes, one Latin-1 character each. */
const utf8Bytes = (text: string) => Buffer.from(text).toString('latin1')
const cookies = (count: number, name = (i: number) => `c${i}`) =>
  Array.from({ length: count }, (_, i) => `${name(i)}=v${i}`).join('; ')

interface Row {
  name: string
  /** Request headers besides those of a fetch (or of a navigation with `navigation: true`). */
  headers(token: string): Record<string, string>
  navigation?: boolean
  outcome: Outcome
}

const cookieRows: Row[] = [
  {
    name: 'a 1 MB __session of garbage',
    headers: () => ({ cookie: `__session=${'A'.repeat(MB)}; __client_uat=1` }),
    outcome: refused(THREE_PARTS, 'cookie'),
  },
  {
    name: 'a 1 MB JWT-shaped __session',
    headers: (t) => ({ cookie: `__session=${t.split('.')[0]}.${'A'.repeat(MB)}.sig; __client_uat=1` }),
    outcome: refused(UNDECODABLE, 'cookie'),
  },
  {
    name: 'a valid session next to a 1 MB cookie',
    headers: (t) => ({ cookie: `big=${'x'.repeat(MB)}; __session=${t}; __client_uat=1` }),
    outcome: SIGNED_IN,
  },
  {
    name: 'the valid session after 500 other cookies',
    headers: (t) => ({ cookie: `${cookies(500)}; __session=${t}; __client_uat=1` }),
    outcome: SIGNED_IN,
  },
  { name: '500 cookies, none of them ours', headers: () => ({ cookie: cookies(500) }), outcome: NO_SESSION },
  {
    name: '500 __session cookies, the valid one first',
    headers: (t) => ({ cookie: `__session=${t}; ${cookies(499, () => '__session')}; __client_uat=1` }),
    outcome: SIGNED_IN,
  },
  {
    name: 'duplicate __session: garbage first, then the valid one (the first counts)',
    headers: (t) => ({ cookie: `__session=garbage; __session=${t}; __client_uat=1` }),
    outcome: refused(THREE_PARTS, 'cookie'),
  },
  {
    name: 'duplicate __session: the valid one first, then garbage',
    headers: (t) => ({ cookie: `__session=${t}; __session=garbage; __client_uat=1` }),
    outcome: SIGNED_IN,
  },
  {
    name: 'duplicate __client_uat: a later sign-in first (the first counts)',
    headers: (t) => ({ cookie: `__session=${t}; __client_uat=${T_SECONDS + 1}; __client_uat=1` }),
    outcome: signedOut('session-token-iat-before-client-uat'),
  },
  { name: 'Cookie: ;;;', headers: () => ({ cookie: ';;;' }), outcome: NO_SESSION },
  { name: 'Cookie: =', headers: () => ({ cookie: '=' }), outcome: NO_SESSION },
  {
    name: 'a __session without "="',
    headers: () => ({ cookie: '__session; __client_uat=1' }),
    outcome: signedOut('client-uat-but-no-session-token'),
  },
  {
    name: 'an empty __session',
    headers: () => ({ cookie: '__session=; __client_uat=1' }),
    outcome: signedOut('client-uat-but-no-session-token'),
  },
  {
    name: 'a quoted __session (quotes are kept)',
    headers: (t) => ({ cookie: `__session="${t}"; __client_uat=1` }),
    outcome: refused(UNDECODABLE, 'cookie'),
  },
  {
    name: 'a broken percent escape',
    headers: () => ({ cookie: '__session=%E0%A4%A; __client_uat=1' }),
    outcome: refused(THREE_PARTS, 'cookie'),
  },
  {
    name: 'a percent-encoded NUL',
    headers: () => ({ cookie: '__session=a%00b.c.d; __client_uat=1' }),
    outcome: refused(UNDECODABLE, 'cookie'),
  },
  {
    name: 'the valid session with its dots percent-encoded (decoded as upstream)',
    headers: (t) => ({ cookie: `__session=${t.replace(/\./g, '%2E')}; __client_uat=1` }),
    outcome: SIGNED_IN,
  },
  {
    name: 'spaces around the name and value',
    headers: (t) => ({ cookie: ` __session =  ${t} ;  __client_uat = 1 ` }),
    outcome: SIGNED_IN,
  },
  {
    name: '__SESSION in upper case is another cookie',
    headers: (t) => ({ cookie: `__SESSION=${t}; __client_uat=1` }),
    outcome: signedOut('client-uat-but-no-session-token'),
  },
  {
    name: 'a __client_uat that is not a number',
    headers: (t) => ({ cookie: `__session=${t}; __client_uat=abc` }),
    outcome: signedOut('session-token-but-no-client-uat'),
  },
  {
    name: 'a __client_uat that is not a number, on a navigation',
    headers: (t) => ({ cookie: `__session=${t}; __client_uat=abc` }),
    navigation: true,
    outcome: { status: 'handshake', reason: 'session-token-but-no-client-uat', message: '' },
  },
  {
    name: 'a __client_uat in the far future',
    headers: (t) => ({ cookie: `__session=${t}; __client_uat=99999999999` }),
    outcome: signedOut('session-token-iat-before-client-uat'),
  },
  {
    name: 'non-ASCII bytes in __session',
    headers: () => ({ cookie: `__session=${utf8Bytes('🔑.ünï.cödé')}; __client_uat=1` }),
    outcome: refused(UNDECODABLE, 'cookie'),
  },
  {
    name: 'a control character in another cookie',
    headers: (t) => ({ cookie: `x=\u0001\u007f; __session=${t}; __client_uat=1` }),
    outcome: SIGNED_IN,
  },
]

const authorizationRows: Row[] = [
  { name: 'Bearer with two spaces', headers: (t) => ({ authorization: `Bearer  ${t}` }), outcome: SIGNED_IN },
  { name: 'Bearer with a tab', headers: (t) => ({ authorization: `Bearer\t${t}` }), outcome: SIGNED_IN },
  { name: 'bearer in lower case', headers: (t) => ({ authorization: `bearer ${t}` }), outcome: SIGNED_IN },
  { name: 'BEARER in upper case', headers: (t) => ({ authorization: `BEARER ${t}` }), outcome: SIGNED_IN },
  { name: 'the bare token without a scheme (as upstream)', headers: (t) => ({ authorization: t }), outcome: SIGNED_IN },
  {
    name: 'spaces around the whole value',
    headers: (t) => ({ authorization: `   Bearer ${t}   ` }),
    outcome: SIGNED_IN,
  },
  { name: '"Bearer" alone', headers: () => ({ authorization: 'Bearer' }), outcome: refused(THREE_PARTS, 'header') },
  {
    name: '"Bearer " and nothing else (Headers trims it to "Bearer")',
    headers: () => ({ authorization: 'Bearer    ' }),
    outcome: refused(THREE_PARTS, 'header'),
  },
  {
    name: 'Bearer twice',
    headers: (t) => ({ authorization: `Bearer Bearer ${t}` }),
    outcome: refused(UNDECODABLE, 'header'),
  },
  {
    name: 'two tokens joined by a proxy',
    headers: (t) => ({ authorization: `Bearer ${t}, Bearer ${t}` }),
    outcome: refused(THREE_PARTS, 'header'),
  },
  {
    name: 'a token with a space inside',
    headers: (t) => ({ authorization: `Bearer ${t.replace('.', '. ')}` }),
    outcome: refused(UNDECODABLE, 'header'),
  },
  {
    name: 'a no-break space after Bearer (not a separator)',
    headers: (t) => ({ authorization: `Bearer\u00a0${t}` }),
    outcome: refused(UNDECODABLE, 'header'),
  },
  {
    name: 'UTF-8 bytes of emoji in the token',
    headers: () => ({ authorization: `Bearer ${utf8Bytes('🔑.🔑.🔑')}` }),
    outcome: refused(UNDECODABLE, 'header'),
  },
  {
    name: 'Latin-1 letters in the token',
    headers: () => ({ authorization: 'Bearer tökén' }),
    outcome: refused(THREE_PARTS, 'header'),
  },
  {
    name: 'a 1 MB bearer token',
    headers: () => ({ authorization: `Bearer ${'A'.repeat(MB)}` }),
    outcome: refused(THREE_PARTS, 'header'),
  },
  {
    name: 'another scheme (Basic): the cookies decide',
    headers: () => ({ authorization: 'Basic dXNlcjpwYXNz' }),
    outcome: NO_SESSION,
  },
  {
    name: 'another scheme with a valid session cookie',
    headers: (t) => ({ authorization: `Token ${t}`, cookie: `__session=${t}; __client_uat=1` }),
    outcome: SIGNED_IN,
  },
  {
    name: 'an empty Authorization: the cookies decide',
    headers: (t) => ({ authorization: '', cookie: `__session=${t}; __client_uat=1` }),
    outcome: SIGNED_IN,
  },
  {
    name: 'a bad bearer token beats a valid cookie',
    headers: (t) => ({ authorization: 'Bearer x.y.z', cookie: `__session=${t}; __client_uat=1` }),
    outcome: refused(UNDECODABLE, 'header'),
  },
]

it('has as many rows as docs/reliability.md says', () => {
  expect(cookieRows.length + authorizationRows.length).toBe(documentedCount('hostile-header-rows'))
})

describe.each([
  ['Cookie', cookieRows],
  ['Authorization', authorizationRows],
])('%s header', (_header, rows) => {
  it.each(rows)('$name', async ({ headers, navigation, outcome }) => {
    await warmUp(world())
    const request = new Request(PAGE, { headers: { ...(navigation ? NAVIGATION : FETCH), ...headers(valid) } })
    expect(await outcomeOf(request, world().options())).toEqual(outcome)
    expect(calls(world())).toEqual([])
  })
})
