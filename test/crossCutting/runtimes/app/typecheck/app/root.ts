// A root route as a React Router 7 app writes it, typed by the generated `./+types/root`. React Router 7 types the
// data of a loader that returns a Response as `never`, and rootAuthLoader answers with a JSON Response as in Remix
// (React Router still unwraps it at run time): `data(await response.json(), response)` gives the page typed data.
import { data } from 'react-router'
import { rootAuthLoader, type ClerkState } from 'remix-clerk/ssr.server'
import type { Route } from './+types/root.js'

export async function loader(args: Route.LoaderArgs) {
  const response = await rootAuthLoader(args, ({ request }) => ({ userId: request.auth.userId, title: 'Home' }), {
    signInUrl: '/sign-in',
  })
  return data(await response.json(), { headers: response.headers })
}

export default function App({ loaderData }: Route.ComponentProps) {
  const state: ClerkState = loaderData.clerkState
  const title: string = loaderData.title
  const userId: string | null = loaderData.userId
  return [state, title, userId]
}
