/**
 * Organization claims of a session token. v2 packs custom permissions `org:<feature>:<action>` into
 * `fea` ("o:<feature>" list), `o.per` (action names) and `o.fpm` (per feature, a decimal bitmask over `per`, bit k =
 * k-th action), which the SDKs unpack back into the same permission strings. System permissions are not carried,
 * as on Clerk.
 */

export interface ActiveOrganization {
  id: string
  slug: string
  /** `org:admin` style. */
  role: string
  /** Custom permissions of the membership (no `org:sys_…`). */
  permissions: readonly string[]
}

export interface OrgClaimsV1 {
  org_id: string
  org_slug: string
  org_role: string
  org_permissions: string[]
}

export interface OrgClaimsV2 {
  o: { id: string; slg: string; rol: string; per?: string; fpm?: string }
  fea?: string
}

export function orgClaimsV1(org: ActiveOrganization): OrgClaimsV1 {
  return { org_id: org.id, org_slug: org.slug, org_role: org.role, org_permissions: [...org.permissions] }
}

export function orgClaimsV2(org: ActiveOrganization): OrgClaimsV2 {
  const o: OrgClaimsV2['o'] = { id: org.id, slg: org.slug, rol: org.role.replace(/^org:/, '') }
  const packed = packPermissions(org.permissions)
  if (packed.features.length === 0) return { o }
  o.per = packed.actions.join(',')
  o.fpm = packed.masks.join(',')
  return { o, fea: packed.features.map((feature) => `o:${feature}`).join(',') }
}

interface PackedPermissions {
  /** Sorted, so equal permission sets always give equal claims. */
  features: string[]
  actions: string[]
  /** Decimal strings: BigInt keeps bits past 53 actions exact. */
  masks: string[]
}

/** @internal Exported for tests: masks past 53 actions, which need BigInt, are checked on this alone. */
export function packPermissions(permissions: readonly string[]): PackedPermissions {
  const byFeature = new Map<string, Set<string>>()
  for (const permission of permissions) {
    const [scope, feature, action] = permission.split(':')
    if (scope !== 'org' || !feature || !action) continue
    let actions = byFeature.get(feature)
    if (!actions) byFeature.set(feature, (actions = new Set()))
    actions.add(action)
  }
  const features = [...byFeature.keys()].sort()
  const actions = [...new Set([...byFeature.values()].flatMap((set) => [...set]))].sort()
  const masks = features.map((feature) => {
    let mask = 0n
    for (const action of byFeature.get(feature)!) mask |= 1n << BigInt(actions.indexOf(action))
    return mask.toString()
  })
  return { features, actions, masks }
}
