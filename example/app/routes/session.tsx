// /session: the session token this request was authenticated with, its claims and its cookies.
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Card } from '~/components/Card'
import { Fields } from '~/components/Fields'
import { formatTime } from '~/lib/formatTime'
import { requireAuth } from '~/lib/requireAuth.server'

export const meta: MetaFunction = () => [{ title: 'Session token · remix-clerk example' }]

/**
 * The session token this request was authenticated with. When the browser's token had expired (a tab left open
 * without ClerkJS, or JavaScript off), getAuth exchanged it on the server for a new one through the `__refresh`
 * cookie: no redirect, and the new cookies go out with this page (rootAuthLoader appends them).
 */
export async function loader(args: LoaderFunctionArgs) {
  const auth = await requireAuth(args)
  const token = await auth.getToken()
  const sent = args.request.headers.get('cookie') ?? ''
  const claims = auth.sessionClaims
  return json({
    sessionId: auth.sessionId,
    issuedAt: (claims.iat ?? 0) * 1000,
    expiresAt: claims.exp * 1000,
    refreshedOnServer: token !== null && !sent.includes(token),
  })
}

export default function SessionPage() {
  const { sessionId, issuedAt, expiresAt, refreshedOnServer } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>Session token</h1>
      <p className="lead">
        Session tokens live a minute. ClerkJS keeps the cookie fresh while a tab is open; when it could not (JavaScript
        off, a tab asleep), the server refreshes an expired token with the <code>__refresh</code> cookie, without a
        redirect.
      </p>
      <Card id="session-token" title="This request's token" tone={refreshedOnServer ? 'accent' : 'default'}>
        <Fields
          fields={[
            { label: 'Session ID', value: <code>{sessionId}</code>, testId: 'session-id' },
            { label: 'Issued', value: formatTime(issuedAt), testId: 'token-issued' },
            { label: 'Expires', value: formatTime(expiresAt) },
          ]}
        />
        <p data-testid="token-source">
          {refreshedOnServer
            ? 'Refreshed on the server for this page load (__refresh cookie).'
            : 'The token the browser sent.'}
        </p>
      </Card>
    </>
  )
}
