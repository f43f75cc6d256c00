// Browser clients (what the `__client` cookie names) and their sessions.
import type { Core } from '../core/core.js'
import { newId, randomBase62 } from '../shared/ids.js'
import type { ClientRecord } from '../store/clientStore.js'
import type { SessionRecord } from '../store/sessionStore.js'
import { type SessionExtras, endClientSessions, startSession } from './sessions.js'
import { assertMaySignIn } from './userAccess.js'

/** 43 base62 characters: about 256 bits, a credential nobody guesses. */
const COOKIE_TOKEN_LENGTH = 43

/** A new browser client with the token its `__client` cookie will carry. */
export function createBrowserClient(core: Core): ClientRecord {
  const now = core.now()
  const client: ClientRecord = {
    id: newId('client'),
    cookie_token: randomBase62(COOKIE_TOKEN_LENGTH),
    created_at: now,
    updated_at: now,
  }
  core.store.transaction(() => core.store.clients.insert(client))
  return client
}

/** No browser holds the client any more (`DELETE /v1/client`): its cookie value stops working. */
export function detachClient(core: Core, client: ClientRecord): void {
  core.store.clients.setCookieToken(client.id, null)
}

/** The client a `__client` cookie names, if the cookie is one we issued. */
export function clientForCookie(core: Core, token: string | undefined): ClientRecord | undefined {
  return token ? core.store.clients.byCookieToken(token) : undefined
}

/** The session the browser is signed in with: its client's newest active one. */
export function currentSession(core: Core, client: ClientRecord): SessionRecord | undefined {
  return core.store.sessions.latestActiveForClient(client.id, core.now())
}

/**
 * Signs the browser in as `userId`. One user per browser, as in Clerk's single-session mode: whoever was signed in
 * on this client is signed out first. The client's `updated_at` moves, so `__client_uat` tells every tab's
 * server that older session tokens are stale.
 */
function signInClient(
  core: Core,
  client: ClientRecord,
  userId: string,
  organizationId?: string,
  extra?: SessionExtras,
): SessionRecord {
  const { store } = core
  return store.transaction(() => {
    const now = core.now()
    endClientSessions(core, client.id, now)
    const session = startSession(core, userId, organizationId, client.id, extra)
    store.clients.touch(client.id, now)
    return session
  })
}

/**
 * Signs a browser in on a client created for this sign-in. The `__client` cookie the browser came with may have
 * been planted by someone else (cookies are shared by every port of a host), who would then receive this session
 * through the handshake; so that client never gets it. Its active sessions end instead, as signing in replaces
 * whoever was signed in on the browser. If the sign-in fails, nothing changes.
 */
export function signInOnFreshClient(
  core: Core,
  previous: ClientRecord | undefined,
  userId: string,
  organizationId?: string,
  extra?: SessionExtras,
): { client: ClientRecord; session: SessionRecord } {
  // Every browser sign-in comes here: a banned, locked or restricted user gets no session, whatever the flow.
  assertMaySignIn(core, userId)
  return core.store.transaction(() => {
    if (previous) signOutClient(core, previous)
    const client = createBrowserClient(core)
    return { client, session: signInClient(core, client, userId, organizationId, extra) }
  })
}

/** Ends the client's sessions (status `ended`); returns how many were active. */
export function signOutClient(core: Core, client: ClientRecord): number {
  const { store } = core
  return store.transaction(() => {
    const now = core.now()
    const ended = endClientSessions(core, client.id, now).length
    if (ended > 0) store.clients.touch(client.id, now)
    return ended
  })
}
