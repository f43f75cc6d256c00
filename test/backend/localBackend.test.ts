// The seed example against the real local backend (remix-clerk-local, from its sources), over
// HTTP on 127.0.0.1 and in-process through its fetch: every value made by our client, every
// token verified with jose against the instance's JWKS.
import { json } from '@remix-run/node'
import { createLocalJWKSet, jwtVerify } from 'jose'
import { createLocalClerk, type LocalClerk } from 'remix-clerk-local'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ClerkAPIResponseError, createClerkClient, Token, type ClerkClient } from '../../src/api.server.js'

let local: LocalClerk
let clerk: ClerkClient
let sessionId: string
let userId: string

beforeAll(async () => {
  local = await createLocalClerk({ db: ':memory:' })
  const { url } = await local.listen()
  clerk = createClerkClient({ secretKey: local.secretKey, apiUrl: url })
  const user = await clerk.users.createUser({ emailAddress: ['ada@example.com'], firstName: 'Ada' })
  userId = user.id
  await clerk.jwtTemplates.create({
    name: 'test',
    claims: { email: '{{user.primary_email_address}}', name: '{{user.first_name}}' },
    lifetime: 120,
  })
  sessionId = (await clerk.sessions.createSession({ userId })).id
})
afterAll(() => local?.close())

async function verified(jwt: string) {
  const jwks = createLocalJWKSet(await clerk.jwks.getJwks())
  return (await jwtVerify(jwt, jwks)).payload
}

describe('seed example against remix-clerk-local', () => {
  it('getToken(sessionId, "test") → a Token minted from the template, JSON-ready', async () => {
    const token = await createClerkClient({ secretKey: local.secretKey, apiUrl: local.apiUrl }).sessions.getToken(
      sessionId,
      'test',
    )
    expect(token).toBeInstanceOf(Token)
    const claims = await verified(token.jwt)
    expect(claims.sub).toBe(userId)
    expect(claims.email).toBe('ada@example.com')
    expect(claims.name).toBe('Ada')
    expect(claims.exp! - claims.iat!).toBe(120)
    expect(await json({ token }).text()).toBe(`{"token":{"jwt":"${token.jwt}"}}`)
  })

  it('getToken(sessionId) → a session token for that session; expiresInSeconds sets its lifetime', async () => {
    const plain = await verified((await clerk.sessions.getToken(sessionId)).jwt)
    expect(plain.sub).toBe(userId)
    expect(plain.sid).toBe(sessionId)
    const longer = await verified((await clerk.sessions.getToken(sessionId, undefined, 600)).jwt)
    expect(longer.exp! - longer.iat!).toBe(600)
  })

  it('in-process through the local backend’s fetch, no port', async () => {
    const inProcess = createClerkClient({
      secretKey: local.secretKey,
      apiUrl: 'http://local.clerk.test',
      fetch: (url, init) => local.fetch(new Request(url, init)),
    })
    const claims = await verified((await inProcess.sessions.getToken(sessionId, 'test')).jwt)
    expect(claims.sub).toBe(userId)
  })

  it('an unknown template is a 404 ClerkAPIResponseError with the Clerk error code', async () => {
    const error = await clerk.sessions.getToken(sessionId, 'nope').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ClerkAPIResponseError)
    expect((error as ClerkAPIResponseError).status).toBe(404)
    expect((error as ClerkAPIResponseError).errors[0]!.code).toBe('resource_not_found')
  })

  it('a wrong secret key is a 401 whose message does not contain it', async () => {
    const wrongKey = 'sk_live_thisIsNotTheLocalInstanceKey000000'
    const error = await createClerkClient({ secretKey: wrongKey, apiUrl: local.apiUrl })
      .sessions.getToken(sessionId, 'test')
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ClerkAPIResponseError)
    expect((error as ClerkAPIResponseError).status).toBe(401)
    expect(JSON.stringify(error)).not.toContain(wrongKey)
    expect((error as Error).message).not.toContain(wrongKey)
  })
})
