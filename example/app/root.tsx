import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import {
  isRouteErrorResponse,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import type { ReactNode } from 'react'
import { rootAuthLoader } from 'remix-clerk/ssr.server'
import { localClerkScriptUrl, signInUrl, signOutUrl } from './lib/frontendApi.server'
import { displayName } from './lib/displayName'
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
 * rootAuthLoader authenticates every page once, adds `clerkState` for a browser SDK, and hands the callback
 * `request.auth` and (with `loadUser`) `request.user` for the header.
 */
export const loader = (args: LoaderFunctionArgs) =>
  rootAuthLoader(
    args,
    ({ request }) => {
      const { userId, orgSlug, orgRole } = request.auth
      const home = new URL('/', request.url).href
      return {
        viewer: userId
          ? { userId, name: displayName(request.user), orgSlug: orgSlug ?? null, orgRole: orgRole ?? null }
          : null,
        signInUrl: signInUrl(request.url),
        // Back to the public home page: the current page may be one that needs a user.
        signOutUrl: signOutUrl(home),
        localClerkScript: localClerkScriptUrl(),
      }
    },
    { loadUser: true as const },
  )

export function Layout({ children }: { children: ReactNode }) {
  // Undefined when the root loader itself failed: the error page still gets the header, without the auth state.
  const data = useRouteLoaderData<typeof loader>('root')
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        {data?.localClerkScript ? <script src={data.localClerkScript} defer /> : null}
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <div className="site-header__inner">
            <a className="brand" href="/">
              <span className="brand__mark" aria-hidden="true">
                ◆
              </span>
              remix-clerk <span className="brand__suffix">example</span>
            </a>
            <nav aria-label="Main">
              <ul className="nav">
                <li>
                  <NavLink to="/" end>
                    Home
                  </NavLink>
                </li>
                <li>
                  <NavLink to="/dashboard">Dashboard</NavLink>
                </li>
                <li>
                  <NavLink to="/organization">Organization</NavLink>
                </li>
              </ul>
            </nav>
            {data ? <AuthStatus {...data} /> : null}
          </div>
        </header>
        <main id="main" className="container">
          {children}
        </main>
        <footer className="site-footer container">
          <p>
            Server-side auth with <code>remix-clerk</code>; users, sessions and tokens from{' '}
            <code>remix-clerk-local</code>.
          </p>
        </footer>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  )
}

interface AuthStatusProps {
  viewer: { userId: string; name: string; orgSlug: string | null; orgRole: string | null } | null
  signInUrl: string | null
  signOutUrl: string | null
}

function AuthStatus({ viewer, signInUrl, signOutUrl }: AuthStatusProps) {
  if (!viewer) {
    return (
      <div className="auth-status" data-testid="auth-status" data-state="signed-out">
        <span className="status-dot status-dot--off" aria-hidden="true" />
        <span>Signed out</span>
        {signInUrl ? (
          <a className="button button--primary" href={signInUrl}>
            Sign in
          </a>
        ) : null}
      </div>
    )
  }
  return (
    <div className="auth-status" data-testid="auth-status" data-state="signed-in">
      <span className="status-dot status-dot--on" aria-hidden="true" />
      <span>
        <span className="visually-hidden">Signed in as </span>
        <strong data-testid="viewer-name">{viewer.name}</strong>
        {viewer.orgSlug ? (
          <span className="auth-status__org">
            {' '}
            in {viewer.orgSlug} ({viewer.orgRole})
          </span>
        ) : null}
      </span>
      {signOutUrl ? (
        <a className="button" href={signOutUrl}>
          Sign out
        </a>
      ) : null}
    </div>
  )
}

export default function App() {
  return <Outlet />
}

export function ErrorBoundary() {
  const error = useRouteError()
  const [title, detail] = isRouteErrorResponse(error)
    ? [`${error.status} ${error.statusText}`, typeof error.data === 'string' ? error.data : JSON.stringify(error.data)]
    : ['Something went wrong', error instanceof Error ? error.message : String(error)]
  return (
    <section className="card card--error" role="alert">
      <h1>{title}</h1>
      <p>{detail}</p>
      <p>
        <a href="/">Back to the home page</a>
      </p>
    </section>
  )
}
