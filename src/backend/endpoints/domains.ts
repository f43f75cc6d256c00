// clerkClient.domains: the instance's primary and satellite domains. Keys of these parameters are Clerk's own
// (snake_case), as in @clerk/backend.
import { defineApi } from '../defineApi.js'
import { DeletedObject } from '../resources/deletedObject.js'
import type { PaginatedResourceResponse } from '../resources/deserialize.js'
import { Domain } from '../resources/domain.js'

export interface AddDomainParams {
  name: string
  is_satellite: boolean
  proxy_url?: string | null
}

export interface UpdateDomainParams {
  domainId: string
  name?: string
  proxy_url?: string | null
  is_secondary?: boolean | null
}

export interface DomainAPI {
  list(): Promise<PaginatedResourceResponse<Domain[]>>
  add(params: AddDomainParams): Promise<Domain>
  update(params: UpdateDomainParams): Promise<Domain>
  /** The same as `deleteDomain`. */
  delete(domainId: string): Promise<DeletedObject>
  deleteDomain(domainId: string): Promise<DeletedObject>
}

const DOMAIN = '/domains/{domainId}'

export const domains = defineApi<DomainAPI>('domains', 'DomainAPI', {
  list: { method: 'GET', path: '/domains', args: [], returns: { page: Domain } },
  add: { method: 'POST', path: '/domains', args: ['...params'], returns: Domain },
  update: { method: 'PATCH', path: DOMAIN, args: ['...params'], returns: Domain },
  delete: { method: 'DELETE', path: DOMAIN, args: ['domainId'], returns: DeletedObject },
  deleteDomain: { method: 'DELETE', path: DOMAIN, args: ['domainId'], returns: DeletedObject },
})
