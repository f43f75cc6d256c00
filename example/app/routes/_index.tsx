// /: what the server sees about the visitor, signed in or not, and where to go next.
import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getAuth } from 'remix-clerk/ssr.server'
import { AUTH_OPTIONS } from '~/lib/authOptions.server'
import { Card } from '~/components/Card'
import { Fields } from '~/components/Fields'
import { signInUrl } from '~/lib/frontendApi.server'

export async function loader(args: LoaderFunctionArgs) {
  const { userId, sessionId, orgId, orgRole, isAuthenticated } = await getAuth(args, AUTH_OPTIONS)
  return json({
    auth: { isAuthenticated, userId, sessionId, orgId, orgRole: orgRole ?? null },
    signInToDashboard: signInUrl(new URL('/dashboard', args.request.url).href),
  })
}

export default function Home() {
  const { auth, signInToDashboard } = useLoaderData<typeof loader>()
  return (
    <>
      <section className="hero">
        <h1>Clerk sessions in Remix loaders, with no account and no network</h1>
        <p className="lead">
          This page is public. Its loader calls <code>getAuth(args)</code> and shows what it sees. Sign in with
          Clerk&apos;s own components, served by the local backend, and the protected pages open up: the dashboard reads
          the user through the Backend API and an action mints a JWT from a template.
        </p>
        <div className="hero__actions">
          {auth.isAuthenticated ? (
            <Link className="button button--primary" to="/dashboard">
              Open the dashboard
            </Link>
          ) : (
            <Link className="button button--primary" to={signInToDashboard}>
              Sign in and open the dashboard
            </Link>
          )}
          <Link className="button" to="/organization">
            Check organization roles
          </Link>
        </div>
      </section>

      <div className="grid">
        <Card id="auth-state" title="What getAuth() sees" tone={auth.isAuthenticated ? 'accent' : 'muted'}>
          <Fields
            fields={[
              {
                label: 'State',
                value: auth.isAuthenticated ? 'Signed in' : 'Signed out',
                testId: 'auth-state-value',
              },
              { label: 'User ID', value: auth.userId && <code>{auth.userId}</code>, testId: 'auth-user-id' },
              { label: 'Session ID', value: auth.sessionId && <code>{auth.sessionId}</code> },
              { label: 'Organization', value: auth.orgId && <code>{auth.orgId}</code> },
              { label: 'Role', value: auth.orgRole && <code>{auth.orgRole}</code> },
            ]}
          />
        </Card>

        <Card id="how-it-works" title="How it works">
          <ol className="steps">
            <li>
              Clerk&apos;s <code>&lt;SignIn/&gt;</code> (ClerkJS, loaded from the local backend) signs in against the
              local Frontend API and writes the <code>__session</code> cookie on this app; the backend sets{' '}
              <code>__client_uat</code>.
            </li>
            <li>
              Every loader calls <code>getAuth(args)</code>: the session token is verified locally with the
              instance&apos;s key, no request leaves the server.
            </li>
            <li>
              ClerkJS keeps the token fresh while a tab is open; after a tab was closed, the next page load goes through
              Clerk&apos;s handshake and comes back with a fresh one. You stay signed in.
            </li>
          </ol>
        </Card>
      </div>
    </>
  )
}
