// /users: the app's own users table, which Clerk's webhooks keep in sync (routes/api.webhooks.ts): what an app sees
// of users without calling the Backend API.
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Card } from '~/components/Card'
import { formatTime } from '~/lib/formatTime'
import { requireAuth } from '~/lib/requireAuth.server'
import { readSyncedUsers } from '~/lib/webhookUsers.server'

export const meta: MetaFunction = () => [{ title: 'Users · remix-clerk example' }]

export async function loader(args: LoaderFunctionArgs) {
  await requireAuth(args)
  return json({ users: await readSyncedUsers() }, { headers: { 'Cache-Control': 'no-store' } })
}

export default function UsersPage() {
  const { users } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>Users</h1>
      <p className="lead">
        The app&apos;s own table, written by its webhook route (<code>/api/webhooks</code>) from the{' '}
        <code>user.created</code>, <code>user.updated</code> and <code>user.deleted</code> events, each checked with{' '}
        <code>verifyWebhook</code> from <code>remix-clerk/webhooks</code>. Sign up, and the new user appears here.
      </p>
      <Card id="synced-users" title={`${users.length} ${users.length === 1 ? 'user' : 'users'}`}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">E-mail address</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id} data-testid="synced-user">
                <td>{user.name ?? '—'}</td>
                <td>{user.email ?? '—'}</td>
                <td>{formatTime(user.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </>
  )
}
