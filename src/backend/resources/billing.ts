// Billing (Clerk's beta): plans, features, and a payer's subscription with its items. Amounts and totals are plain
// data objects with camelCased keys, as @clerk/backend hands them out.
import { camelKeysDeep } from '../casing.js'
import type { Fields } from './fields.js'

export type BillingSubscriptionItemStatus =
  'abandoned' | 'active' | 'canceled' | 'ended' | 'expired' | 'incomplete' | 'past_due' | 'upcoming'

export interface BillingMoneyAmountJSON {
  amount: number
  amount_formatted: string
  currency: string
  currency_symbol: string
}

export interface BillingMoneyAmount {
  amount: number
  amountFormatted: string
  currency: string
  currencySymbol: string
}

export interface BillingPerUnitTotal {
  name: string
  blockSize: number
  tiers: { quantity: number | null; feePerBlock: BillingMoneyAmount; total: BillingMoneyAmount }[]
}

/** Subtotal, taxes and what is due; discounts, credits and per-period totals where the API sends them. */
export interface BillingTotals {
  subtotal: BillingMoneyAmount
  baseFee?: BillingMoneyAmount | null
  taxTotal: BillingMoneyAmount
  grandTotal: BillingMoneyAmount
  totalDueNow?: BillingMoneyAmount
  perUnitTotals?: BillingPerUnitTotal[]
  [more: string]: unknown
}

export interface BillingPayment {
  date: number
  amount: BillingMoneyAmount
  perUnitTotals?: BillingPerUnitTotal[]
  totals?: BillingTotals
}

export interface BillingSubscriptionItemSeats {
  quantity: number | null
  tiers?: { quantity: number | null; feePerBlock: BillingMoneyAmount; total: BillingMoneyAmount }[]
}

/** Payment JSON as sent: amounts, per-unit and overall totals with snake_case keys. */
export interface BillingPaymentJSON {
  date: number
  amount: BillingMoneyAmountJSON
  per_unit_totals?: object[]
  totals?: object
}

export interface FeatureJSON {
  object: 'feature'
  id: string
  name: string
  description?: string | null
  slug: string
  avatar_url?: string | null
}

export interface BillingPlanJSON {
  object: 'commerce_plan'
  id: string
  name: string
  slug: string
  description: string | null
  is_default: boolean
  is_recurring: boolean
  has_base_fee: boolean
  publicly_visible: boolean
  fee: BillingMoneyAmountJSON | null
  annual_fee: BillingMoneyAmountJSON | null
  annual_monthly_fee: BillingMoneyAmountJSON | null
  for_payer_type: 'org' | 'user'
  features?: FeatureJSON[]
  free_trial_days: number | null
  free_trial_enabled: boolean
  avatar_url: string | null
}

export interface BillingSubscriptionItemJSON {
  object: 'commerce_subscription_item'
  id: string
  instance_id: string
  status: BillingSubscriptionItemStatus
  plan_period: 'month' | 'annual'
  payer_id?: string
  price_id?: string
  period_start: number
  period_end: number | null
  is_free_trial: boolean
  ended_at: number | null
  created_at: number
  updated_at: number
  canceled_at: number | null
  past_due_at: number | null
  lifetime_paid?: BillingMoneyAmountJSON | null
  next_payment?: BillingPaymentJSON | null
  amount?: BillingMoneyAmountJSON | null
  plan?: BillingPlanJSON | null
  plan_id?: string | null
  seats?: object
}

export interface BillingSubscriptionJSON {
  object: 'commerce_subscription'
  id: string
  instance_id: string
  status: 'active' | 'past_due' | 'canceled' | 'ended' | 'abandoned' | 'incomplete'
  payer_id: string
  created_at: number
  updated_at: number
  active_at: number | null
  past_due_at: number | null
  subscription_items: BillingSubscriptionItemJSON[]
  next_payment?: BillingPaymentJSON
  eligible_for_free_trial?: boolean
}

export class Feature {
  declare readonly id: string
  declare readonly name: string
  declare readonly description: string | null
  declare readonly slug: string
  declare readonly avatarUrl: string | null

  constructor(fields: Fields<Feature>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: FeatureJSON): Feature {
    return new Feature({
      id: data.id,
      name: data.name,
      description: data.description ?? null,
      slug: data.slug,
      avatarUrl: data.avatar_url ?? null,
    })
  }
}

export class BillingPlan {
  declare readonly id: string
  declare readonly name: string
  declare readonly slug: string
  declare readonly description: string | null
  declare readonly isDefault: boolean
  declare readonly isRecurring: boolean
  declare readonly hasBaseFee: boolean
  declare readonly publiclyVisible: boolean
  declare readonly fee: BillingMoneyAmount | null
  declare readonly annualFee: BillingMoneyAmount | null
  declare readonly annualMonthlyFee: BillingMoneyAmount | null
  declare readonly forPayerType: 'org' | 'user'
  declare readonly features: Feature[]
  declare readonly avatarUrl: string | null
  declare readonly freeTrialDays: number | null
  declare readonly freeTrialEnabled: boolean

  constructor(fields: Fields<BillingPlan>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: BillingPlanJSON): BillingPlan {
    return new BillingPlan({
      id: data.id,
      name: data.name,
      slug: data.slug,
      description: data.description ?? null,
      isDefault: data.is_default,
      isRecurring: data.is_recurring,
      hasBaseFee: data.has_base_fee,
      publiclyVisible: data.publicly_visible,
      fee: money(data.fee),
      annualFee: money(data.annual_fee),
      annualMonthlyFee: money(data.annual_monthly_fee),
      forPayerType: data.for_payer_type,
      features: (data.features ?? []).map(Feature.fromJSON),
      avatarUrl: data.avatar_url,
      freeTrialDays: data.free_trial_days,
      freeTrialEnabled: data.free_trial_enabled,
    })
  }
}

export class BillingSubscriptionItem {
  declare readonly id: string
  declare readonly instanceId: string
  declare readonly status: BillingSubscriptionItemStatus
  declare readonly planPeriod: 'month' | 'annual'
  declare readonly periodStart: number
  declare readonly nextPayment: BillingPayment | null | undefined
  declare readonly amount: BillingMoneyAmount | undefined
  declare readonly plan: BillingPlan | null
  declare readonly planId: string | null
  declare readonly priceId: string | null
  declare readonly createdAt: number
  declare readonly updatedAt: number
  declare readonly periodEnd: number | null
  declare readonly canceledAt: number | null
  declare readonly pastDueAt: number | null
  declare readonly endedAt: number | null
  declare readonly payerId: string | undefined
  declare readonly isFreeTrial: boolean
  declare readonly lifetimePaid?: BillingMoneyAmount | undefined
  declare readonly seats?: BillingSubscriptionItemSeats | undefined

  constructor(fields: Fields<BillingSubscriptionItem>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: BillingSubscriptionItemJSON): BillingSubscriptionItem {
    return new BillingSubscriptionItem({
      id: data.id,
      instanceId: data.instance_id,
      status: data.status,
      planPeriod: data.plan_period,
      periodStart: data.period_start,
      nextPayment: data.next_payment ? payment(data.next_payment) : data.next_payment,
      amount: money(data.amount) ?? undefined,
      plan: data.plan ? BillingPlan.fromJSON(data.plan) : null,
      planId: data.plan_id ?? null,
      priceId: data.price_id ?? null,
      createdAt: data.created_at,
      updatedAt: data.updated_at,
      periodEnd: data.period_end,
      canceledAt: data.canceled_at,
      pastDueAt: data.past_due_at,
      endedAt: data.ended_at,
      payerId: data.payer_id,
      isFreeTrial: data.is_free_trial,
      lifetimePaid: money(data.lifetime_paid) ?? undefined,
      seats: data.seats ? camelKeysDeep<BillingSubscriptionItemSeats>(data.seats) : undefined,
    })
  }
}

export class BillingSubscription {
  declare readonly id: string
  declare readonly instanceId: string
  declare readonly status: BillingSubscriptionJSON['status']
  declare readonly payerId: string
  declare readonly createdAt: number
  declare readonly updatedAt: number
  declare readonly activeAt: number | null
  declare readonly pastDueAt: number | null
  declare readonly subscriptionItems: BillingSubscriptionItem[]
  declare readonly nextPayment: BillingPayment | null
  declare readonly eligibleForFreeTrial: boolean

  constructor(fields: Fields<BillingSubscription>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: BillingSubscriptionJSON): BillingSubscription {
    return new BillingSubscription({
      id: data.id,
      instanceId: data.instance_id,
      status: data.status,
      payerId: data.payer_id,
      createdAt: data.created_at,
      updatedAt: data.updated_at,
      activeAt: data.active_at ?? null,
      pastDueAt: data.past_due_at ?? null,
      subscriptionItems: (data.subscription_items ?? []).map(BillingSubscriptionItem.fromJSON),
      nextPayment: data.next_payment ? payment(data.next_payment) : null,
      eligibleForFreeTrial: data.eligible_for_free_trial ?? false,
    })
  }
}

/** Totals name the parts that may be missing (base fee, credits, discounts) as null, as @clerk/backend does. */
function payment(json: BillingPaymentJSON): BillingPayment {
  const result = camelKeysDeep<BillingPayment>(json)
  const totals = json.totals as { base_fee?: unknown; credits?: unknown; discounts?: unknown } | undefined
  if (result.totals && totals) {
    result.totals.baseFee = totals.base_fee ? result.totals.baseFee : null
    result.totals.credits = totals.credits ? result.totals.credits : null
    result.totals.discounts = totals.discounts ? result.totals.discounts : null
  }
  return result
}

function money(amount: BillingMoneyAmountJSON | null | undefined): BillingMoneyAmount | null {
  return amount ? camelKeysDeep<BillingMoneyAmount>(amount) : null
}
