// clerkClient.proxyChecks: checking that a proxy in front of a domain's Frontend API works.
import { defineApi } from '../defineApi.js'
import { ProxyCheck } from '../resources/domain.js'

export interface VerifyProxyParams {
  domainId: string
  proxyUrl: string
}

export interface ProxyCheckAPI {
  verify(params: VerifyProxyParams): Promise<ProxyCheck>
}

export const proxyChecks = defineApi<ProxyCheckAPI>('proxyChecks', 'ProxyCheckAPI', {
  verify: { method: 'POST', path: '/proxy_checks', args: ['...params'], returns: ProxyCheck },
})
