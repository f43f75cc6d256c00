// Faults of the session refresh behind getAuth (`POST /v1/sessions/{sid}/refresh`), on a real loopback server per
// test: ten loaders of one page with an expired token and a `__refresh` cookie share one refresh call; when it
// fails (network, deadline, 5xx, 429, answers that are not Clerk's), every loader takes the handshake, named by why,
// within the page's deadline, and nothing throws. A healthy answer is checked for the exact request it answered.
import { beforeAll, describe, expect, it } from 'vitest'
import { PAGE_BLOCKING_TIMEOUT_MS } from '../../../src/auth/clerkInstance.js'
import { getCookieSuffix } from '../../../src/auth/publishableKey.js'
import { ORIGIN, createTestKey, sessionClaims, signToken, type TestKey } from '../../helpers/sessionTokens.js'
import { PAGE, PUBLISHABLE_KEY, outcomeOf, type Outcome } from '../hostile/fixtures.js'
import { failOnUnhandledRejections } from '../hostile/unhandled.js'
import { faults, serverHits, settlesWithin, startFaultyBackend, type Fault } from './faults.js'
import { startRecordingServer } from '../../helpers/recordingServer.js'

let key: TestKey
let suffix: string
failOnUnhandledRejections()
beforeAll(async () => {
  key = await createTestKey('ins_refresh_faults')
  suffix = await getCookieSuffix(PUBLISHABLE_KEY)
})

let sessions = 0
/** A session of its own per test (the refresh of a session is shared while it runs), and its expired token. */
async function expiredSession(): Promise<{ sid: string; token: string }> {
  sessions += 1
  const sid = `sess_refresh_${sessions}`
  const iat = Math.floor(Date.now() / 1000) - 300
  return { sid, token: await signToken(key, sessionClaims({ sid, iat, nbf: iat - 10, exp: iat + 60 })) }
}

const NAVIGATION = { accept: 'text/html', 'sec-fetch-dest': 'document' }

function pageLoad(token: string, refresh = 'refresh-token-value'): Request {
  const cookie = `__session_${suffix}=${token}; __client_uat_${suffix}=1; __refresh_${suffix}=${refresh}; app_session=private`
  return new Request(PAGE, { headers: { ...NAVIGATION, cookie, authorization: '' } })
}

const options = (apiUrl: string) => ({
  secretKey: 'sk_live_refreshFaults',
  publishableKey: PUBLISHABLE_KEY,
  jwtKey: key.pem,
  apiUrl,
})

const cookiesAnswer = (cookies: unknown) => ({ json: { object: 'cookies', cookies } })

/** The reason each failure ends the handshake reason with (the faults of this file name theirs as their code). */
function refreshError(fault: Fault): string {
  if (fault.code === 'network_error' || fault.code === 'timeout') return 'fetch-error'
  if (fault.code === 'unexpected_response') return 'unexpected-bapi-error'
  return fault.code
}

const refreshFaults: Fault[] = [
  // A refresh may rotate what it is given: after a dropped connection it may have happened, so it is not repeated.
  ...faults.map((fault) =>
    fault.name === 'the connection dropped before an answer' ? { ...fault, attempts: 1 } : fault,
  ),
  {
    name: 'no cookies at all',
    responders: [cookiesAnswer([])],
    attempts: 1,
    code: 'unexpected-sdk-error',
    message: () => '',
  },
  {
    name: 'cookies that are not a list',
    responders: [cookiesAnswer('__session=x')],
    attempts: 1,
    code: 'unexpected-sdk-error',
    message: () => '',
  },
  {
    name: 'a session cookie that is no token',
    responders: [cookiesAnswer(['__session=garbage; Path=/'])],
    attempts: 1,
    code: 'invalid-session-token',
    message: () => '',
  },
  {
    name: 'a token answer where cookies were asked for',
    responders: [{ json: { object: 'token', jwt: 'x' } }],
    attempts: 1,
    code: 'unexpected_response',
    message: () => '',
  },
]

describe.concurrent('the refresh behind getAuth', () => {
  it.each(refreshFaults)('$name: every loader takes the handshake, named by why, in bounded time', async (fault) => {
    const { sid, token } = await expiredSession()
    const backend = await startFaultyBackend(fault, 'POST', `/v1/sessions/${sid}/refresh`)
    try {
      const loaders = Promise.all(Array.from({ length: 10 }, () => outcomeOf(pageLoad(token), options(backend.url))))
      const settled = await settlesWithin(loaders, PAGE_BLOCKING_TIMEOUT_MS + 5_000)
      if (settled.status === 'rejected') throw settled.reason
      const expected: Outcome = {
        status: 'handshake',
        reason: `session-token-expired-refresh-${refreshError(fault)}`,
        message: settled.value[0]!.status === 'handshake' ? settled.value[0]!.message : '',
      }
      expect(settled.value).toEqual(Array(10).fill(expected))
      expect(expected.message).toMatch(/^JWT is expired\./)
      expect(backend.hits()).toBe(serverHits(fault))
    } finally {
      await backend.close()
    }
  })

  it('a session token of another session in the answer is refused (invalid-session-token)', async () => {
    const { sid, token } = await expiredSession()
    const other = await signToken(key, sessionClaims({ sid: 'sess_someone_else' }))
    const server = await startRecordingServer()
    server.on('POST', `/v1/sessions/${sid}/refresh`, cookiesAnswer([`__session=${other}; Path=/`]))
    try {
      expect(await outcomeOf(pageLoad(token), options(server.url))).toMatchObject({
        status: 'handshake',
        reason: 'session-token-expired-refresh-invalid-session-token',
      })
    } finally {
      await server.close()
    }
  })

  it('a healthy answer signs the page in; the request was the one upstream sends, less the cookies and credentials', async () => {
    const { sid, token } = await expiredSession()
    const fresh = await signToken(key, sessionClaims({ sid }))
    const server = await startRecordingServer()
    server.on(
      'POST',
      `/v1/sessions/${sid}/refresh`,
      cookiesAnswer([`__session_${suffix}=${fresh}; Path=/`, `__session=${fresh}; Path=/`]),
    )
    try {
      expect(await outcomeOf(pageLoad(token, 'the-refresh-token'), options(server.url))).toEqual({
        status: 'signed-in',
        userId: 'user_2xyz',
      })
      const [request] = server.requestsTo('POST', `/v1/sessions/${sid}/refresh`)
      expect(request!.search).toBe('suffixed_cookies=true')
      expect(request!.headers.authorization).toBe('Bearer sk_live_refreshFaults')
      const body = request!.json as Record<string, unknown>
      expect(Object.keys(body)).toEqual([
        'format',
        'expired_token',
        'refresh_token',
        'request_origin',
        'request_headers',
      ])
      expect(body).toMatchObject({
        format: 'cookie',
        expired_token: token,
        refresh_token: 'the-refresh-token',
        request_origin: new URL(PAGE).origin,
      })
      // Every header as `{ name: [value] }`, as upstream, but the app's cookies and credentials stay home.
      expect(body.request_headers).toEqual({ accept: ['text/html'], 'sec-fetch-dest': ['document'] })
      expect(ORIGIN).toBe(new URL(PAGE).origin)
    } finally {
      await server.close()
    }
  })
})
