// Reading the environment never throws. Deno without `--allow-env` throws `NotCapable` on every `process.env` read,
// and any host can install a `process.env` whose reads throw: a refused read counts as unset, the lookup goes on
// (context, globalThis), and a variable whose option already decides the value is not read at all.
import { createLocalClerk, type LocalClerk } from 'remix-clerk-local'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getAuth, rootAuthLoader } from '../../src/ssr.server.js'
import { recordingEnvironment, refusingEnvironment, withProcessEnv } from '../helpers/processEnv.js'

const PAGE = 'http://127.0.0.1:3000/dashboard'

let clerk: LocalClerk
let userId: string
let token: string

beforeAll(async () => {
  clerk = await createLocalClerk({ db: ':memory:' })
  userId = clerk.seed({ users: [{ email_address: 'deno@example.com' }] }).users[0]!.id
  token = await clerk.getToken(clerk.createSession({ userId }).id, { origin: new URL(PAGE).origin })
})
afterAll(() => clerk?.close())

const keys = () => ({ secretKey: clerk.secretKey, publishableKey: clerk.publishableKey, jwtKey: clerk.jwtKey })
const signedIn = (context: unknown = {}) => ({
  request: new Request(PAGE, { headers: { accept: '*/*', authorization: `Bearer ${token}` } }),
  context,
  params: {},
})

describe('every process.env read throws (Deno without --allow-env)', () => {
  it('getAuth with the keys as options signs in: the optional variables it reads count as unset', async () => {
    const reads: string[] = []
    const auth = await withProcessEnv(refusingEnvironment(reads), () => getAuth(signedIn(), keys()))
    expect(auth.userId).toBe(userId)
    // The reads happened and were refused: this is the case the fix is about, not one that skips the environment.
    expect(reads).toEqual(expect.arrayContaining(['CLERK_PROXY_URL', 'CLERK_DOMAIN', 'CLERK_IS_SATELLITE']))
  })

  it('a refused name is not asked again (each refusal costs Deno an exception)', async () => {
    const reads: string[] = []
    const env = refusingEnvironment(reads)
    await withProcessEnv(env, () => getAuth(signedIn(), keys()))
    const first = [...reads]
    const auth = await withProcessEnv(env, () => getAuth(signedIn(), keys()))
    expect(auth.userId).toBe(userId)
    expect(first).toContain('CLERK_PROXY_URL')
    expect(reads).toEqual(first)
  })

  it.each([
    ['context.cloudflare.env', (env: object) => ({ cloudflare: { env } })],
    ['context.env', (env: object) => ({ env })],
    ['context[name]', (env: object) => env],
  ])('getAuth finds the keys in %s: a refused read does not end the lookup', async (_name, contextWith) => {
    const env = {
      CLERK_SECRET_KEY: clerk.secretKey,
      CLERK_PUBLISHABLE_KEY: clerk.publishableKey,
      CLERK_JWT_KEY: clerk.jwtKey,
    }
    const auth = await withProcessEnv(refusingEnvironment(), () => getAuth(signedIn(contextWith(env))))
    expect(auth.userId).toBe(userId)
  })

  it('getAuth with no key anywhere rejects with the missing-key message, not the runtime error', async () => {
    await expect(withProcessEnv(refusingEnvironment(), () => getAuth(signedIn()))).rejects.toMatchObject({
      code: 'REMIX_CLERK_MISSING_SECRET_KEY',
      message: expect.stringContaining('Set the CLERK_SECRET_KEY environment variable'),
    })
  })

  it('rootAuthLoader with the keys as options answers with clerkState', async () => {
    const response = await withProcessEnv(refusingEnvironment(), () =>
      rootAuthLoader(signedIn(), ({ request }) => ({ userId: request.auth.userId }), {
        ...keys(),
        signInUrl: '/sign-in',
      }),
    )
    const data = (await response.json()) as {
      userId: string
      clerkState: { __internal_clerk_state: Record<string, unknown> }
    }
    expect(data.userId).toBe(userId)
    expect(data.clerkState.__internal_clerk_state).toMatchObject({ __signInUrl: '/sign-in', __signUpUrl: '' })
  })
})

describe('a variable whose option decides the value is never read', () => {
  // Every variable has a value that would break authentication if it were used.
  const wrong = {
    CLERK_SECRET_KEY: 'sk_live_wrong',
    CLERK_PUBLISHABLE_KEY: 'pk_live_d3JvbmcuZXhhbXBsZS5jb20k',
    CLERK_JWT_KEY: 'not a key',
    CLERK_API_URL: 'not a url',
    CLERK_PROXY_URL: 'not a url',
    CLERK_DOMAIN: 'wrong.example.com',
    CLERK_SIGN_IN_URL: '/wrong',
    CLERK_SIGN_UP_URL: '/wrong',
  }
  const given = () => ({ ...keys(), apiUrl: clerk.apiUrl, proxyUrl: '', domain: 'app.example.com' })

  it('getAuth', async () => {
    const reads: string[] = []
    const auth = await withProcessEnv(recordingEnvironment(reads, wrong), () => getAuth(signedIn(), given()))
    expect(auth.userId).toBe(userId)
    expect(reads.filter((name) => name in wrong)).toEqual([])
  })

  it('rootAuthLoader, its URLs included', async () => {
    const reads: string[] = []
    const response = await withProcessEnv(recordingEnvironment(reads, wrong), () =>
      rootAuthLoader(signedIn(), { ...given(), signInUrl: '/sign-in', signUpUrl: '/sign-up' }),
    )
    const { clerkState } = (await response.json()) as {
      clerkState: { __internal_clerk_state: Record<string, unknown> }
    }
    expect(clerkState.__internal_clerk_state).toMatchObject({ __clerk_ssr_state: { userId }, __signInUrl: '/sign-in' })
    expect(reads.filter((name) => name in wrong)).toEqual([])
  })
})
