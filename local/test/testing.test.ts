import { type ClerkClient, createClerkClient } from '@clerk/backend'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cookieSuffix } from '../src/http/appCookies.js'
import type { LocalClerk } from '../src/index.js'
import {
  PERSONAS,
  createSignedInHeaders,
  createSignedInRequest,
  createSignedOutRequest,
  seedPersonas,
  signIn,
  startLocalClerk,
} from '../src/testing.js'
import { decodePart } from './helpers/harness.js'

/** The helpers of `remix-clerk-local/testing`, judged by the official SDK's `authenticateRequest`. */
let clerk: LocalClerk
let sdk: ClerkClient
const URL_ = 'http://localhost:3000/dashboard'

beforeAll(async () => {
  clerk = await startLocalClerk()
  sdk = createClerkClient({ secretKey: clerk.secretKey, publishableKey: clerk.publishableKey, apiUrl: clerk.apiUrl })
})
afterAll(() => clerk.close())

async function authOf(request: Request) {
  const state = await sdk.authenticateRequest(request)
  const auth = state.toAuth() as {
    userId: string | null
    sessionId: string | null
    orgId?: string | null
    orgRole?: string | null
  }
  return {
    status: state.status,
    reason: state.reason,
    userId: auth.userId,
    sessionId: auth.sessionId,
    orgId: auth.orgId ?? null,
    orgRole: auth.orgRole ?? null,
  }
}

describe('startLocalClerk', () => {
  it('listens on 127.0.0.1 with an in-memory database', async () => {
    expect(clerk.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const response = await fetch(`${clerk.url}/.well-known/jwks.json`)
    expect(await response.json()).toEqual(clerk.jwks)
  })
})

describe('createSignedInRequest', () => {
  it('by e-mail address (created on first use): the SDK sees that user signed in, from cookies', async () => {
    const request = await createSignedInRequest(clerk, URL_, { user: 'helper.new@example.com' })
    const users = await sdk.users.getUserList({ emailAddress: ['helper.new@example.com'] })
    expect(users.totalCount).toBe(1)
    expect(await authOf(request)).toMatchObject({
      status: 'signed-in',
      reason: null,
      userId: users.data[0]!.id,
      orgId: null,
    })

    const sfx = cookieSuffix(clerk.publishableKey)
    const cookies = Object.fromEntries(
      request.headers
        .get('cookie')!
        .split('; ')
        .map((c) => c.split('=') as [string, string]),
    )
    expect(Object.keys(cookies)).toEqual([
      '__session',
      `__session_${sfx}`,
      '__client_uat',
      `__client_uat_${sfx}`,
      `__refresh_${sfx}`,
    ])
    expect(cookies[`__session_${sfx}`]).toBe(cookies.__session)
    expect(cookies[`__refresh_${sfx}`]).toBe(clerk.refreshToken(decodePart(cookies.__session!, 1).sid as string))
    const claims = decodePart(cookies.__session!, 1)
    expect(claims.azp).toBe('http://localhost:3000')
    expect(cookies.__client_uat).toBe(cookies[`__client_uat_${sfx}`])
    expect(Number(cookies.__client_uat)).toBeLessThanOrEqual(claims.iat as number)

    // The same address again is the same user, on a new session.
    const again = await authOf(await createSignedInRequest(clerk, URL_, { user: 'HELPER.NEW@example.com' }))
    expect(again.userId).toBe(users.data[0]!.id)
    expect(again.sessionId).not.toBe((await authOf(request)).sessionId)
  })

  it('personas: the member and the org admin of acme, seeded on first use and found afterwards', async () => {
    const first = seedPersonas(clerk)
    expect(seedPersonas(clerk)).toEqual(first)
    expect(first.organization.slug).toBe(PERSONAS.organization.slug)
    expect(await authOf(await createSignedInRequest(clerk, URL_, 'member'))).toMatchObject({
      status: 'signed-in',
      userId: first.member.userId,
      orgId: first.organization.id,
      orgRole: 'org:member',
    })
    expect(await authOf(await createSignedInRequest(clerk, URL_, 'org-admin'))).toMatchObject({
      status: 'signed-in',
      userId: first['org-admin'].userId,
      orgId: first.organization.id,
      orgRole: 'org:admin',
    })
  })

  it('with an organization by slug, via the Authorization header, with a token lifetime', async () => {
    const { member, organization } = seedPersonas(clerk)
    const request = await createSignedInRequest(clerk, URL_, {
      user: member.userId,
      organization: 'acme',
      via: 'authorization',
      expiresInSeconds: 120,
    })
    expect(request.headers.get('cookie')).toBeNull()
    const token = request.headers.get('authorization')!.replace(/^Bearer /, '')
    const claims = decodePart(token, 1)
    expect((claims.exp as number) - (claims.iat as number)).toBe(120)
    expect(await authOf(request)).toMatchObject({ status: 'signed-in', userId: member.userId, orgId: organization.id })
  })

  it('keeps the rest of the request: method, body, other headers and cookies', async () => {
    const request = await createSignedInRequest(
      clerk,
      URL_,
      { user: 'helper.post@example.com' },
      {
        method: 'POST',
        body: 'intent=save',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'theme=dark' },
      },
    )
    expect(request.method).toBe('POST')
    expect(request.headers.get('content-type')).toBe('application/x-www-form-urlencoded')
    expect(request.headers.get('cookie')).toMatch(/^theme=dark; __session=eyJ/)
    expect(await request.text()).toBe('intent=save')
  })

  it('refuses what it cannot sign in, with the reason', async () => {
    await expect(createSignedInRequest(clerk, URL_, { user: 'ada' })).rejects.toMatchObject({
      code: 'REMIX_CLERK_LOCAL_INVALID_ARGUMENT',
      message: 'remix-clerk-local/testing: user must be a user id (user_…) or an e-mail address (got "ada").',
    })
    await expect(createSignedInRequest(clerk, URL_, 'owner' as 'member')).rejects.toMatchObject({
      code: 'REMIX_CLERK_LOCAL_INVALID_ARGUMENT',
      message: `remix-clerk-local/testing: unknown persona "owner"; use 'member' or 'org-admin'.`,
    })
    await expect(createSignedInRequest(clerk, URL_, { user: 'user_missing' })).rejects.toMatchObject({
      status: 404,
      code: 'resource_not_found',
    })
    await expect(
      createSignedInRequest(clerk, URL_, { user: 'helper.outsider@example.com', organization: 'acme' }),
    ).rejects.toMatchObject({
      status: 422,
      code: 'form_param_value_invalid',
    })
  })
})

describe('createSignedInHeaders, signIn and createSignedOutRequest', () => {
  it('createSignedInHeaders adds the cookie to the given headers', async () => {
    const headers = await createSignedInHeaders(
      clerk,
      URL_,
      { user: 'helper.headers@example.com' },
      { accept: 'application/json' },
    )
    expect(headers.get('accept')).toBe('application/json')
    expect(headers.get('cookie')).toMatch(/^__session=eyJ/)
  })

  it('signIn returns the ids and the token behind the headers', async () => {
    const signedIn = await signIn(clerk, 'org-admin', URL_)
    const { 'org-admin': admin, organization } = seedPersonas(clerk)
    expect(signedIn).toMatchObject({ userId: admin.userId, organizationId: organization.id })
    expect(decodePart(signedIn.token, 1)).toMatchObject({ sub: admin.userId, sid: signedIn.sessionId })
    expect(signedIn.headers.get('cookie')).toContain(`__session=${signedIn.token}`)
  })

  it('createSignedOutRequest: signed out, and no handshake', async () => {
    const request = createSignedOutRequest(URL_, { headers: { accept: 'text/html', 'sec-fetch-dest': 'document' } })
    expect(await authOf(request)).toMatchObject({
      status: 'signed-out',
      reason: 'session-token-and-uat-missing',
      userId: null,
    })
  })
})
