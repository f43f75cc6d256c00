// remix-clerk/react-router's getAuth and rootAuthLoader read what clerkMiddleware found: where it did not run, they
// throw, as @clerk/react-router 3's do, with a message that says what is missing (React Router's middleware itself, or
// only clerkMiddleware in app/root.tsx) and that remix-clerk/ssr.server works without middleware.
import { describe, expect, it } from 'vitest'
import { clerkClient, clerkMiddleware, getAuth, rootAuthLoader } from '../../src/react-router.js'
import { isRemixClerkError } from '../../src/ssr.server.js'

const request = () => new Request('http://localhost:3000/dashboard')
/** React Router's RouterContextProvider, by shape, where no middleware stored anything. */
const emptyRouterContext = () => ({ get: () => null, set: () => undefined })

describe('remix-clerk/react-router without clerkMiddleware', () => {
  it('with React Router middleware off (a plain load context): names future.v8_middleware and ssr.server', async () => {
    const thrown = await getAuth({ request: request(), context: {} }).catch((error: unknown) => error)
    expect(isRemixClerkError(thrown, 'REMIX_CLERK_MISSING_MIDDLEWARE')).toBe(true)
    expect((thrown as Error).message).toMatch(
      /getAuth\(\) from remix-clerk\/react-router .* did not run .*`future: \{ v8_middleware: true \}`.*remix-clerk\/ssr\.server/,
    )
  })

  it('with middleware on but clerkMiddleware not exported: names app/root.tsx, not the future flag', async () => {
    const thrown = await rootAuthLoader({ request: request(), context: emptyRouterContext() }).catch(
      (error: unknown) => error,
    )
    expect(isRemixClerkError(thrown, 'REMIX_CLERK_MISSING_MIDDLEWARE')).toBe(true)
    expect((thrown as Error).message).toMatch(/rootAuthLoader\(\) .* \[clerkMiddleware\(\)\]` from app\/root\.tsx\./)
    expect((thrown as Error).message).not.toContain('v8_middleware')
  })

  it('clerkMiddleware() without React Router middleware (a plain load context) says how to turn it on', async () => {
    const thrown = await clerkMiddleware()(
      { request: request(), context: {} } as never,
      async () => new Response(),
    ).catch((error: unknown) => error)
    expect(isRemixClerkError(thrown, 'REMIX_CLERK_MIDDLEWARE_NOT_ENABLED')).toBe(true)
    expect((thrown as Error).message).toContain('v8_middleware: true')
  })

  it('clerkClient() without a secret key anywhere names the variable', () => {
    let thrown: unknown
    try {
      clerkClient({ request: request(), context: {} } as never, { secretKey: '' })
    } catch (error) {
      thrown = error
    }
    expect(isRemixClerkError(thrown, 'REMIX_CLERK_MISSING_SECRET_KEY')).toBe(true)
  })
})
