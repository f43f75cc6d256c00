import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getAuth } from 'remix-clerk/ssr.server'
import { Card } from '~/components/Card'
import { Fields } from '~/components/Fields'
import { signInUrl } from '~/lib/frontendApi.server'

export async function loader(args: LoaderFunctionArgs) {
  const { userId, sessionId, orgId, orgRole, isAuthenticated } = await getAuth(args)
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
          This page is public. Its loader calls <code>getAuth(args)</code> and shows what it sees. Sign in on the local
          backend and the protected pages open up: the dashboard reads the user through the Backend API and an action
          mints a JWT from a template.
        </p>
        <div className="hero__actions">
          {auth.isAuthenticated ? (
            <Link className="button button--primary" to="/dashboard">
              Open the dashboard
            </Link>
          ) : signInToDashboard ? (
            <a className="button button--primary" href={signInToDashboard}>
              Sign in and open the dashboard
            </a>
          ) : (
            <p className="notice">
              No sign-in page is configured: set <code>CLERK_SIGN_IN_URL</code> to your Clerk sign-in page.
            </p>
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
              The sign-in page on the local backend starts a session and sends the browser back through Clerk&apos;s
              handshake, which sets the <code>__session</code> and <code>__client_uat</code> cookies on this app.
            </li>
            <li>
              Every loader calls <code>getAuth(args)</code>: the session token is verified locally with the
              instance&apos;s key, no request leaves the server.
            </li>
            <li>
              When the token expires, the next page load goes through the handshake again and comes back with a fresh
              one; you stay signed in.
            </li>
          </ol>
        </Card>
      </div>
    </>
  )
}
