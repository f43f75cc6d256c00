// The signed-in browser of benchmark 1 and of its diagnostics (bench/firstSeenGap.mjs, bench/profileGetAuth.mjs):
// a session on a local instance, its cookies as Clerk sets them after a handshake, and a page request carrying them.
import { mintSessionTokens } from './sessionTokens.mjs'

const PAGE_URL = 'http://127.0.0.1:3000/dashboard'

/** A session on the local instance and what a browser's cookies for it look like (plain and suffixed, as Clerk sets them). */
export async function signedInSession(clerk) {
  // Loaded here, not at the top: only the benchmarks that sign in need the testing helpers.
  const { signIn } = await import('remix-clerk-local/testing')
  const { userId, sessionId, token, headers } = await signIn(clerk, { user: 'ada@example.com' }, PAGE_URL)
  const [before, between, after] = headers.get('cookie').split(token)
  if (after === undefined)
    throw new Error('expected the session token twice in the signed-in cookies (plain and suffixed)')
  const origin = new URL(PAGE_URL).origin
  return {
    userId,
    token,
    cookieFor: (jwt) => `${before}${jwt}${between}${jwt}${after}`,
    /** `count` session tokens no cache has seen yet. */
    mint: (count) => mintSessionTokens(clerk, sessionId, count, { origin }),
  }
}

/** A GET document request for the page, with `cookie` as its Cookie header. */
export function newRequest(cookie) {
  return new Request(PAGE_URL, { headers: { cookie, accept: 'text/html', 'sec-fetch-dest': 'document' } })
}
