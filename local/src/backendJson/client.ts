// A browser client in the Backend API's JSON (`/v1/clients`): its sessions, newest first, and the sign-in or sign-up
// it has in progress. The `__client` cookie value is a credential and never appears.
import type { Store } from '../store/index.js'
import type { ClientRecord } from '../store/clientStore.js'
import { sessionJson } from './session.js'

/** Sessions shown per client: far more than one browser collects. */
const MAX_SESSIONS = 100

export function clientJson(store: Store, client: ClientRecord, now: number) {
  const sessions = store.sessions.list({ client_id: client.id }, now, MAX_SESSIONS, 0)
  const active = sessions.find((session) => session.status === 'active')
  return {
    object: 'client',
    id: client.id,
    session_ids: sessions.map((session) => session.id),
    sessions: sessions.map(sessionJson),
    sign_in_id: store.attempts.currentSignIn(client.id, now)?.id ?? null,
    sign_up_id: store.attempts.currentSignUp(client.id, now)?.id ?? null,
    last_active_session_id: active?.id ?? null,
    last_authentication_strategy: null,
    created_at: client.created_at,
    updated_at: client.updated_at,
  }
}
