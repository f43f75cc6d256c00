// Apps served by remix-serve (or the Express adapter without single fetch) call Remix's installGlobals(),
// which swaps Headers/Request/Response for @remix-run/web-fetch: its Headers has raw() but no getSetCookie().
// rootAuthLoader must work, and keep every Set-Cookie, on those globals too.
import { installGlobals, json } from '@remix-run/node'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { rootAuthLoader } from '../../src/ssr.server.js'
import { NAVIGATION, args, requestWith, startLocalInstance, type LocalInstance } from '../helpers/localInstance.js'
import { resetProcessState } from '../../src/shared/processState.js'

installGlobals()

const PAGE = 'http://127.0.0.1:3000/'
let instance: LocalInstance

beforeAll(async () => {
  instance = await startLocalInstance()
})
afterAll(async () => {
  await instance?.close()
})
beforeEach(() => resetProcessState())

describe('rootAuthLoader on Remix installGlobals()', () => {
  it('runs on the polyfilled Headers, which have no getSetCookie()', () => {
    expect(typeof (new Headers() as Partial<Headers>).getSetCookie).toBe('undefined')
  })

  it('answers a signed-out page with clerkState and the auth headers', async () => {
    const response = await rootAuthLoader(args(requestWith(PAGE, { headers: NAVIGATION })), instance.options)
    expect(response.status).toBe(200)
    expect(response.headers.get('x-clerk-auth-status')).toBe('signed-out')
    expect(response.headers.get('x-clerk-auth-reason')).toBe('session-token-and-uat-missing')
    const body = (await response.json()) as {
      clerkState: { __internal_clerk_state: { __clerk_ssr_state: { userId: unknown } } }
    }
    expect(body.clerkState.__internal_clerk_state.__clerk_ssr_state.userId).toBeNull()
  })

  it("keeps each of the callback's Set-Cookie headers separate", async () => {
    const headers = new Headers()
    headers.append('set-cookie', 'a=1; Path=/')
    headers.append('set-cookie', 'b=2; Path=/; HttpOnly')
    const response = (await rootAuthLoader(
      args(requestWith(PAGE, { headers: NAVIGATION })),
      () => json({ hello: 'world' }, { status: 201, headers }),
      instance.options,
    )) as Response
    expect(response.status).toBe(201)
    const raw = (response.headers as Headers & { raw(): Record<string, string[]> }).raw()
    expect(raw['set-cookie']).toEqual(['a=1; Path=/', 'b=2; Path=/; HttpOnly'])
    expect(response.headers.get('x-clerk-auth-status')).toBe('signed-out')
    expect(await response.json()).toMatchObject({ hello: 'world' })
  })
})
