// /sign-in/*: Clerk's <SignIn/> (ClerkJS handles the steps below /sign-in itself). On remix-clerk-local, the
// backend's own sign-in page is offered too: it works without JavaScript.
import { SignIn } from '@clerk/remix'
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { localSignInUrl } from '~/lib/frontendApi.server'

export const meta: MetaFunction = () => [{ title: 'Sign in · remix-clerk example' }]

export function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  // Back to where <SignIn/> would go: its redirect_url if it is this app's, else the dashboard.
  const asked = url.searchParams.get('redirect_url')
  const returnTo =
    asked && new URL(asked, url).origin === url.origin ? new URL(asked, url).href : new URL('/dashboard', url).href
  return json({ fallback: localSignInUrl(returnTo) })
}

export default function SignInPage() {
  const { fallback } = useLoaderData<typeof loader>()
  return (
    <div className="auth-page">
      <SignIn />
      {fallback ? (
        <p className="auth-page__fallback muted">
          No JavaScript? <a href={fallback}>Use the local backend&apos;s sign-in page</a>.
        </p>
      ) : null}
    </div>
  )
}
