// Faults of the JWKS fetch behind getAuth, on a real loopback server per test: ten loaders of one page
// arrive together, share one fetch, and each ends signed out with the exact reason and message within
// the client's deadline; the server sees exactly the attempts the retry policy allows; once the server
// is healthy again, the next request after the one-second failure window signs in by itself.
import { beforeAll, describe, expect, it } from 'vitest'
import { PAGE_BLOCKING_TIMEOUT_MS } from '../../../src/auth/clerkInstance.js'
import { JWKS_RETRY_AFTER_FAILURE_MS } from '../../../src/jwt/keys.js'
import { sessionClaims, signToken, createTestKey, type TestKey } from '../../helpers/sessionTokens.js'
import { PUBLISHABLE_KEY, outcomeOf, requestCarrying, type Outcome } from '../hostile/fixtures.js'
import { failOnUnhandledRejections } from '../hostile/unhandled.js'
import { faults, rateLimitedOnce, serverHits, settlesWithin, sleep, startFaultyBackend, type Fault } from './faults.js'

let key: TestKey
failOnUnhandledRejections()
beforeAll(async () => {
  key = await createTestKey('ins_faults')
})

const CONTACT = 'Contact support@clerk.com'
const HEALTHY = () => ({ json: { keys: [key.publicJwk] } })

/** Empty answers are a fault of their own for a key set. */
const NO_KEYS = 'The JWKS endpoint did not contain any signing keys. Contact support@clerk.com.'
const noKeys = (name: string, keys: unknown): Fault => ({
  name,
  responders: [{ json: { keys } }],
  attempts: 1,
  code: NO_KEYS,
  message: () => NO_KEYS,
})
const jwksFaults: Fault[] = [
  ...faults,
  noKeys('an empty key set', []),
  noKeys('a key set without one RSA signing key', [
    { kty: 'EC', kid: 'ins_faults', crv: 'P-256', x: 'AA', y: 'AA' },
    { kty: 'RSA', kid: 'ins_faults', use: 'enc', n: 'AQAB', e: 'AQAB' },
  ]),
  noKeys('keys that is not a list', 'ins_faults'),
]

let instances = 0
/** Each test is its own instance (secret key and URL), so concurrent tests share no cache. */
function optionsFor(apiUrl: string) {
  instances += 1
  return { secretKey: `sk_live_faults_${instances}`, publishableKey: PUBLISHABLE_KEY, apiUrl }
}

const signedOut = (text: string): Outcome => ({
  status: 'signed-out',
  reason: 'jwk-remote-failed-to-load',
  message: `${text} ${CONTACT} (reason=jwk-remote-failed-to-load, token-carrier=header)`,
})

describe.concurrent('the JWKS fetch behind getAuth', () => {
  it.each(jwksFaults)('$name: signed out with the reason, then recovers by itself', async (fault) => {
    const backend = await startFaultyBackend(fault, 'GET', '/v1/jwks')
    try {
      const options = optionsFor(backend.url)
      const token = await signToken(key, sessionClaims({ sid: `sess_${fault.name.length}_${instances}` }))
      const loaders = Promise.all(
        Array.from({ length: 10 }, () => outcomeOf(requestCarrying(token, 'header', 'fetch'), options)),
      )
      const settled = await settlesWithin(loaders, PAGE_BLOCKING_TIMEOUT_MS + 5_000)
      if (settled.status === 'rejected') throw settled.reason
      const [first] = settled.value
      expect(first).toEqual(signedOut(expectedText(fault, backend.url)))
      expect(settled.value).toEqual(Array(10).fill(first))
      expect(backend.hits()).toBe(serverHits(fault))

      await backend.recover(HEALTHY())
      await sleep(JWKS_RETRY_AFTER_FAILURE_MS + 100)
      expect(await outcomeOf(requestCarrying(token, 'header', 'fetch'), options)).toEqual({
        status: 'signed-in',
        userId: 'user_2xyz',
      })
      expect(backend.hits()).toBe(serverHits(fault) + 1)
    } finally {
      await backend.close()
    }
  })

  it('a 429 that clears: the retry after Retry-After signs the request in', async () => {
    const backend = await startFaultyBackend(
      { name: '429 once', responders: rateLimitedOnce(HEALTHY()), attempts: 2, code: '', message: () => '' },
      'GET',
      '/v1/jwks',
    )
    try {
      const token = await signToken(key, sessionClaims({ sid: 'sess_429_once' }))
      const settled = await settlesWithin(
        outcomeOf(requestCarrying(token, 'header', 'fetch'), optionsFor(backend.url)),
        PAGE_BLOCKING_TIMEOUT_MS,
      )
      expect(settled).toEqual({ status: 'fulfilled', value: { status: 'signed-in', userId: 'user_2xyz' } })
      expect(backend.hits()).toBe(2)
    } finally {
      await backend.close()
    }
  })
})

/** Upstream's "with code=<status>" for an error status; otherwise what went wrong, as the client says it. */
function expectedText(fault: Fault, url: string): string {
  if (fault.code === NO_KEYS) return NO_KEYS
  const from = `Error loading Clerk JWKS from ${url}/v1/jwks`
  if (fault.status !== undefined && fault.status >= 300) return `${from} with code=${fault.status}`
  return `${from}: ${fault.message(url, PAGE_BLOCKING_TIMEOUT_MS)}`
}
