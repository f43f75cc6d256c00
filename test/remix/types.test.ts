// Types as an app sees them: Remix's own loader arguments are accepted, and `useLoaderData<typeof loader>()`
// keeps the callback's data next to `clerkState`. Checked by `tsc` (npm run typecheck, and in npm test by
// test/crossCutting/typeTests.test.ts); the runtime assertions only make sure the file is exercised.
import type { LoaderFunctionArgs, SerializeFrom } from '@remix-run/server-runtime'
import { defer, json } from '@remix-run/server-runtime'
import { describe, expectTypeOf, it } from 'vitest'
import type { AuthObject, ClerkState, RequestWithAuth } from '../../src/ssr.server.js'
import { getAuth, rootAuthLoader } from '../../src/ssr.server.js'

describe('types', () => {
  it("accept Remix's loader arguments and give typed loader data", () => {
    const _loaderWithObject = (args: LoaderFunctionArgs) =>
      rootAuthLoader(args, ({ request }) => {
        expectTypeOf(request.auth).toEqualTypeOf<AuthObject>()
        return { title: 'Home', userId: request.auth.userId }
      })
    expectTypeOf<SerializeFrom<typeof _loaderWithObject>>().toMatchTypeOf<{
      title: string
      userId: string | null
      clerkState: unknown
    }>()

    const _loaderWithJson = (args: LoaderFunctionArgs) =>
      rootAuthLoader(args, () => json({ count: 1 }, { status: 201 }))
    expectTypeOf<SerializeFrom<typeof _loaderWithJson>>().toMatchTypeOf<{ count: number; clerkState: unknown }>()

    const _loaderWithoutCallback = (args: LoaderFunctionArgs) => rootAuthLoader(args, { signInUrl: '/sign-in' })
    expectTypeOf<SerializeFrom<typeof _loaderWithoutCallback>>().toMatchTypeOf<{ clerkState: unknown }>()

    const _loaderWithDefer = (args: LoaderFunctionArgs) =>
      rootAuthLoader(args, () => defer({ later: Promise.resolve(1) }))
    expectTypeOf<ReturnType<typeof _loaderWithDefer>>().toMatchTypeOf<Promise<{ data: { later: Promise<number> } }>>()

    const withResources = (args: LoaderFunctionArgs) =>
      rootAuthLoader(
        args,
        ({ request }) => {
          expectTypeOf(request).toMatchTypeOf<RequestWithAuth<{ loadUser: true }>>()
          expectTypeOf(request.user?.firstName).toEqualTypeOf<string | null | undefined>()
          // @ts-expect-error private metadata is stripped, and the type says so
          void request.user?.privateMetadata
          return null
        },
        { loadUser: true as const },
      )
    expectTypeOf(withResources).returns.resolves.toMatchTypeOf<{ json(): Promise<{ clerkState: ClerkState }> }>()

    const action = async (args: LoaderFunctionArgs) =>
      (await getAuth(args, { authorizedParties: ['https://app.example'] })).userId
    expectTypeOf(action).returns.resolves.toEqualTypeOf<string | null>()
  })
})
