// clerkClient.redirectUrls: the URLs the instance may redirect to after sign-in besides its own origins.
import { defineApi } from '../defineApi.js'
import type { DeletedObject } from '../resources/deletedObject.js'
import type { PaginatedResourceResponse } from '../resources/deserialize.js'
import { RedirectUrl } from '../resources/redirectUrl.js'

export interface CreateRedirectUrlParams {
  url: string
}

export interface RedirectUrlAPI {
  getRedirectUrlList(): Promise<PaginatedResourceResponse<RedirectUrl[]>>
  getRedirectUrl(redirectUrlId: string): Promise<RedirectUrl>
  createRedirectUrl(params: CreateRedirectUrlParams): Promise<RedirectUrl>
  deleteRedirectUrl(redirectUrlId: string): Promise<DeletedObject>
}

export const redirectUrls = defineApi<RedirectUrlAPI>('redirectUrls', 'RedirectUrlAPI', {
  getRedirectUrlList: {
    method: 'GET',
    path: '/redirect_urls',
    args: [],
    fixedQuery: { paginated: true },
    returns: { page: RedirectUrl },
  },
  getRedirectUrl: {
    method: 'GET',
    path: '/redirect_urls/{redirectUrlId}',
    args: ['redirectUrlId'],
    returns: RedirectUrl,
  },
  createRedirectUrl: { method: 'POST', path: '/redirect_urls', args: ['...params'], returns: RedirectUrl },
  deleteRedirectUrl: {
    method: 'DELETE',
    path: '/redirect_urls/{redirectUrlId}',
    args: ['redirectUrlId'],
    returns: 'DeletedObject',
  },
})
