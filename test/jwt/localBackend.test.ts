// Tokens minted by the real local backend (remix-clerk-local over HTTP on 127.0.0.1), keys fetched by
// our real Backend API client: verification, auth objects and getToken end to end.
import { createLocalJWKSet, jwtVerify } from 'jose'
import { createLocalClerk, type LocalClerk } from 'remix-clerk-local'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createClerkClient, type ClerkClient } from '../../src/api.server.js'
import { authObjectForSession, signedInAuthObject } from '../../src/auth/authObject.js'
import type { VerificationOptions } from '../../src/jwt/verify.js'
import { verifySessionToken } from '../helpers/verify.js'
import { resetProcessState } from '../../src/shared/processState.js'

let local: LocalClerk
let apiUrl: string
let client: ClerkClient
let jwksRequests = 0
let options: VerificationOptions
let orgSessionId: string
let plainSessionId: string
let userId: string

beforeAll(async () => {
  local = await createLocalClerk({ db: ':memory:' })
  apiUrl = (await local.listen()).url
  // A real fetch that counts JWKS calls on the way through.
  client = createClerkClient({
    secretKey: local.secretKey,
    apiUrl,
    fetch: (url, init) => {
      if (url.endsWith('/jwks')) jwksRequests += 1
      return fetch(url, init)
    },
  })
  const seeded = local.seed({
    users: [{ email_address: 'ada@example.com', first_name: 'Ada' }],
    organizations: [
      {
        name: 'Acme',
        slug: 'acme',
        members: [
          { user: 'ada@example.com', role: 'org:admin', permissions: ['org:invoices:read', 'org:invoices:pay'] },
        ],
      },
    ],
    templates: [{ name: 'test', claims: { email: '{{user.primary_email_address}}' } }],
  })
  userId = seeded.users[0]!.id
  orgSessionId = local.createSession({ userId, organizationId: 'acme' }).id
  plainSessionId = local.createSession({ userId }).id
  options = { secretKey: local.secretKey, apiUrl, fetchJwks: () => client.jwks.getJwks() }
})
afterAll(() => local?.close())
beforeEach(() => {
  resetProcessState()
  jwksRequests = 0
})

const mintToken = async (sessionId: string, template?: string, expiresInSeconds?: number) =>
  (await client.sessions.getToken(sessionId, template, expiresInSeconds)).jwt

describe('tokens minted by remix-clerk-local', () => {
  it('verify through the instance JWKS, fetched once for 20 concurrent requests', async () => {
    const token = await mintToken(plainSessionId)
    const results = await Promise.all(Array.from({ length: 20 }, () => verifySessionToken(token, options)))
    expect(results.map((result) => result.ok)).toEqual(Array(20).fill(true))
    expect(results[0]).toMatchObject({
      ok: true,
      payload: { sub: userId, sid: plainSessionId, iss: local.frontendApiUrl },
      header: { alg: 'RS256', typ: 'JWT', cat: 'cl_B7d4PD111AAA' },
    })
    expect(jwksRequests).toBe(1)
  })

  it('verify networkless with the instance PEM (CLERK_JWT_KEY), as printed in .env form', async () => {
    const token = await mintToken(plainSessionId)
    const envLine = local
      .envFile()
      .split('\n')
      .find((line) => line.startsWith('CLERK_JWT_KEY='))!
    const jwtKey = envLine.slice('CLERK_JWT_KEY="'.length, -1) // still with literal \n escapes
    expect(await verifySessionToken(token, { jwtKey })).toMatchObject({ ok: true, payload: { sid: plainSessionId } })
    expect(await verifySessionToken(token, { jwtKey: local.env().CLERK_JWT_KEY })).toMatchObject({ ok: true })
    expect(jwksRequests).toBe(0)
  })

  it('give an auth object with the organization, permissions and has() of the session', async () => {
    const token = await mintToken(orgSessionId)
    const verified = await verifySessionToken(token, options)
    if (!verified.ok) throw new Error(verified.message)
    const auth = signedInAuthObject({ sessionClaims: verified.payload, sessionToken: token, mintToken })
    expect(auth).toMatchObject({
      userId,
      sessionId: orgSessionId,
      orgRole: 'org:admin',
      orgSlug: 'acme',
      orgPermissions: expect.arrayContaining(['org:invoices:read', 'org:invoices:pay']),
    })
    expect(auth.orgPermissions).toHaveLength(2)
    expect(auth.orgId).toMatch(/^org_/)
    expect([
      auth.has({ role: 'org:admin' }),
      auth.has({ permission: 'org:invoices:pay' }),
      auth.has({ permission: 'org:invoices:refund' }),
      auth.has({ role: 'org:member' }),
    ]).toEqual([true, true, false, false])
  })

  it('getToken() returns the session token; getToken({ template }) mints one through the client', async () => {
    const token = await mintToken(plainSessionId)
    const verified = await verifySessionToken(token, options)
    if (!verified.ok) throw new Error(verified.message)
    const auth = authObjectForSession({ sessionClaims: verified.payload, sessionToken: token, mintToken })
    expect(await auth.getToken()).toBe(token)

    const templated = await auth.getToken({ template: 'test', expiresInSeconds: 90 })
    const { payload } = await jwtVerify(templated!, createLocalJWKSet(await client.jwks.getJwks()))
    expect(payload).toMatchObject({ sub: userId, email: 'ada@example.com' })
    expect(payload.exp! - payload.iat!).toBe(90)
    // A template token is not a session token.
    expect(await verifySessionToken(templated!, options)).toMatchObject({ ok: false, reason: 'token-type-mismatch' })
  })

  it('with a wrong secret key: secret-key-invalid, and the key appears nowhere', async () => {
    const wrongKey = 'sk_test_wrongwrongwrongwrong'
    const wrong = createClerkClient({ secretKey: wrongKey, apiUrl })
    const result = await verifySessionToken(await mintToken(plainSessionId), {
      secretKey: wrongKey,
      apiUrl,
      fetchJwks: () => wrong.jwks.getJwks(),
    })
    expect(result).toEqual({
      ok: false,
      reason: 'secret-key-invalid',
      message: 'The provided Clerk Secret Key is invalid. Make sure that your Clerk Secret Key is correct.',
      action: 'Contact support@clerk.com',
    })
    expect(JSON.stringify(result)).not.toContain(wrongKey)
  })
})
