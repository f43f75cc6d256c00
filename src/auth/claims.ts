// Reads the auth fields out of verified session claims, for both claim versions:
// v1 carries `org_id`, `org_role`, `org_slug`, `org_permissions`; v2 (`v: 2`) packs the organization in
// `o` and derives permissions from `fea` (features), `o.per` (permission names) and `o.fpm` (bitmasks).
import type { ActClaim, JwtPayload, SessionStatusClaim } from '../jwt/decodeJwt.js'

export interface SessionAuthFields {
  sessionId: string
  sessionStatus: SessionStatusClaim | null
  userId: string
  actor: ActClaim | undefined
  orgId: string | undefined
  orgRole: string | undefined
  orgSlug: string | undefined
  orgPermissions: string[] | undefined
  factorVerificationAge: [firstFactorAge: number, secondFactorAge: number] | null
}

export function sessionAuthFields(claims: JwtPayload): SessionAuthFields {
  const org = claims.v === 2 ? orgFromV2(claims) : orgFromV1(claims)
  return {
    sessionId: claims.sid as string,
    sessionStatus: claims.sts ?? null,
    userId: claims.sub,
    actor: claims.act,
    ...org,
    factorVerificationAge: claims.fva ?? null,
  }
}

type OrgFields = Pick<SessionAuthFields, 'orgId' | 'orgRole' | 'orgSlug' | 'orgPermissions'>

function orgFromV1(claims: JwtPayload): OrgFields {
  const permissions = claims.org_permissions
  return {
    orgId: stringOrUndefined(claims.org_id),
    orgRole: stringOrUndefined(claims.org_role),
    orgSlug: stringOrUndefined(claims.org_slug),
    orgPermissions: Array.isArray(permissions)
      ? permissions.filter((permission): permission is string => typeof permission === 'string')
      : undefined,
  }
}

function orgFromV2(claims: JwtPayload): OrgFields {
  const o = claims.o
  if (typeof o !== 'object' || o === null) {
    return { orgId: undefined, orgRole: undefined, orgSlug: undefined, orgPermissions: undefined }
  }
  const { id, slg, rol, per, fpm } = o as Record<string, unknown>
  const role = stringOrUndefined(rol)
  return {
    orgId: stringOrUndefined(id),
    orgSlug: stringOrUndefined(slg),
    orgRole: role ? `org:${role}` : undefined,
    orgPermissions: orgPermissionsFromV2(scopedEntries(claims.fea).org, per, fpm),
  }
}

/**
 * `fpm` holds one decimal bitmask per organization feature (in `fea` order); bit k (least significant
 * first) grants `org:<feature>:<per[k]>`. `fea "o:teams", per "read,manage", fpm "3"` grants both.
 */
function orgPermissionsFromV2(features: readonly string[], per: unknown, fpm: unknown): string[] {
  if (typeof per !== 'string' || typeof fpm !== 'string' || per === '' || fpm === '') return []
  const names = per.split(',').map((name) => name.trim())
  const masks = fpm.split(',').map((mask) => mask.trim())
  const permissions: string[] = []
  features.forEach((feature, index) => {
    const mask = masks[index]
    // BigInt: a mask may outgrow 2^53 once an instance defines more than 53 permissions.
    if (mask === undefined || !/^\d+$/.test(mask)) return
    const bits = BigInt(mask)
    names.forEach((name, bit) => {
      if ((bits >> BigInt(bit)) & 1n) permissions.push(`org:${feature}:${name}`)
    })
  })
  return permissions
}

export interface ScopedEntries {
  org: string[]
  user: string[]
}

/**
 * Splits a `fea`/`pla` claim (`"o:reports,u:export,ou:sso"`) by scope. An entry without a colon is
 * ignored rather than thrown on: one malformed entry must not deny the valid ones, nor crash `has()`.
 */
export function scopedEntries(claim: unknown): ScopedEntries {
  const entries: ScopedEntries = { org: [], user: [] }
  if (typeof claim !== 'string' || claim === '') return entries
  for (const raw of claim.split(',')) {
    const entry = raw.trim()
    const colon = entry.indexOf(':')
    if (colon === -1) continue
    const scope = entry.slice(0, colon)
    const name = entry.slice(colon + 1)
    if (scope === 'o' || scope === 'ou' || scope === 'uo') entries.org.push(name)
    if (scope === 'u' || scope === 'ou' || scope === 'uo') entries.user.push(name)
  }
  return entries
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}
