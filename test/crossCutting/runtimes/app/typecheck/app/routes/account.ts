// A route of an app on remix-clerk/react-router (React Router's middleware, as with @clerk/react-router 3):
// clerkMiddleware in `middleware`, rootAuthLoader's data typed for the page, getAuth and clerkClient in loaders and
// actions, typed by the generated `./+types/account`.
import { data } from 'react-router'
import { clerkClient, clerkMiddleware, getAuth, rootAuthLoader, type ClerkState } from 'remix-clerk/react-router'
import type { Route } from './+types/account.js'

export const middleware: Route.MiddlewareFunction[] = [
  clerkMiddleware(),
  clerkMiddleware({ authorizedParties: ['https://app.example'] }),
]

export async function loader(args: Route.LoaderArgs) {
  return rootAuthLoader(args, async ({ request }) => {
    const { userId } = request.auth
    const user = userId ? await clerkClient(args).users.getUser(userId) : null
    return { userId, name: user?.fullName ?? null }
  })
}

export async function action(args: Route.ActionArgs) {
  const { userId } = await getAuth(args)
  return data({ userId }, { status: userId ? 200 : 401 })
}

export const withData = (args: Route.LoaderArgs) =>
  rootAuthLoader(args, () => data({ plan: 'pro' }, { headers: { 'x-plan': 'pro' } }))
export const withoutCallback = (args: Route.LoaderArgs) => rootAuthLoader(args)
export const withUser = (args: Route.LoaderArgs) =>
  rootAuthLoader(args, ({ request }) => ({ email: request.user?.primaryEmailAddress?.emailAddress ?? null }), {
    loadUser: true,
  })

export async function mistakes(args: Route.LoaderArgs) {
  // @ts-expect-error getAuth takes the loader's arguments, not the request alone
  await getAuth(args.request)
  // @ts-expect-error the auth object's userId may be null
  const userId: string = (await getAuth(args)).userId
  // @ts-expect-error the callback must return an object (or null, a Response, data(…))
  await rootAuthLoader(args, () => 'text')
  return userId
}

export default function Account({ loaderData, actionData }: Route.ComponentProps) {
  const state: ClerkState = loaderData.clerkState
  const name: string | null = loaderData.name
  const userId: string | null | undefined = actionData?.userId
  return [state, name, userId]
}

export async function typedResults(args: Route.LoaderArgs) {
  const plain: { clerkState: ClerkState } = await withoutCallback(args)
  const withPlan = await withData(args)
  const plan: string = withPlan.data.plan
  const state: ClerkState = withPlan.data.clerkState
  const email: string | null = (await withUser(args)).email
  return [plain, plan, state, email]
}

// acceptsToken: the auth object's type follows it.
export async function machineTokens(args: Route.ActionArgs) {
  const key = await getAuth(args, { acceptsToken: 'api_key' })
  if (key.isAuthenticated) {
    const subject: string = key.subject
    const scopes: string[] = key.scopes
    const owner: string | null = key.orgId ?? key.userId
    return [subject, scopes, owner]
  }
  // @ts-expect-error an API key's auth object has no sessionId
  void key.sessionId
  const either = await getAuth(args, { acceptsToken: ['m2m_token', 'session_token'] })
  if (either.tokenType === 'session_token') {
    const sessionId: string | null = either.sessionId
    return [sessionId]
  }
  if (either.tokenType === 'm2m_token') {
    const machineId: string | null = either.machineId
    return [machineId]
  }
  const refused: null = either.tokenType
  const any = await getAuth(args, { acceptsToken: 'any', treatPendingAsSignedOut: false })
  const session = await getAuth(args, { treatPendingAsSignedOut: false })
  const sessionId: string | null = session.sessionId
  return [refused, any.isAuthenticated, sessionId]
}
