// clerkClient.waitlistEntries: the instance's waitlist, and letting people in from it.
import { defineApi } from '../defineApi.js'
import { DeletedObject } from '../resources/deletedObject.js'
import type { PaginatedResourceResponse } from '../resources/deserialize.js'
import { WaitlistEntry, type WaitlistEntryStatus } from '../resources/waitlistEntry.js'
import type { PaginationParams, WithSign } from './pagination.js'

export interface WaitlistEntryListParams extends PaginationParams {
  query?: string
  status?: WaitlistEntryStatus
  orderBy?: WithSign<'created_at' | 'invited_at' | 'email_address'>
}

export interface WaitlistEntryCreateParams {
  emailAddress: string
  notify?: boolean
}

export type WaitlistEntryBulkCreateParams = WaitlistEntryCreateParams[]

export interface WaitlistEntryInviteParams {
  ignoreExisting?: boolean
}

export interface WaitlistEntryAPI {
  list(params?: WaitlistEntryListParams): Promise<PaginatedResourceResponse<WaitlistEntry[]>>
  create(params: WaitlistEntryCreateParams): Promise<WaitlistEntry>
  createBulk(params: WaitlistEntryBulkCreateParams): Promise<WaitlistEntry[]>
  invite(id: string, params?: WaitlistEntryInviteParams): Promise<WaitlistEntry>
  reject(id: string): Promise<WaitlistEntry>
  delete(id: string): Promise<DeletedObject>
}

const ENTRY = '/waitlist_entries/{id}'

export const waitlistEntries = defineApi<WaitlistEntryAPI>('waitlistEntries', 'WaitlistEntryAPI', {
  list: { method: 'GET', path: '/waitlist_entries', args: ['...params?'], returns: { page: WaitlistEntry } },
  create: { method: 'POST', path: '/waitlist_entries', args: ['...params'], returns: WaitlistEntry },
  createBulk: { method: 'POST', path: '/waitlist_entries/bulk', args: ['params[]'], returns: { array: WaitlistEntry } },
  invite: { method: 'POST', path: `${ENTRY}/invite`, args: ['id', '...params?'], returns: WaitlistEntry },
  reject: { method: 'POST', path: `${ENTRY}/reject`, args: ['id'], returns: WaitlistEntry },
  delete: { method: 'DELETE', path: ENTRY, args: ['id'], returns: DeletedObject },
})
