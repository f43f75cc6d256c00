// A route as a React Router 7 app writes it: loader and action typed by the generated `./+types/dashboard`, and
// the same functions typed with LoaderFunctionArgs / ActionFunctionArgs.
import type { ActionFunctionArgs, LoaderFunctionArgs } from 'react-router'
import { createClerkClient } from 'remix-clerk/api.server'
import { getAuth, rootAuthLoader } from 'remix-clerk/ssr.server'
import type { Route } from './+types/dashboard.js'

export async function loader(args: Route.LoaderArgs) {
  const { userId, orgId, has } = await getAuth(args)
  return { userId, orgId, canManage: has({ permission: 'org:invoices:manage' }) }
}

export async function action(args: Route.ActionArgs) {
  const { sessionId, getToken } = await getAuth(args, { authorizedParties: ['https://app.example'] })
  const form = await args.request.formData()
  const jwt = sessionId
    ? (await createClerkClient({ secretKey: 'sk_test_x' }).sessions.getToken(sessionId, 'test')).jwt
    : null
  return { title: form.get('title'), supabase: await getToken({ template: 'supabase' }), jwt }
}

// Authentication in a route middleware (future.v8_middleware), as an app guards a whole branch.
export const middleware: Route.MiddlewareFunction[] = [
  async (args, next) => {
    const { userId } = await getAuth(args)
    if (!userId) throw new Response(null, { status: 302, headers: { location: '/sign-in' } })
    return next()
  },
]

export const withLoaderFunctionArgs = async (args: LoaderFunctionArgs) => (await getAuth(args)).userId
export const withActionFunctionArgs = async (args: ActionFunctionArgs) => (await getAuth(args)).userId
export const rootLoaderWithFunctionArgs = (args: LoaderFunctionArgs) => rootAuthLoader(args)

export async function mistakes(args: Route.LoaderArgs) {
  // @ts-expect-error getAuth takes the loader's arguments, not the request alone
  await getAuth(args.request)
  // @ts-expect-error the auth object's userId may be null
  const userId: string = (await getAuth(args)).userId
  return userId
}

export default function Dashboard({ loaderData, actionData }: Route.ComponentProps) {
  const userId: string | null = loaderData.userId
  const canManage: boolean = loaderData.canManage
  const supabase: string | null | undefined = actionData?.supabase
  return [userId, canManage, supabase]
}

// acceptsToken: the auth object's type follows it.
export async function apiLoader(args: Route.LoaderArgs) {
  const token = await getAuth(args, { acceptsToken: 'oauth_token', audience: 'https://api.example' })
  if (token.isAuthenticated) {
    const userId: string = token.userId
    const clientId: string = token.clientId
    return [userId, clientId]
  }
  const kinds = await getAuth(args, { acceptsToken: ['api_key', 'session_token'] as const })
  const kind: 'api_key' | 'session_token' | null = kinds.tokenType
  // @ts-expect-error not a kind of token
  await getAuth(args, { acceptsToken: 'apikey' })
  return [kind]
}
