// The root route: rootAuthLoader authenticates every page once and ClerkApp hands its state to ClerkJS.
import { ClerkApp } from '@clerk/remix'
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import type { ReactNode } from 'react'
import { rootAuthLoader } from 'remix-clerk/ssr.server'
import { SiteHeader } from './components/SiteHeader'
import { AUTH_OPTIONS, CLIENT_URLS } from './lib/authOptions.server'
import { displayName } from './lib/displayName'
import { localSignOutUrl } from './lib/frontendApi.server'
import stylesheet from './styles.css?url'

export const links: LinksFunction = () => [
  { rel: 'icon', href: '/favicon.ico' },
  { rel: 'stylesheet', href: stylesheet },
]

export const meta: MetaFunction = () => [
  { title: 'remix-clerk example' },
  { name: 'description', content: 'Clerk authentication in Remix loaders and actions, on a local backend.' },
]

/**
 * rootAuthLoader (remix-clerk's, a drop-in for @clerk/remix's) authenticates every page once and adds `clerkState`,
 * which `ClerkApp` below hands to ClerkJS: the publishable key, CLERK_PROXY_URL and CLERK_JS among it. The callback
 * gets `request.auth` and (with `loadUser`) `request.user` for the server-rendered part of the header.
 */
export const loader = (args: LoaderFunctionArgs) =>
  rootAuthLoader(
    args,
    ({ request }) => {
      const { userId } = request.auth
      return {
        viewer: userId ? { userId, name: displayName(request.user) } : null,
        // Back to the public home page: the current page may be one that needs a user.
        localSignOutUrl: localSignOutUrl(new URL('/', request.url).href),
      }
    },
    { loadUser: true as const, ...AUTH_OPTIONS, ...CLIENT_URLS },
  )

/**
 * The header shows what the server saw, and ClerkJS signs in, out and switches organizations without a page load:
 * so the root's data is loaded again on every navigation, not only when the URL's search changes.
 */
export const shouldRevalidate = () => true

/** The document; the header and page are rendered by App (inside ClerkApp) or by the error boundary. */
export function Layout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  )
}

function Page({ children, clerk }: { children: ReactNode; clerk: boolean }) {
  // Undefined when the root loader itself failed: the error page still gets the header, without the auth state.
  const data = useRouteLoaderData<typeof loader>('root')
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <SiteHeader viewer={data?.viewer} localSignOutUrl={data?.localSignOutUrl ?? null} clerkComponents={clerk} />
      <main id="main" className="container">
        {children}
      </main>
      <footer className="site-footer container">
        <p>
          Sign-in with Clerk&apos;s own components from <code>@clerk/remix</code>, server-side auth with{' '}
          <code>remix-clerk</code>; users, sessions, tokens and ClerkJS itself from <code>remix-clerk-local</code>.
        </p>
      </footer>
    </>
  )
}

function App() {
  // ClerkApp reads `clerkState` from this data; nothing here needs to pass it on.
  useLoaderData<typeof loader>()
  return (
    <Page clerk>
      <Outlet />
    </Page>
  )
}

/**
 * Clerk's provider around the app, as with @clerk/remix on Clerk's servers: the components load ClerkJS from
 * CLERK_JS and talk to the Frontend API at CLERK_PROXY_URL (both in clerkState); without them, from Clerk.
 */
export default ClerkApp(App, {
  // signInUrl and signUpUrl come from clerkState (rootAuthLoader's CLIENT_URLS): a satellite's is the primary's.
  signInFallbackRedirectUrl: '/dashboard',
  signUpFallbackRedirectUrl: '/dashboard',
  afterSignOutUrl: '/',
})

export function ErrorBoundary() {
  const error = useRouteError()
  const [title, detail] = isRouteErrorResponse(error)
    ? [`${error.status} ${error.statusText}`, typeof error.data === 'string' ? error.data : JSON.stringify(error.data)]
    : ['Something went wrong', error instanceof Error ? error.message : String(error)]
  // Outside ClerkApp: the header shows the server's view only.
  return (
    <Page clerk={false}>
      <section className="card card--error" role="alert">
        <h1>{title}</h1>
        <p>{detail}</p>
        <p>
          <a href="/">Back to the home page</a>
        </p>
      </section>
    </Page>
  )
}
