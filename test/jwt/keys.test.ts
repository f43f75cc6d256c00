import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, exportSPKI, generateKeyPair } from 'jose'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { JWKS_MAX_STALE_MS, JWKS_TTL_MS, resolveVerificationKey, type KeyOptions } from '../../src/jwt/keys.js'
import { verifySessionToken } from '../helpers/verify.js'
import {
  base64urlJson,
  createTestKey,
  sessionClaims,
  signToken,
  startJwksServer,
  type JwksServer,
  type TestKey,
} from '../helpers/sessionTokens.js'
import { resetProcessState } from '../../src/shared/processState.js'
import { setMaxVerifiedTokens } from '../../src/jwt/verifiedTokenCache.js'

const SECRET = 'sk_test_verySecretValue123'
const CONTACT = 'Contact support@clerk.com'
const CHECK_JWKS =
  'Go to your Dashboard and validate your secret and public keys are correct. Contact support@clerk.com if the issue persists.'
const kidMismatch = (kid: string) =>
  `Unable to find a signing key in JWKS that matches the kid='${kid}' of the provided session token. Please make sure that the __session cookie or the HTTP authorization header contain a Clerk-generated session JWT.`

let key1: TestKey
let key2: TestKey
let rs384: TestKey
let big3072: TestKey
let big4096: TestKey

beforeAll(async () => {
  ;[key1, key2, rs384, big3072, big4096] = await Promise.all([
    createTestKey('ins_key1'),
    createTestKey('ins_key2'),
    createTestKey('ins_rs384', 'RS384'),
    createTestKey('ins_3072', 'RS256', 3072),
    createTestKey('ins_4096', 'RS512', 4096),
  ])
})

// These tests watch the key caches, so every verification must reach them: the verified-token cache keeps nothing.
beforeEach(() => {
  resetProcessState()
  setMaxVerifiedTokens(0)
})

/** Only Date is faked: the loopback server and fetch keep real timers. */
function freezeClock(at = Date.UTC(2030, 0, 1)): number {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(at)
  return at
}

describe('jwtKey (PEM)', () => {
  const verifyWithPem = async (key: TestKey, jwtKey: string) => verifySessionToken(await signToken(key), { jwtKey })

  it.each([
    ['2048-bit', () => key1],
    ['3072-bit', () => big3072],
    ['4096-bit (RS512)', () => big4096],
  ])('verifies with a %s key, with or without armour and newlines', async (_size, key) => {
    const pem = key().pem
    const body = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '')
    const forms = [
      pem,
      pem.replace(/\n/g, '\\n'), // one env line with literal \n
      pem.replace(/\n/g, '\r\n'),
      `  ${pem}  `,
      body, // no armour at all
      `-----BEGIN PUBLIC KEY-----${body}-----END PUBLIC KEY-----`, // armour on the same line
    ]
    for (const form of forms) expect(await verifyWithPem(key(), form)).toMatchObject({ ok: true })
  })

  it('imports a PEM once per algorithm and reuses the key', async () => {
    const first = await resolveVerificationKey({ alg: 'RS256' }, { jwtKey: key1.pem })
    const second = await resolveVerificationKey({ alg: 'RS256', kid: 'anything' }, { jwtKey: key1.pem })
    const otherAlg = await resolveVerificationKey({ alg: 'RS384' }, { jwtKey: key1.pem })
    if (!first.ok || !second.ok || !otherAlg.ok) throw new Error('expected keys')
    expect(second.key).toBe(first.key)
    expect(otherAlg.key).not.toBe(first.key)
    expect(otherAlg.key.algorithm).toMatchObject({ hash: { name: 'SHA-384' } })
  })

  it('verifies RS384 tokens with the same PEM (the key is not tied to RS256)', async () => {
    expect(await verifySessionToken(await signToken(rs384), { jwtKey: rs384.pem })).toMatchObject({ ok: true })
  })

  const invalidPem = (detail: string) => ({
    ok: false,
    reason: 'token-verification-failed',
    message: `Error verifying JWT signature. The jwtKey (CLERK_JWT_KEY) is not an RSA public key in PEM (SPKI) format: ${detail}.`,
    action: 'Copy the PEM public key from the API keys page of the Clerk Dashboard into CLERK_JWT_KEY.',
  })

  it.each([
    ['an OpenSSH key', 'ssh-rsa AAAAB3NzaC1yc2E user@host', 'expected "-----BEGIN PUBLIC KEY-----" and base64 text'],
    [
      'a PKCS#1 "RSA PUBLIC KEY"',
      '-----BEGIN RSA PUBLIC KEY-----\nMIIBCgKCAQEA\n-----END RSA PUBLIC KEY-----',
      'expected "-----BEGIN PUBLIC KEY-----" and base64 text',
    ],
    ['base64 that is not a key', 'AAAA', 'Invalid keyData'],
  ])('refuses %s with a message naming CLERK_JWT_KEY', async (_name, jwtKey, detail) => {
    expect(await verifyWithPem(key1, jwtKey)).toEqual(invalidPem(detail))
  })

  it('refuses an EC public key', async () => {
    const ec = await generateKeyPair('ES256', { extractable: true })
    expect(await verifyWithPem(key1, await exportSPKI(ec.publicKey))).toEqual(invalidPem('Invalid key type'))
  })

  it('refuses a key shorter than 2048 bits when verifying', async () => {
    const weak = (await crypto.subtle.generateKey(
      { name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      true,
      ['sign', 'verify'],
    )) as CryptoKeyPair
    const signingInput = `${base64urlJson({ alg: 'RS256', typ: 'JWT' })}.${base64urlJson(sessionClaims())}`
    const signature = new Uint8Array(
      await crypto.subtle.sign('RSASSA-PKCS1-v1_5', weak.privateKey, new TextEncoder().encode(signingInput)),
    )
    const spki = Buffer.from(await crypto.subtle.exportKey('spki', weak.publicKey)).toString('base64')
    const result = await verifySessionToken(`${signingInput}.${Buffer.from(signature).toString('base64url')}`, {
      jwtKey: spki,
    })
    expect(result).toEqual({
      ok: false,
      reason: 'token-verification-failed',
      message: 'Error verifying JWT signature. RS256 requires key modulusLength to be 2048 bits or larger',
      action: 'Make sure that this is a valid Clerk-generated JWT.',
    })
  })

  it('never fetches the JWKS when a jwtKey is set', async () => {
    const server = await startJwksServer([key1.publicJwk])
    try {
      const options = { jwtKey: key1.pem, secretKey: SECRET, apiUrl: server.url, fetchJwks: server.fetcher(SECRET) }
      expect(await verifySessionToken(await signToken(key1), options)).toMatchObject({ ok: true })
      expect(await verifySessionToken(await signToken(key2), options)).toMatchObject({
        reason: 'token-invalid-signature',
      })
      expect(server.requests).toBe(0)
    } finally {
      await server.close()
    }
  })
})

describe('JWKS from the Backend API', () => {
  let server: JwksServer
  let options: KeyOptions

  beforeEach(async () => {
    server = await startJwksServer([key1.publicJwk])
    options = { secretKey: SECRET, apiUrl: server.url, fetchJwks: server.fetcher(SECRET) }
  })
  afterEach(async () => {
    vi.useRealTimers()
    await server.close()
  })

  /** A token for any kid without signing: kid lookup comes before the signature. */
  const unsignedTokenFor = (kid: string) =>
    `${base64urlJson({ alg: 'RS256', typ: 'JWT', kid })}.${base64urlJson(sessionClaims())}.c2ln`

  it('fetches once for concurrent first requests, then serves every kid from the cache', async () => {
    const token = await signToken(key1)
    const results = await Promise.all(Array.from({ length: 50 }, () => verifySessionToken(token, options)))
    expect(results.every((result) => result.ok)).toBe(true)
    expect(server.requests).toBe(1)
    for (let i = 0; i < 100; i += 1) await verifySessionToken(token, options)
    expect(server.requests).toBe(1)
  })

  it('1 000 tokens with random unknown kids over 20 s cost one fetch per 5 s window', async () => {
    const start = freezeClock()
    expect(await verifySessionToken(await signToken(key1), options)).toMatchObject({ ok: true })
    expect(server.requests).toBe(1)

    const reasons = new Set<string>()
    for (let i = 1; i <= 1_000; i += 1) {
      vi.setSystemTime(start + i * 20)
      const kid = `forged_${Math.random().toString(36).slice(2)}`
      const result = await verifySessionToken(unsignedTokenFor(kid), options)
      if (!result.ok && result.message !== kidMismatch(kid)) throw new Error(`unexpected message ${result.message}`)
      reasons.add(result.ok ? 'ok' : result.reason)
    }
    expect([...reasons]).toEqual(['jwk-kid-mismatch'])
    // One unknown-kid fetch at +20 ms, then at +5 020, +10 020 and +15 020 ms.
    expect(server.requests).toBe(5)
  })

  it('a burst of 200 concurrent unknown kids costs one fetch', async () => {
    await verifySessionToken(await signToken(key1), options)
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => verifySessionToken(unsignedTokenFor(`burst_${i}`), options)),
    )
    expect(results.filter((result) => !result.ok && result.reason === 'jwk-kid-mismatch')).toHaveLength(200)
    expect(server.requests).toBe(2)
  })

  it('picks up a rotated key on the first token with the new kid', async () => {
    expect(await verifySessionToken(await signToken(key1), options)).toMatchObject({ ok: true })
    server.serveKeys([key2.publicJwk])
    expect(await verifySessionToken(await signToken(key2), options)).toMatchObject({ ok: true })
    expect(server.requests).toBe(2)
    // The new set no longer lists key1, and a known key is not refetched for.
    expect(await verifySessionToken(await signToken(key2), options)).toMatchObject({ ok: true })
    expect(server.requests).toBe(2)
  })

  it('refuses a kid the fresh set lacks without refetching inside the window', async () => {
    freezeClock()
    await verifySessionToken(await signToken(key1), options)
    expect(await verifySessionToken(unsignedTokenFor('nope'), options)).toEqual({
      ok: false,
      reason: 'jwk-kid-mismatch',
      message: kidMismatch('nope'),
      action: CHECK_JWKS,
    })
    expect(server.requests).toBe(2)
    server.serveKeys([key1.publicJwk, key2.publicJwk])
    vi.setSystemTime(Date.UTC(2030, 0, 1) + 4_999)
    expect(await verifySessionToken(await signToken(key2), options)).toMatchObject({ reason: 'jwk-kid-mismatch' })
    expect(server.requests).toBe(2)
    vi.setSystemTime(Date.UTC(2030, 0, 1) + 5_000)
    expect(await verifySessionToken(await signToken(key2), options)).toMatchObject({ ok: true })
    expect(server.requests).toBe(3)
  })

  it('refuses a token without kid before any fetch', async () => {
    const token = await signToken({ ...key1, kid: undefined })
    expect(await verifySessionToken(token, options)).toEqual({
      ok: false,
      reason: 'jwk-kid-mismatch',
      message: kidMismatch('undefined'),
      action: CHECK_JWKS,
    })
    expect(server.requests).toBe(0)
  })

  it('refetches once the TTL has passed, single-flight', async () => {
    const start = freezeClock()
    const token = await signToken(key1, sessionClaims({ exp: start / 1000 + 10_000 }))
    await verifySessionToken(token, options)
    vi.setSystemTime(start + JWKS_TTL_MS - 1)
    await verifySessionToken(token, options)
    expect(server.requests).toBe(1)
    vi.setSystemTime(start + JWKS_TTL_MS)
    const results = await Promise.all(Array.from({ length: 20 }, () => verifySessionToken(token, options)))
    expect(results.every((result) => result.ok)).toBe(true)
    expect(server.requests).toBe(2)
  })

  it('keeps verifying known kids through an outage, for at most an hour past the TTL, and recovers', async () => {
    const start = freezeClock()
    const token = await signToken(key1, sessionClaims({ exp: start / 1000 + 100_000 }))
    await verifySessionToken(token, options)
    server.respond(500, { errors: [{ code: 'internal', message: 'down' }] })

    vi.setSystemTime(start + JWKS_TTL_MS)
    expect(await verifySessionToken(token, options)).toMatchObject({ ok: true })
    expect(server.requests).toBe(2)
    vi.setSystemTime(start + JWKS_TTL_MS + 999)
    expect(await verifySessionToken(token, options)).toMatchObject({ ok: true })
    expect(server.requests).toBe(2) // retried at most once a second
    vi.setSystemTime(start + JWKS_TTL_MS + 1_000)
    expect(await verifySessionToken(token, options)).toMatchObject({ ok: true })
    expect(server.requests).toBe(3)

    vi.setSystemTime(start + JWKS_TTL_MS + JWKS_MAX_STALE_MS)
    expect(await verifySessionToken(token, options)).toEqual({
      ok: false,
      reason: 'jwk-remote-failed-to-load',
      message: `Error loading Clerk JWKS from ${server.url}/v1/jwks with code=500`,
      action: CONTACT,
    })
    expect(server.requests).toBe(4)

    server.serveKeys([key1.publicJwk])
    vi.setSystemTime(start + JWKS_TTL_MS + JWKS_MAX_STALE_MS + 1_000)
    expect(await verifySessionToken(token, options)).toMatchObject({ ok: true })
    expect(server.requests).toBe(5)
  })

  it('maps clerk_key_invalid to secret-key-invalid, without leaking the key', async () => {
    server.respond(401, {
      errors: [{ code: 'clerk_key_invalid', message: `The provided Clerk Secret Key ${SECRET} is invalid.` }],
    })
    const result = await verifySessionToken(await signToken(key1), options)
    expect(result).toEqual({
      ok: false,
      reason: 'secret-key-invalid',
      message: 'The provided Clerk Secret Key sk_test_… is invalid.',
      action: CONTACT,
    })
  })

  it.each([
    [500, { errors: [] }],
    [429, { errors: [{ code: 'too_many_requests', message: 'slow down' }] }],
    [404, {}],
  ])('maps HTTP %i to jwk-remote-failed-to-load with the URL and status', async (status, body) => {
    server.respond(status, body)
    expect(await verifySessionToken(await signToken(key1), options)).toEqual({
      ok: false,
      reason: 'jwk-remote-failed-to-load',
      message: `Error loading Clerk JWKS from ${server.url}/v1/jwks with code=${status}`,
      action: CONTACT,
    })
  })

  it('maps a refused connection to jwk-remote-failed-to-load, then recovers after a second', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const { port } = closed.address() as AddressInfo
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const deadUrl = `http://127.0.0.1:${port}`
    let target = deadUrl
    const fetchJwks = async () => {
      const response = await fetch(`${target}/v1/jwks`, { headers: { authorization: `Bearer ${SECRET}` } })
      return (await response.json()) as { keys: [] }
    }
    freezeClock()
    const deadOptions = { secretKey: SECRET, apiUrl: deadUrl, fetchJwks }
    expect(await verifySessionToken(await signToken(key1), deadOptions)).toEqual({
      ok: false,
      reason: 'jwk-remote-failed-to-load',
      message: `Error loading Clerk JWKS from ${deadUrl}/v1/jwks: fetch failed`,
      action: CONTACT,
    })
    target = server.url
    vi.setSystemTime(Date.UTC(2030, 0, 1) + 1_000)
    expect(await verifySessionToken(await signToken(key1), deadOptions)).toMatchObject({ ok: true })
  })

  it.each([
    ['an empty key set', { keys: [] }],
    ['no keys member', {}],
    ['only keys it cannot use', 'unusable'],
  ])('refuses %s with upstream’s message', async (_name, body) => {
    const ec = await generateKeyPair('ES256', { extractable: true })
    const unusable = {
      keys: [
        { ...(await exportJWK(ec.publicKey)), kid: 'ec', alg: 'ES256' },
        { kty: 'oct', kid: 'hmac', k: 'c2VjcmV0' },
        { ...key1.publicJwk, kid: 'enc', use: 'enc' },
        { ...key1.publicJwk, kid: 'ps', alg: 'PS256' },
      ],
    }
    server.respond(200, body === 'unusable' ? unusable : body)
    expect(await verifySessionToken(await signToken(key1), options)).toEqual({
      ok: false,
      reason: 'jwk-remote-failed-to-load',
      message: 'The JWKS endpoint did not contain any signing keys. Contact support@clerk.com.',
      action: CONTACT,
    })
  })

  it('uses the RSA keys of a mixed set and keys without alg', async () => {
    const ec = await generateKeyPair('ES256', { extractable: true })
    const { alg: _alg, ...withoutAlg } = rs384.publicJwk
    server.serveKeys([{ ...(await exportJWK(ec.publicKey)), kid: 'ec', alg: 'ES256' }, key1.publicJwk, withoutAlg])
    expect(await verifySessionToken(await signToken(key1), options)).toMatchObject({ ok: true })
    expect(await verifySessionToken(await signToken(rs384), options)).toMatchObject({ ok: true })
    expect(server.requests).toBe(1)
  })

  it('refuses a token whose alg differs from its JWK alg', async () => {
    const token = await signToken({ ...rs384, kid: 'ins_key1' })
    expect(await verifySessionToken(token, options)).toEqual({
      ok: false,
      reason: 'token-verification-failed',
      message:
        "Error verifying JWT signature. The JWKS key kid='ins_key1' cannot verify RS384: no applicable key found in the JSON Web Key Set.",
      action: 'Make sure that this is a valid Clerk-generated JWT.',
    })
  })

  it('keeps one cache per (apiUrl, apiVersion, secretKey): instances never share keys', async () => {
    const other = await startJwksServer([{ ...key2.publicJwk, kid: 'ins_key1' }])
    try {
      const otherOptions = { secretKey: 'sk_test_other', apiUrl: other.url, fetchJwks: other.fetcher('sk_test_other') }
      const token = await signToken(key1)
      expect(await verifySessionToken(token, options)).toMatchObject({ ok: true })
      expect(await verifySessionToken(token, otherOptions)).toMatchObject({ reason: 'token-invalid-signature' })
      // Same server, another secret key or API version: separate caches, separate fetches.
      await verifySessionToken(token, {
        ...options,
        secretKey: 'sk_test_second',
        fetchJwks: server.fetcher('sk_test_second'),
      })
      await verifySessionToken(token, { ...options, apiVersion: 'v1/' })
      expect(server.requests).toBe(3)
      expect(other.requests).toBe(1)
    } finally {
      await other.close()
    }
  })

  it("an options object changed in place after use reaches the other instance, not the first one's keys", async () => {
    const other = await startJwksServer([{ ...key2.publicJwk, kid: 'ins_key1' }])
    try {
      const token = await signToken(key1)
      const reused: KeyOptions = { ...options }
      expect(await verifySessionToken(token, reused)).toMatchObject({ ok: true })
      // The same object now names another instance: its keys, fetched from its server, refuse the token.
      Object.assign(reused, {
        secretKey: 'sk_test_other',
        apiUrl: other.url,
        fetchJwks: other.fetcher('sk_test_other'),
      })
      expect(await verifySessionToken(token, reused)).toMatchObject({ reason: 'token-invalid-signature' })
      expect(other.requests).toBe(1)
    } finally {
      await other.close()
    }
  })

  it('fetches on every call with skipJwksCache, still single-flight', async () => {
    const token = await signToken(key1)
    await verifySessionToken(token, { ...options, skipJwksCache: true })
    await verifySessionToken(token, { ...options, skipJwksCache: true })
    await Promise.all([1, 2, 3].map(() => verifySessionToken(token, { ...options, skipJwksCache: true })))
    expect(server.requests).toBe(3)
  })

  it('fails without a secret key, naming both settings', async () => {
    const result = await verifySessionToken(await signToken(key1), {
      apiUrl: server.url,
      fetchJwks: server.fetcher(''),
    })
    expect(result).toEqual({
      ok: false,
      reason: 'jwk-failed-to-resolve',
      message: 'Failed to resolve JWK during verification.',
      action: 'Set the CLERK_SECRET_KEY (or CLERK_JWT_KEY) environment variable.',
    })
    expect(server.requests).toBe(0)
  })
})

afterAll(() => resetProcessState())
