// A session in the Backend API's JSON, as Clerk's SDK types expect it.
import type { SessionRecord } from '../store/sessionStore.js'

export function sessionJson(session: SessionRecord) {
  return {
    object: 'session',
    id: session.id,
    user_id: session.user_id,
    client_id: session.client_id,
    status: session.status,
    last_active_organization_id: session.last_active_organization_id,
    actor: session.actor,
    latest_activity: null,
    // The one task remix-clerk-local models: a pending session is waiting for its user to choose an organization.
    tasks: session.status === 'pending' ? [{ key: 'choose-organization' }] : null,
    last_active_at: session.last_active_at,
    expire_at: session.expire_at,
    abandon_at: session.abandon_at,
    created_at: session.created_at,
    updated_at: session.updated_at,
  }
}
