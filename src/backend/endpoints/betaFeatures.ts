// clerkClient.betaFeatures: moving a production instance to another domain.
import { defineApi } from '../defineApi.js'

export interface ChangeDomainParams {
  homeUrl?: string
  isSecondary?: boolean
}

export interface BetaFeaturesAPI {
  changeDomain(params: ChangeDomainParams): Promise<void>
}

export const betaFeatures = defineApi<BetaFeaturesAPI>('betaFeatures', 'BetaFeaturesAPI', {
  changeDomain: { method: 'POST', path: '/beta_features/change_domain', args: ['...params'], returns: 'void' },
})
