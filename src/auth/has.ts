// `auth.has()`: role, permission, feature, plan and reverification checks on the session claims.
// Each asked dimension must pass on its own; one that cannot be decided (no organization, no `fea`,
// no `fva`, a malformed value) denies. Nothing asked denies too. This is the fail-closed rule of newer
// upstream releases; @clerk/remix 4 let `{ role, reverification }` pass with `fva` missing.
import { scopedEntries, type ScopedEntries } from './claims.js'

type ReverificationLevel = 'first_factor' | 'second_factor' | 'multi_factor'
type ReverificationPreset = 'strict_mfa' | 'strict' | 'moderate' | 'lax'
export type ReverificationConfig = ReverificationPreset | { level: ReverificationLevel; afterMinutes: number }

export interface CheckAuthorizationParams {
  /** Organization role, with or without the `org:` prefix. */
  role?: string
  /** Organization permission, with or without the `org:` prefix. */
  permission?: string
  /** `org:<feature>`, `user:<feature>` or a bare name (either scope). */
  feature?: string
  /** `org:<plan>`, `user:<plan>` or a bare name (either scope). */
  plan?: string
  /** How recently the user must have verified a factor. */
  reverification?: ReverificationConfig
}

export type CheckAuthorization = (params: CheckAuthorizationParams) => boolean

export interface AuthorizationClaims {
  userId: string | null | undefined
  orgId: string | null | undefined
  orgRole: string | null | undefined
  orgPermissions: readonly string[] | null | undefined
  factorVerificationAge: unknown
  /** The raw `fea` claim. */
  features: unknown
  /** The raw `pla` claim. */
  plans: unknown
}

type Outcome = 'pass' | 'fail' | 'skip'

const PRESETS: Record<ReverificationPreset, { level: ReverificationLevel; afterMinutes: number }> = {
  strict_mfa: { level: 'multi_factor', afterMinutes: 10 },
  strict: { level: 'second_factor', afterMinutes: 10 },
  moderate: { level: 'second_factor', afterMinutes: 60 },
  lax: { level: 'second_factor', afterMinutes: 1_440 },
}
const LEVELS = new Set<unknown>(['first_factor', 'second_factor', 'multi_factor'])
const ORG_SCOPES = new Set(['o', 'org', 'organization'])
const USER_SCOPES = new Set(['u', 'user'])

export function createCheckAuthorization(claims: AuthorizationClaims): CheckAuthorization {
  // `fea`/`pla` are parsed on first use and then reused: has() is often called several times a request.
  let features: ScopedEntries | undefined
  let plans: ScopedEntries | undefined
  return (params) => {
    if (!claims.userId || typeof params !== 'object' || params === null) return false
    const outcomes = [
      checkOrganization(params, claims),
      checkEntitlement(params.feature, claims.features, () => (features ??= scopedEntries(claims.features))),
      checkEntitlement(params.plan, claims.plans, () => (plans ??= scopedEntries(claims.plans))),
      checkReverification(params.reverification, claims.factorVerificationAge),
    ]
    return outcomes.includes('pass') && !outcomes.includes('fail')
  }
}

function checkOrganization(params: CheckAuthorizationParams, claims: AuthorizationClaims): Outcome {
  const { role, permission } = params
  if (role === undefined && permission === undefined) return 'skip'
  if (!claims.orgId) return 'fail'
  if (role !== undefined) {
    if (typeof role !== 'string' || typeof claims.orgRole !== 'string' || !claims.orgRole) return 'fail'
    if (withOrgPrefix(claims.orgRole) !== withOrgPrefix(role)) return 'fail'
  }
  if (permission !== undefined) {
    if (typeof permission !== 'string' || !Array.isArray(claims.orgPermissions)) return 'fail'
    if (!claims.orgPermissions.includes(withOrgPrefix(permission))) return 'fail'
  }
  return 'pass'
}

/** `feature` against `fea`, or `plan` against `pla`. */
function checkEntitlement(asked: unknown, claim: unknown, entries: () => ScopedEntries): Outcome {
  if (asked === undefined) return 'skip'
  if (typeof asked !== 'string' || typeof claim !== 'string' || claim === '') return 'fail'
  const { org, user } = entries()
  const colon = asked.indexOf(':')
  if (colon === -1) return org.includes(asked) || user.includes(asked) ? 'pass' : 'fail'
  const scope = asked.slice(0, colon)
  const name = asked.slice(colon + 1)
  if (ORG_SCOPES.has(scope)) return org.includes(name) ? 'pass' : 'fail'
  if (USER_SCOPES.has(scope)) return user.includes(name) ? 'pass' : 'fail'
  return 'fail'
}

function checkReverification(config: unknown, factorVerificationAge: unknown): Outcome {
  if (config === undefined) return 'skip'
  const requirement = reverificationRequirement(config)
  if (!requirement || !Array.isArray(factorVerificationAge) || factorVerificationAge.length !== 2) return 'fail'
  const [first, second] = factorVerificationAge as unknown[]
  if (!isFactorAge(first) || !isFactorAge(second) || (first === -1 && second === -1)) return 'fail'

  // -1 means "never verified"; a factor is fresh when verified less than afterMinutes ago.
  const { level, afterMinutes } = requirement
  const firstFresh = first !== -1 && afterMinutes > first
  const secondFresh = second !== -1 && afterMinutes > second
  let fresh: boolean
  switch (level) {
    case 'first_factor':
      fresh = firstFresh
      break
    case 'second_factor':
      // Without a second factor enabled, the first one is what the user can reverify with.
      fresh = second === -1 ? firstFresh : secondFresh
      break
    case 'multi_factor':
      fresh = second === -1 ? firstFresh : first !== -1 && firstFresh && secondFresh
      break
  }
  return fresh ? 'pass' : 'fail'
}

function reverificationRequirement(config: unknown): { level: ReverificationLevel; afterMinutes: number } | undefined {
  if (typeof config === 'string')
    return Object.hasOwn(PRESETS, config) ? PRESETS[config as ReverificationPreset] : undefined
  if (typeof config !== 'object' || config === null) return undefined
  const { level, afterMinutes } = config as { level?: unknown; afterMinutes?: unknown }
  if (!LEVELS.has(level) || typeof afterMinutes !== 'number' || !(afterMinutes > 0)) return undefined
  return { level: level as ReverificationLevel, afterMinutes }
}

function isFactorAge(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && (value === -1 || value >= 0)
}

function withOrgPrefix(value: string): string {
  return value.replace(/^(org:)*/, 'org:')
}
