// /dashboard: the user and session through the Backend API, and an action that mints a JWT template token.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { decodeJwt, decodeProtectedHeader } from 'jose'
import { ClerkAPIResponseError } from 'remix-clerk/api.server'
import { Card } from '~/components/Card'
import { Fields } from '~/components/Fields'
import { Json } from '~/components/Json'
import { clerkClient } from '~/lib/clerkClient.server'
import { primaryEmail } from '~/lib/displayName'
import { formatTime } from '~/lib/formatTime'
import { requireAuth } from '~/lib/requireAuth.server'

/** The JWT template the action mints from; `npm start` seeds it. */
const TEMPLATE = 'test'

export const meta: MetaFunction = () => [{ title: 'Dashboard · remix-clerk example' }]

export async function loader(args: LoaderFunctionArgs) {
  const auth = await requireAuth(args)
  const clerk = clerkClient()
  const [user, session] = await Promise.all([
    clerk.users.getUser(auth.userId),
    clerk.sessions.getSession(auth.sessionId),
  ])
  // Only what the page shows goes into the page data: a User also carries private metadata.
  return json({
    user: {
      id: user.id,
      name: [user.firstName, user.lastName].filter(Boolean).join(' ') || null,
      email: primaryEmail(user),
      username: user.username,
      createdAt: user.createdAt,
      lastSignInAt: user.lastSignInAt,
    },
    session: { id: session.id, status: session.status, lastActiveAt: session.lastActiveAt, expireAt: session.expireAt },
    organization: auth.orgId
      ? {
          id: auth.orgId,
          slug: auth.orgSlug ?? null,
          role: auth.orgRole ?? null,
          permissions: auth.orgPermissions ?? [],
        }
      : null,
    claims: auth.sessionClaims,
  })
}

/** Mints a `test` template token for this session through the Backend API and shows it decoded. */
export async function action(args: ActionFunctionArgs) {
  const { sessionId } = await requireAuth(args)
  try {
    const token = await clerkClient().sessions.getToken(sessionId, TEMPLATE)
    return json({
      ok: true as const,
      jwt: token.jwt,
      header: decodeProtectedHeader(token.jwt),
      claims: decodeJwt(token.jwt),
    })
  } catch (error) {
    if (error instanceof ClerkAPIResponseError && error.status === 404) {
      const message = `No JWT template named "${TEMPLATE}" exists on this instance. Create one (npm start seeds it) and try again.`
      return json({ ok: false as const, message }, { status: 404 })
    }
    throw error
  }
}

export default function Dashboard() {
  const { user, session, organization, claims } = useLoaderData<typeof loader>()
  const minted = useActionData<typeof action>()
  const minting = useNavigation().state === 'submitting'

  return (
    <>
      <h1>Dashboard</h1>
      <p className="lead">
        A protected page: its loader calls <code>getAuth(args)</code> and redirects to the sign-in page when nobody is
        signed in.
      </p>

      <div className="grid">
        <Card
          id="user"
          title="User"
          description={
            <>
              From <code>users.getUser(userId)</code>
            </>
          }
        >
          <Fields
            fields={[
              { label: 'User ID', value: <code>{user.id}</code>, testId: 'user-id' },
              { label: 'Name', value: user.name },
              { label: 'E-mail', value: user.email, testId: 'user-email' },
              { label: 'Username', value: user.username },
              { label: 'Created', value: formatTime(user.createdAt) },
              { label: 'Last sign-in', value: user.lastSignInAt && formatTime(user.lastSignInAt) },
            ]}
          />
        </Card>

        <Card
          id="session"
          title="Session"
          description={
            <>
              From <code>sessions.getSession(sessionId)</code>
            </>
          }
        >
          <Fields
            fields={[
              { label: 'Session ID', value: <code>{session.id}</code>, testId: 'session-id' },
              { label: 'Status', value: <span className="badge">{session.status}</span> },
              { label: 'Last active', value: formatTime(session.lastActiveAt) },
              { label: 'Expires', value: formatTime(session.expireAt) },
            ]}
          />
        </Card>

        <Card id="organization" title="Active organization" description="From the session token's claims">
          {organization ? (
            <Fields
              fields={[
                { label: 'Organization ID', value: <code>{organization.id}</code>, testId: 'org-id' },
                { label: 'Slug', value: organization.slug },
                { label: 'Role', value: organization.role && <code>{organization.role}</code>, testId: 'org-role' },
                {
                  label: 'Permissions',
                  value: organization.permissions.length ? (
                    <ul className="chips">
                      {organization.permissions.map((permission) => (
                        <li key={permission}>
                          <code>{permission}</code>
                        </li>
                      ))}
                    </ul>
                  ) : null,
                },
              ]}
            />
          ) : (
            <p className="muted" data-testid="no-org">
              No active organization. Pick one with the organization switcher at the top to see organization claims.
            </p>
          )}
        </Card>
      </div>

      <Card
        id="claims"
        title="Session token claims"
        description={
          <>
            The verified <code>__session</code> JWT, as <code>sessionClaims</code>
          </>
        }
      >
        <Json value={claims} label="Session token claims" testId="session-claims" />
      </Card>

      <Card
        id="template-token"
        title="Template token"
        tone="accent"
        description={
          <>
            The action calls <code>sessions.getToken(sessionId, &apos;{TEMPLATE}&apos;)</code> and decodes the JWT with
            jose.
          </>
        }
      >
        <Form method="post" className="form-row">
          <button type="submit" className="button button--primary" disabled={minting}>
            {minting ? 'Minting…' : `Mint a “${TEMPLATE}” token`}
          </button>
        </Form>
        <div aria-live="polite">
          {minted?.ok === false ? (
            <p className="notice notice--error" role="alert">
              {minted.message}
            </p>
          ) : null}
          {minted?.ok ? (
            <div className="token" data-testid="minted-token">
              <h3>JWT</h3>
              <pre className="code code--wrap" aria-label="Template token (JWT)" data-testid="token-jwt">
                <code>{minted.jwt}</code>
              </pre>
              <div className="grid grid--two">
                <div>
                  <h3>Header</h3>
                  <Json value={minted.header} label="Decoded JWT header" testId="token-header" />
                </div>
                <div>
                  <h3>Claims</h3>
                  <Json value={minted.claims} label="Decoded JWT claims" testId="token-claims" />
                </div>
              </div>
            </div>
          ) : null}
        </div>
      </Card>
    </>
  )
}
