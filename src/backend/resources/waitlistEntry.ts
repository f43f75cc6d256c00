// An e-mail address on the instance's waitlist, and the invitation it was sent once let in.
import type { Fields } from './fields.js'
import { Invitation, type InvitationJSON } from './invitation.js'

export type WaitlistEntryStatus = 'pending' | 'invited' | 'completed' | 'rejected'

export interface WaitlistEntryJSON {
  object: 'waitlist_entry'
  id: string
  status: WaitlistEntryStatus
  email_address: string
  invitation: InvitationJSON | null
  is_locked: boolean
  created_at: number
  updated_at: number
}

export class WaitlistEntry {
  declare readonly id: string
  declare readonly emailAddress: string
  declare readonly status: WaitlistEntryStatus
  declare readonly invitation: Invitation | null
  declare readonly createdAt: number
  declare readonly updatedAt: number
  declare readonly isLocked?: boolean | undefined

  constructor(fields: Fields<WaitlistEntry>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: WaitlistEntryJSON): WaitlistEntry {
    return new WaitlistEntry({
      id: data.id,
      emailAddress: data.email_address,
      status: data.status,
      invitation: data.invitation && Invitation.fromJSON(data.invitation),
      createdAt: data.created_at,
      updatedAt: data.updated_at,
      isLocked: data.is_locked,
    })
  }
}
