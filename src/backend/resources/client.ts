// A browser's Clerk client: the sessions it holds and its sign-in or sign-up in progress.
import type { Fields } from './fields.js'
import { Session, type SessionJSON } from './session.js'

export interface ClientJSON {
  object: 'client'
  id: string
  session_ids: string[]
  sessions: SessionJSON[]
  sign_in_id: string | null
  sign_up_id: string | null
  last_active_session_id: string | null
  /** The strategy the client last signed in with (`password`, `email_code`, `oauth_google`, …). */
  last_authentication_strategy: string | null
  created_at: number
  updated_at: number
}

export class Client {
  declare readonly id: string
  declare readonly sessionIds: string[]
  declare readonly sessions: Session[]
  declare readonly signInId: string | null
  declare readonly signUpId: string | null
  declare readonly lastActiveSessionId: string | null
  declare readonly lastAuthenticationStrategy: string | null
  declare readonly createdAt: number
  declare readonly updatedAt: number

  constructor(fields: Fields<Client>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: ClientJSON): Client {
    return new Client({
      id: data.id,
      sessionIds: data.session_ids,
      sessions: (data.sessions ?? []).map(Session.fromJSON),
      signInId: data.sign_in_id,
      signUpId: data.sign_up_id,
      lastActiveSessionId: data.last_active_session_id,
      lastAuthenticationStrategy: data.last_authentication_strategy,
      createdAt: data.created_at,
      updatedAt: data.updated_at,
    })
  }
}
