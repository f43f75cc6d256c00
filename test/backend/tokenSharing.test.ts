// getToken: identical calls in flight share one request (across clients too), and the opt-in
// token cache serves a minted token until 10 s before it expires, per instance.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ClerkAPIResponseError, createClerkClient, Token, type ClerkClientOptions } from '../../src/api.server.js'
import { MAX_CACHED_TOKENS, tokenCacheSize } from '../../src/backend/tokenCache.js'
import { nowSeconds, signTestJwt } from '../helpers/jwt.js'
import { startRecordingServer, type RecordingServer } from '../helpers/recordingServer.js'
import { SECRET_KEY, clerkErrorBody } from './fixtures.js'
import { resetProcessState } from '../../src/shared/processState.js'

const OTHER_SECRET_KEY = 'sk_test_anotherInstanceSecretKey9876543210'
const TOKENS_PATH = /^\/v1\/sessions\/[^/]+\/tokens/

let server: RecordingServer
let otherServer: RecordingServer

beforeAll(async () => {
  server = await startRecordingServer()
  otherServer = await startRecordingServer()
})
afterAll(async () => {
  await server.close()
  await otherServer.close()
})
beforeEach(() => {
  server.reset()
  otherServer.reset()
  resetProcessState()
})

const client = (options: ClerkClientOptions = {}) =>
  createClerkClient({ secretKey: SECRET_KEY, apiUrl: server.url, ...options })

/** Mints a fresh JWT per request, with `exp` seconds left, after a delay that lets calls overlap. */
function mintEachCall(secondsLeft: number, delayMs = 0) {
  return async () => ({
    delayMs,
    json: {
      object: 'token',
      jwt: await signTestJwt({ sub: 'user_1', exp: nowSeconds() + secondsLeft, jti: crypto.randomUUID() }),
    },
  })
}

describe('single-flight', () => {
  it('10 concurrent identical getToken calls on one client → 1 request, 10 distinct equal Tokens', async () => {
    server.on('POST', TOKENS_PATH, mintEachCall(60, 150))
    const clerk = client()
    const tokens = await Promise.all(Array.from({ length: 10 }, () => clerk.sessions.getToken('sess_1', 'test')))

    expect(server.count('POST', '/v1/sessions/sess_1/tokens/test')).toBe(1)
    expect(new Set(tokens.map((t) => t.jwt)).size).toBe(1)
    expect(new Set(tokens).size).toBe(10)
    for (const token of tokens) expect(token).toBeInstanceOf(Token)
  })

  it('10 concurrent calls through 10 clients created per call → 1 request', async () => {
    server.on('POST', TOKENS_PATH, mintEachCall(60, 150))
    const tokens = await Promise.all(Array.from({ length: 10 }, () => client().sessions.getToken('sess_1', 'test')))
    expect(server.count()).toBe(1)
    expect(new Set(tokens.map((t) => t.jwt)).size).toBe(1)
  })

  it('calls that differ in secret key, apiUrl, session, template or expiry do not share', async () => {
    server.on('POST', TOKENS_PATH, mintEachCall(60, 150))
    otherServer.on('POST', TOKENS_PATH, mintEachCall(60, 150))
    await Promise.all([
      client().sessions.getToken('sess_1', 'test'),
      client().sessions.getToken('sess_1', 'test'),
      client({ secretKey: OTHER_SECRET_KEY }).sessions.getToken('sess_1', 'test'),
      client({ apiUrl: otherServer.url }).sessions.getToken('sess_1', 'test'),
      client().sessions.getToken('sess_2', 'test'),
      client().sessions.getToken('sess_1', 'other'),
      client().sessions.getToken('sess_1'),
      client().sessions.getToken('sess_1', 'test', 120),
    ])
    expect(server.count()).toBe(6)
    expect(server.requestsTo('POST', '/v1/sessions/sess_1/tokens/test').map((r) => r.headers.authorization)).toEqual(
      expect.arrayContaining([`Bearer ${SECRET_KEY}`, `Bearer ${OTHER_SECRET_KEY}`]),
    )
    expect(otherServer.count()).toBe(1)
  })

  it('calls that do not overlap make their own requests', async () => {
    server.on('POST', TOKENS_PATH, mintEachCall(60))
    const first = await client().sessions.getToken('sess_1', 'test')
    const second = await client().sessions.getToken('sess_1', 'test')
    expect(server.count()).toBe(2)
    expect(first.jwt).not.toBe(second.jwt)
  })

  it('a failure reaches every caller that joined it, and is not kept: the next call tries again', async () => {
    server.on(
      'POST',
      TOKENS_PATH,
      { delayMs: 150, status: 404, json: clerkErrorBody('resource_not_found', 'Session not found', 'No session') },
      mintEachCall(60),
    )
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => client().sessions.getToken('sess_1', 'test')),
    )
    expect(results.every((r) => r.status === 'rejected' && r.reason instanceof ClerkAPIResponseError)).toBe(true)
    expect(server.count()).toBe(1)

    const token = await client().sessions.getToken('sess_1', 'test')
    expect(token.jwt.split('.')).toHaveLength(3)
    expect(server.count()).toBe(2)
  })
})

describe('tokenCache: true', () => {
  it('serves a token with 60 s left from memory: 1 request for 5 sequential calls', async () => {
    server.on('POST', TOKENS_PATH, mintEachCall(60))
    const tokens = []
    for (let i = 0; i < 5; i++) tokens.push(await client({ tokenCache: true }).sessions.getToken('sess_1', 'test'))
    expect(server.count()).toBe(1)
    expect(new Set(tokens.map((t) => t.jwt)).size).toBe(1)
    expect(new Set(tokens).size).toBe(5)
  })

  it('does not serve a token with less than 10 s left (exp − 10 s margin)', async () => {
    server.on('POST', TOKENS_PATH, mintEachCall(9))
    await client({ tokenCache: true }).sessions.getToken('sess_1', 'test')
    await client({ tokenCache: true }).sessions.getToken('sess_1', 'test')
    expect(server.count()).toBe(2)
  })

  it('serves a token with 12 s left (just outside the margin)', async () => {
    server.on('POST', TOKENS_PATH, mintEachCall(12))
    await client({ tokenCache: true }).sessions.getToken('sess_1', 'test')
    await client({ tokenCache: true }).sessions.getToken('sess_1', 'test')
    expect(server.count()).toBe(1)
  })

  it('does not cache a token without exp, or a value that is not a JWT', async () => {
    const noExp = await signTestJwt({ sub: 'user_1' })
    server.on('POST', '/v1/sessions/sess_1/tokens/test', { json: { object: 'token', jwt: noExp } })
    server.on('POST', '/v1/sessions/sess_1/tokens/opaque', { json: { object: 'token', jwt: 'not-a-jwt' } })
    for (let i = 0; i < 2; i++) {
      await client({ tokenCache: true }).sessions.getToken('sess_1', 'test')
      await client({ tokenCache: true }).sessions.getToken('sess_1', 'opaque')
    }
    expect(server.count()).toBe(4)
    expect(tokenCacheSize()).toBe(0)
  })

  it('two instances never see each other’s tokens (different secret key, different apiUrl)', async () => {
    server.on('POST', TOKENS_PATH, mintEachCall(60))
    otherServer.on('POST', TOKENS_PATH, mintEachCall(60))
    const mine = await client({ tokenCache: true }).sessions.getToken('sess_1', 'test')
    const otherKey = await client({ tokenCache: true, secretKey: OTHER_SECRET_KEY }).sessions.getToken('sess_1', 'test')
    const otherUrl = await client({ tokenCache: true, apiUrl: otherServer.url }).sessions.getToken('sess_1', 'test')

    expect(server.count()).toBe(2)
    expect(otherServer.count()).toBe(1)
    expect(new Set([mine.jwt, otherKey.jwt, otherUrl.jwt]).size).toBe(3)
    // And each is served back only to its own instance.
    expect((await client({ tokenCache: true }).sessions.getToken('sess_1', 'test')).jwt).toBe(mine.jwt)
    expect(
      (await client({ tokenCache: true, secretKey: OTHER_SECRET_KEY }).sessions.getToken('sess_1', 'test')).jwt,
    ).toBe(otherKey.jwt)
    expect(server.count()).toBe(2)
  })

  it('without tokenCache every call makes a request, even with a cached entry from another client', async () => {
    server.on('POST', TOKENS_PATH, mintEachCall(60))
    await client({ tokenCache: true }).sessions.getToken('sess_1', 'test')
    await client().sessions.getToken('sess_1', 'test')
    await client().sessions.getToken('sess_1', 'test')
    expect(server.count()).toBe(3)
  })

  it('is bounded: the least recently used entry goes first', async () => {
    // One signed token for every session keeps 1 000 requests cheap; the cache keys by session anyway.
    const jwt = await signTestJwt({ sub: 'user_1', exp: nowSeconds() + 60 })
    server.on('POST', TOKENS_PATH, { json: { object: 'token', jwt } })
    const clerk = client({ tokenCache: true })
    for (let i = 0; i <= MAX_CACHED_TOKENS; i++) await clerk.sessions.getToken(`sess_${i}`)
    expect(tokenCacheSize()).toBe(MAX_CACHED_TOKENS)
    expect(server.count()).toBe(MAX_CACHED_TOKENS + 1)
    await clerk.sessions.getToken('sess_1') // still cached
    expect(server.count()).toBe(MAX_CACHED_TOKENS + 1)
    await clerk.sessions.getToken('sess_0') // evicted
    expect(server.count()).toBe(MAX_CACHED_TOKENS + 2)
  })
})
