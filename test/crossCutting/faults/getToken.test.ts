// Faults of getToken, on a real loopback server per test, through the two doors an app uses:
// `auth.getToken({ template })` of getAuth's auth object (the client's default 10 s deadline), and
// `createClerkClient({ timeoutMs }).sessions.getToken()` (a short deadline, and a counting fetch that is
// the real fetch, so even refused connections are counted). Each call settles within its deadline with
// a ClerkAPIResponseError that says what happened and never quotes the secret key; concurrent callers
// share one attempt sequence; the next call after the server recovers succeeds.
import { beforeAll, describe, expect, it } from 'vitest'
import { ClerkAPIResponseError, createClerkClient } from '../../../src/api.server.js'
import { DEFAULT_TIMEOUT_MS } from '../../../src/backend/constants.js'
import { getAuth } from '../../../src/ssr.server.js'
import { args } from '../../helpers/localInstance.js'
import { PUBLISHABLE_KEY, requestCarrying } from '../hostile/fixtures.js'
import { failOnUnhandledRejections } from '../hostile/unhandled.js'
import { createTestKey, sessionClaims, signToken, type TestKey } from '../../helpers/sessionTokens.js'
import { faults, rateLimitedOnce, serverHits, settlesWithin, startFaultyBackend, type Fault } from './faults.js'

let key: TestKey
failOnUnhandledRejections()
beforeAll(async () => {
  key = await createTestKey('ins_faults')
})

const MINTED = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyXzJ4eXoifQ.minted'
const HEALTHY = { json: { object: 'token', jwt: MINTED } }
const CLIENT_TIMEOUT_MS = 4_000

const emptyAnswer = (name: string, json: unknown, message: string): Fault => ({
  name,
  responders: [{ json }],
  attempts: 1,
  code: 'unexpected_response',
  status: 200,
  message: () => `Unexpected response from the Clerk API: ${message}.`,
})
const getTokenFaults: Fault[] = [
  ...faults,
  emptyAnswer(
    'a token object without a jwt',
    { object: 'token' },
    'the JSON does not have the shape of a Clerk object',
  ),
  emptyAnswer('an empty object', {}, 'expected a Token object, got object'),
]

let tests = 0
/** Its own session and secret key per test: concurrent tests never share a single flight. */
function nextIdentity() {
  tests += 1
  return { sessionId: `sess_fault_${tests}`, secretKey: `sk_live_getTokenFaults_${tests}` }
}

function expectFailure(
  error: unknown,
  fault: Fault,
  url: string,
  timeoutMs: number,
  secretKey: string,
  path: string,
): void {
  expect(error).toBeInstanceOf(ClerkAPIResponseError)
  const failure = error as ClerkAPIResponseError
  expect({
    status: failure.status,
    retryAfter: failure.retryAfter,
    code: failure.errors[0]?.code,
    message: failure.errors[0]?.message,
  }).toEqual({
    status: fault.status,
    retryAfter: fault.retryAfter,
    code: fault.code,
    message: fault.message(url, timeoutMs),
  })
  expect(failure.message).toContain(`POST /v1${path}`)
  expect(JSON.stringify({ ...failure.toJSON(), stack: failure.stack })).not.toContain(secretKey)
}

describe.concurrent('auth.getToken({ template }) from getAuth', () => {
  it.each(getTokenFaults)('$name', async (fault) => {
    const { sessionId, secretKey } = nextIdentity()
    const path = `/sessions/${sessionId}/tokens/supabase`
    const backend = await startFaultyBackend(fault, 'POST', `/v1${path}`)
    try {
      const options = { secretKey, publishableKey: PUBLISHABLE_KEY, jwtKey: key.pem, apiUrl: backend.url }
      const token = await signToken(key, sessionClaims({ sid: sessionId }))
      // Ten loaders of one page, each asking for the template token.
      const auths = await Promise.all(
        Array.from({ length: 10 }, () => getAuth(args(requestCarrying(token, 'header', 'fetch')), options)),
      )
      const calls = Promise.allSettled(auths.map((auth) => auth.getToken({ template: 'supabase' })))
      const settled = await settlesWithin(calls, DEFAULT_TIMEOUT_MS + 5_000)
      if (settled.status === 'rejected') throw settled.reason
      for (const result of settled.value) {
        expect(result.status).toBe('rejected')
        expectFailure((result as PromiseRejectedResult).reason, fault, backend.url, DEFAULT_TIMEOUT_MS, secretKey, path)
      }
      expect(backend.hits()).toBe(serverHits(fault))

      await backend.recover(HEALTHY)
      expect(await auths[0]!.getToken({ template: 'supabase' })).toBe(MINTED)
      expect(backend.hits()).toBe(serverHits(fault) + 1)
    } finally {
      await backend.close()
    }
  })
})

describe.concurrent('createClerkClient({ timeoutMs }).sessions.getToken()', () => {
  it.each(getTokenFaults)('$name', async (fault) => {
    const { sessionId, secretKey } = nextIdentity()
    const path = `/sessions/${sessionId}/tokens/supabase`
    const backend = await startFaultyBackend(fault, 'POST', `/v1${path}`)
    let attempts = 0
    const countingFetch = (url: string, init: RequestInit) => {
      attempts += 1
      return fetch(url, init)
    }
    try {
      // A client per call, as loaders create them: they still share one attempt sequence.
      const client = () =>
        createClerkClient({ secretKey, apiUrl: backend.url, timeoutMs: CLIENT_TIMEOUT_MS, fetch: countingFetch })
      const calls = Promise.allSettled(
        Array.from({ length: 5 }, () => client().sessions.getToken(sessionId, 'supabase')),
      )
      const settled = await settlesWithin(calls, CLIENT_TIMEOUT_MS + 5_000)
      if (settled.status === 'rejected') throw settled.reason
      for (const result of settled.value) {
        expect(result.status).toBe('rejected')
        expectFailure((result as PromiseRejectedResult).reason, fault, backend.url, CLIENT_TIMEOUT_MS, secretKey, path)
      }
      expect({ attempts, hits: backend.hits() }).toEqual({ attempts: fault.attempts, hits: serverHits(fault) })

      await backend.recover(HEALTHY)
      expect((await client().sessions.getToken(sessionId, 'supabase')).jwt).toBe(MINTED)
      expect({ attempts, hits: backend.hits() }).toEqual({ attempts: fault.attempts + 1, hits: serverHits(fault) + 1 })
    } finally {
      await backend.close()
    }
  })

  it('a 429 that clears: the call waits out Retry-After and resolves', async () => {
    const { sessionId, secretKey } = nextIdentity()
    const fault: Fault = {
      name: '429 once',
      responders: rateLimitedOnce(HEALTHY),
      attempts: 2,
      code: '',
      message: () => '',
    }
    const backend = await startFaultyBackend(fault, 'POST', `/v1/sessions/${sessionId}/tokens`)
    try {
      const call = createClerkClient({
        secretKey,
        apiUrl: backend.url,
        timeoutMs: CLIENT_TIMEOUT_MS,
      }).sessions.getToken(sessionId)
      const settled = await settlesWithin(call, CLIENT_TIMEOUT_MS + 5_000)
      expect(settled.status === 'fulfilled' && settled.value.jwt).toBe(MINTED)
      expect(backend.hits()).toBe(2)
    } finally {
      await backend.close()
    }
  })
})
