// Properties of reading a request: whatever `Cookie` and `Authorization` headers arrive, the request
// context answers with values of the documented types, and request authentication resolves to a state
// (never throws); only the genuine token ever signs a request in.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { authenticateRequest } from '../../../src/auth/authenticate.js'
import { clerkInstanceFor, type ClerkInstance } from '../../../src/auth/clerkInstance.js'
import { createRequestContext, tokenFromAuthorization } from '../../../src/auth/requestContext.js'
import { startRecordingServer, type RecordingServer } from '../../helpers/recordingServer.js'
import { PAGE, PUBLISHABLE_KEY, SECRET_KEY } from '../hostile/fixtures.js'
import { createTestKey, sessionClaims, signToken } from '../../helpers/sessionTokens.js'
import { cookieHeader, headerText, jwtShaped, syntaxText } from './arbitraries.js'
import { resetProcessState } from '../../../src/shared/processState.js'

let instance: ClerkInstance
let genuine: string
let backend: RecordingServer
/** What the suite logged: failed handshakes are reported on console.error, handshake loops on console.warn. */
const logged: string[] = []

beforeAll(async () => {
  resetProcessState()
  // A handshake nonce among the cookies is redeemed through the Backend API: a loopback one, never the network.
  backend = await startRecordingServer()
  backend.on('GET', '/v1/clients/handshake_payload', {
    status: 400,
    json: { errors: [{ code: 'invalid_nonce', message: 'Invalid nonce' }] },
  })
  const key = await createTestKey('ins_rs256')
  instance = await clerkInstanceFor({
    secretKey: SECRET_KEY,
    publishableKey: PUBLISHABLE_KEY,
    jwtKey: key.pem,
    apiUrl: backend.url,
  })
  genuine = await signToken(key, sessionClaims())
  for (const level of ['error', 'warn'] as const) {
    vi.spyOn(console, level).mockImplementation((message: unknown) => void logged.push(String(message)))
  }
})
afterAll(async () => {
  vi.restoreAllMocks()
  resetProcessState()
  await backend?.close()
  // Only the two things request authentication reports: a handshake that failed, or one that looped.
  expect(
    logged.filter((line) => !/^remix-clerk: (The handshake (nonce|token)|3 handshakes in a row)/.test(line)),
  ).toEqual([])
})

const STATUSES = ['signed-in', 'signed-out', 'handshake']
const navigation = fc.constantFrom<Record<string, string>>(
  { 'sec-fetch-dest': 'document', accept: 'text/html' },
  { 'sec-fetch-dest': 'empty' },
  {},
)

function contextFor(headers: Record<string, string>) {
  return createRequestContext(new Request(PAGE, { headers }), {
    cookieSuffix: instance.cookieSuffix,
    instanceType: instance.instanceType,
    frontendApi: instance.frontendApi,
  })
}

describe('Cookie header', () => {
  it('any header text: every cookie value has its documented type', () => {
    fc.assert(
      fc.property(fc.oneof(headerText(400), cookieHeader('QvfNY2dr')), (cookie) => {
        const context = contextFor({ cookie })
        const session = context.sessionTokenInCookie
        expect(session === undefined || (typeof session === 'string' && session !== '')).toBe(true)
        expect(Number.isInteger(context.clientUat)).toBe(true)
        expect(typeof context.usesSuffixedCookies).toBe('boolean')
        const decoded = context.decodedSessionTokenInCookie
        expect(decoded === undefined || (typeof decoded.payload === 'object' && decoded.token === session)).toBe(true)
        expect(Number.isFinite(context.handshakeRedirectLoopCounter)).toBe(true)
        for (const value of [
          context.refreshTokenInCookie,
          context.devBrowserToken,
          context.handshakeToken,
          context.handshakeNonce,
        ]) {
          expect(value === undefined || typeof value === 'string').toBe(true)
        }
      }),
      { numRuns: 5_000 },
    )
  })

  it('authentication resolves to a state for any cookies; only the genuine token signs in', async () => {
    const seen = new Map<string, number>()
    await fc.assert(
      fc.asyncProperty(
        cookieHeader(instance.cookieSuffix, fc.constant('GENUINE')),
        navigation,
        async (cookie, headers) => {
          const withGenuine = cookie.replace(/GENUINE/g, genuine)
          const state = await authenticateRequest(
            new Request(PAGE, { headers: { ...headers, cookie: withGenuine } }),
            instance,
          )
          expect(STATUSES).toContain(state.status)
          if (state.status === 'signed-in') expect(state.token).toBe(genuine)
          else expect(typeof state.reason === 'string' && state.reason.length > 0).toBe(true)
          seen.set(state.status, (seen.get(state.status) ?? 0) + 1)
        },
      ),
      { numRuns: 5_000 },
    )
    // The generator reaches every outcome, so the property is not vacuously about one of them.
    expect([...seen.keys()].sort()).toEqual(['handshake', 'signed-in', 'signed-out'])
  })
})

describe('Authorization header', () => {
  it('tokenFromAuthorization: a trimmed piece of the value, or undefined; never throws', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 100 }),
          syntaxText(60),
          fc.constant(null),
          fc.constant(undefined),
        ),
        (value) => {
          const token = tokenFromAuthorization(value)
          if (token === undefined) return
          expect(typeof token).toBe('string')
          expect(value!.includes(token)).toBe(true)
          expect(token).toBe(token.trim())
        },
      ),
      { numRuns: 3_000 },
    )
  })

  it('the Bearer token comes out whatever the scheme case and the spaces around it', () => {
    const spaces = fc.string({ unit: fc.constantFrom(' ', '\t'), minLength: 1, maxLength: 4 })
    const scheme = fc.constantFrom('Bearer', 'bearer', 'BEARER', 'BeArEr')
    fc.assert(
      fc.property(spaces, scheme, spaces, jwtShaped, spaces, (before, name, between, token, after) => {
        fc.pre(token === token.trim() && !/[ \t]/.test(token))
        expect(tokenFromAuthorization(`${before}${name}${between}${token}${after}`)).toBe(token)
      }),
      { numRuns: 1_000 },
    )
  })

  it('authentication resolves to a signed-out state for any other Authorization value', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          headerText(200),
          jwtShaped.map((token) => `Bearer ${token}`),
        ),
        navigation,
        async (authorization, headers) => {
          const state = await authenticateRequest(
            new Request(PAGE, { headers: { ...headers, authorization } }),
            instance,
          )
          expect(STATUSES).toContain(state.status)
          expect(state.status).not.toBe('signed-in')
        },
      ),
      { numRuns: 5_000 },
    )
  })
})
