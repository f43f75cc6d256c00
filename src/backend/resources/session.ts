import type { Fields } from './fields.js'

export type SessionStatus =
  'active' | 'revoked' | 'ended' | 'expired' | 'removed' | 'abandoned' | 'replaced' | 'pending'

export interface SessionActivityJSON {
  object?: string
  id: string
  is_mobile: boolean
  device_type?: string | null
  browser_name?: string | null
  browser_version?: string | null
  ip_address?: string | null
  city?: string | null
  country?: string | null
}

export interface SessionJSON {
  object: 'session'
  id: string
  client_id: string
  user_id: string
  status: SessionStatus
  last_active_at: number
  expire_at: number
  abandon_at: number
  created_at: number
  updated_at: number
  last_active_organization_id?: string | null
  latest_activity?: SessionActivityJSON | null
  actor?: Record<string, unknown> | null
}

/** Optional fields are passed through as sent (null or absent), like @clerk/backend. */
export class SessionActivity {
  declare readonly id: string
  declare readonly isMobile: boolean
  declare readonly ipAddress?: string | null | undefined
  declare readonly city?: string | null | undefined
  declare readonly country?: string | null | undefined
  declare readonly browserVersion?: string | null | undefined
  declare readonly browserName?: string | null | undefined
  declare readonly deviceType?: string | null | undefined

  constructor(fields: Fields<SessionActivity>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: SessionActivityJSON): SessionActivity {
    return new SessionActivity({
      id: data.id,
      isMobile: data.is_mobile,
      ipAddress: data.ip_address,
      city: data.city,
      country: data.country,
      browserVersion: data.browser_version,
      browserName: data.browser_name,
      deviceType: data.device_type,
    })
  }
}

/** Timestamps are Unix milliseconds, as the Backend API sends them. */
export class Session {
  declare readonly id: string
  declare readonly clientId: string
  declare readonly userId: string
  declare readonly status: SessionStatus
  declare readonly lastActiveAt: number
  declare readonly expireAt: number
  declare readonly abandonAt: number
  declare readonly createdAt: number
  declare readonly updatedAt: number
  declare readonly lastActiveOrganizationId?: string | null | undefined
  /** Null when the Backend API sends null, absent when it sends nothing: as @clerk/backend passes it on. */
  declare readonly latestActivity?: SessionActivity | null | undefined
  /** The impersonator's claims when an actor token started the session, else null. */
  declare readonly actor: Record<string, unknown> | null

  constructor(fields: Fields<Session>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: SessionJSON): Session {
    return new Session({
      id: data.id,
      clientId: data.client_id,
      userId: data.user_id,
      status: data.status,
      lastActiveAt: data.last_active_at,
      expireAt: data.expire_at,
      abandonAt: data.abandon_at,
      createdAt: data.created_at,
      updatedAt: data.updated_at,
      lastActiveOrganizationId: data.last_active_organization_id,
      latestActivity: data.latest_activity ? SessionActivity.fromJSON(data.latest_activity) : data.latest_activity,
      actor: data.actor ?? null,
    })
  }
}
