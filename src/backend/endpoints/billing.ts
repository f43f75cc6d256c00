// clerkClient.billing (Clerk's beta): plans, and the subscriptions of users and organizations.
import { defineApi } from '../defineApi.js'
import { BillingPlan, BillingSubscription, BillingSubscriptionItem } from '../resources/billing.js'
import type { PaginatedResourceResponse } from '../resources/deserialize.js'
import type { PaginationParams } from './pagination.js'

export interface GetPlanListParams extends PaginationParams {
  payerType: 'org' | 'user'
}

export interface CancelSubscriptionItemParams {
  endNow?: boolean
}

export interface ExtendSubscriptionItemFreeTrialParams {
  extendTo: Date
}

export interface BillingAPI {
  getPlanList(params?: GetPlanListParams): Promise<PaginatedResourceResponse<BillingPlan[]>>
  cancelSubscriptionItem(
    subscriptionItemId: string,
    params?: CancelSubscriptionItemParams,
  ): Promise<BillingSubscriptionItem>
  extendSubscriptionItemFreeTrial(
    subscriptionItemId: string,
    params: ExtendSubscriptionItemFreeTrialParams,
  ): Promise<BillingSubscriptionItem>
  getOrganizationBillingSubscription(organizationId: string): Promise<BillingSubscription>
  getUserBillingSubscription(userId: string): Promise<BillingSubscription>
}

const ITEM = '/billing/subscription_items/{subscriptionItemId}'

export const billing = defineApi<BillingAPI>('billing', 'BillingAPI', {
  getPlanList: { method: 'GET', path: '/billing/plans', args: ['...params?'], returns: { page: BillingPlan } },
  cancelSubscriptionItem: {
    method: 'DELETE',
    path: ITEM,
    args: ['subscriptionItemId', '...params?'],
    returns: BillingSubscriptionItem,
  },
  extendSubscriptionItemFreeTrial: {
    method: 'POST',
    path: `${ITEM}/extend_free_trial`,
    args: ['subscriptionItemId', '...params'],
    returns: BillingSubscriptionItem,
  },
  getOrganizationBillingSubscription: {
    method: 'GET',
    path: '/organizations/{organizationId}/billing/subscription',
    args: ['organizationId'],
    returns: BillingSubscription,
  },
  getUserBillingSubscription: {
    method: 'GET',
    path: '/users/{userId}/billing/subscription',
    args: ['userId'],
    returns: BillingSubscription,
  },
})
