// Shared set-up of the hostile-input suites: one production instance whose keys come from a real loopback
// JWKS server that records every request, so each case can assert that it cost no unexpected network call;
// builders for raw (unsigned or hand-signed) tokens; and getAuth run the way a loader runs it.
import type { CryptoKey } from 'jose'
import { afterAll, beforeAll, expect, vi } from 'vitest'
import { getAuth } from '../../../src/ssr.server.js'
import type { GetAuthOptions } from '../../../src/remix/types.js'
import type { AuthObject } from '../../../src/auth/authObject.js'
import { FETCH, NAVIGATION, args } from '../../helpers/localInstance.js'
import { startRecordingServer, type RecordingServer } from '../../helpers/recordingServer.js'
import { FAPI_HOST, createTestKey, sessionClaims, signToken, type TestKey } from '../../helpers/sessionTokens.js'
import { failOnUnhandledRejections } from './unhandled.js'
import { resetProcessState } from '../../../src/shared/processState.js'

export const PAGE = 'https://app.example.com/dashboard'
export const PUBLISHABLE_KEY = `pk_live_${Buffer.from(`${FAPI_HOST}$`).toString('base64').replace(/=+$/, '')}`
export const SECRET_KEY = 'sk_live_hostileSuiteSecret0000'
const JWKS_PATH = '/v1/jwks'

/** A fixed instant on a whole second, so that expiry edges land exactly. */
export const T = Date.UTC(2030, 0, 1, 12, 0, 0)
export const T_SECONDS = T / 1000

export interface HostileWorld {
  server: RecordingServer
  /** The instance's signing key, published in the JWKS as `ins_rs256`. */
  instanceKey: TestKey
  /** An attacker's key that claims the instance's kid. */
  impostorKey: TestKey
  /** Another Clerk instance: its own kid and Frontend API. */
  foreignKey: TestKey
  options(extra?: GetAuthOptions): GetAuthOptions
  close(): Promise<void>
}

async function startHostileWorld(): Promise<HostileWorld> {
  const [instanceKey, impostorKey, foreignKey, server] = await Promise.all([
    createTestKey('ins_rs256'),
    createTestKey('ins_rs256'),
    createTestKey('ins_foreign'),
    startRecordingServer(),
  ])
  server.on('GET', JWKS_PATH, { json: { keys: [instanceKey.publicJwk] } })
  return {
    server,
    instanceKey,
    impostorKey,
    foreignKey,
    options: (extra = {}) => ({ secretKey: SECRET_KEY, publishableKey: PUBLISHABLE_KEY, apiUrl: server.url, ...extra }),
    close: () => server.close(),
  }
}

/**
 * The suite's world on a clock frozen at T (Date only: servers and fetch keep real timers), closed after
 * the suite; any unhandled rejection fails the test it happened in.
 */
export function useHostileWorld(): () => HostileWorld {
  let world: HostileWorld | undefined
  failOnUnhandledRejections()
  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(T)
    world = await startHostileWorld()
  })
  afterAll(async () => {
    vi.useRealTimers()
    await world?.close()
  })
  return () => world!
}

export type Carrier = 'cookie' | 'header'
export type Navigation = 'fetch' | 'document'

/** A GET as a browser sends it, carrying `token` in `__session` (with `__client_uat`) or in `Authorization`. */
export function requestCarrying(token: string, carrier: Carrier, navigation: Navigation, clientUat = '1'): Request {
  const headers: Record<string, string> = { ...(navigation === 'document' ? NAVIGATION : FETCH) }
  if (carrier === 'header') headers.authorization = `Bearer ${token}`
  else headers.cookie = `__session=${token}; __client_uat=${clientUat}`
  return new Request(PAGE, { headers })
}

export type Outcome =
  | { readonly status: 'signed-in'; readonly userId: string }
  | { readonly status: 'signed-out'; readonly reason: string; readonly message: string }
  | { readonly status: 'handshake'; readonly reason: string; readonly message: string }

/**
 * Runs getAuth as a loader would and reduces what happened to an outcome. Anything else escaping getAuth
 * (an exception that is not the handshake Response) fails the test with the error itself.
 */
export async function outcomeOf(request: Request, options: GetAuthOptions): Promise<Outcome> {
  let auth: AuthObject
  try {
    auth = await getAuth(args(request), options)
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown
    expect(thrown.status).toBe(307)
    expect(thrown.headers.get('location')).toMatch(
      /^https:\/\/clerk\.example\.com\/v1\/client\/handshake\?redirect_url=/,
    )
    expect(thrown.headers.get('cache-control')).toBe('no-store')
    return {
      status: 'handshake',
      reason: thrown.headers.get('x-clerk-auth-reason') ?? '',
      message: thrown.headers.get('x-clerk-auth-message') ?? '',
    }
  }
  if (auth.isAuthenticated) return { status: 'signed-in', userId: auth.userId }
  expect(auth).toMatchObject({ userId: null, sessionId: null, sessionClaims: null, orgId: null })
  expect(await auth.getToken()).toBeNull()
  expect(auth.has({ role: 'org:admin' })).toBe(false)
  const { reason, message } = auth.debug() as { reason: string; message: string }
  return { status: 'signed-out', reason, message }
}

/**
 * Forgets every cache and warms the JWKS cache with one valid request, as a running server would be:
 * from then on, every request the JWKS server receives is one the case under test caused.
 */
export async function warmUp(world: HostileWorld, options: GetAuthOptions = world.options()): Promise<void> {
  resetProcessState()
  world.server.clearRequests()
  const valid = await signToken(world.instanceKey, sessionClaims())
  expect(await outcomeOf(requestCarrying(valid, 'header', 'fetch'), options)).toEqual({
    status: 'signed-in',
    userId: 'user_2xyz',
  })
  expect(calls(world)).toEqual([`GET ${JWKS_PATH}`])
  world.server.clearRequests()
}

/** `METHOD /path?query` of every request the loopback server received since the last warm-up. */
export function calls(world: HostileWorld): string[] {
  return world.server.requests.map(
    (request) => `${request.method} ${request.path}${request.search ? `?${request.search}` : ''}`,
  )
}

// ---------------------------------------------------------------------------------------------------
// Raw tokens: any header and payload text, signed (or not) over exactly those bytes.

export function b64url(text: string | Uint8Array): string {
  return Buffer.from(text).toString('base64url')
}

/** `header.payload.signature` from JSON texts as given: duplicate keys and odd spacing survive. */
export async function signRaw(
  privateKey: CryptoKey,
  headerText: string,
  payloadText: string,
  hash = 'SHA-256',
): Promise<string> {
  const input = `${b64url(headerText)}.${b64url(payloadText)}`
  const signature = await crypto.subtle.sign(
    { name: 'RSASSA-PKCS1-v1_5', hash },
    privateKey,
    new TextEncoder().encode(input),
  )
  return `${input}.${b64url(new Uint8Array(signature))}`
}

/** The JSON text of an object, for building raw tokens with an extra member appended by hand. */
export function jsonWithout(value: Record<string, unknown>, ...drop: string[]): string {
  return JSON.stringify(Object.fromEntries(Object.entries(value).filter(([key]) => !drop.includes(key))))
}

/** Appends `"key":value` members to a JSON object text, after the existing ones (so they win in JSON.parse). */
export function appendMembers(json: string, members: string): string {
  return `${json.slice(0, -1)}${json === '{}' ? '' : ','}${members}}`
}

export const SESSION_HEADER = { alg: 'RS256', kid: 'ins_rs256', typ: 'JWT', cat: 'cl_B7d4PD111AAA' }
