// GET /api/get-token: a resource route (no UI) for scripts and fetch calls. Signed in, it answers `{ token }` with
// the Token from `sessions.getToken(sessionId, 'test')` as it is (JSON: `{"token":{"jwt":"…"}}`); signed out, a 401.
import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { getAuth } from 'remix-clerk/ssr.server'
import { AUTH_OPTIONS } from '~/lib/authOptions.server'
import { clerkClient } from '~/lib/clerkClient.server'

export async function loader(args: LoaderFunctionArgs) {
  const { sessionId } = await getAuth(args, AUTH_OPTIONS)
  // no-store: both answers depend on the caller's cookies.
  const headers = { 'Cache-Control': 'no-store' }
  if (!sessionId) return json({ message: 'Unauthorized' }, { status: 401, headers })
  const token = await clerkClient().sessions.getToken(sessionId, 'test')
  return json({ token }, { headers })
}
