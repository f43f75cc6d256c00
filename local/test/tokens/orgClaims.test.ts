import { describe, expect, it } from 'vitest'
import { type OrgClaimsV2, orgClaimsV1, orgClaimsV2, packPermissions } from '../../src/tokens/orgClaims.js'

/**
 * The decoding clerk-sdk-contract §3 describes, written from the spec: org features are the `fea` entries whose
 * scope contains "o"; bit j (LSB = 0) of the i-th `fpm` number grants `org:<feature_i>:<per_j>`.
 */
function decodeV2(claims: OrgClaimsV2): { orgRole: string; permissions: string[] } {
  const features = (claims.fea ?? '')
    .split(',')
    .filter(Boolean)
    .map((entry) => entry.trim().split(':') as [string, string])
    .filter(([scope]) => scope.includes('o'))
    .map(([, feature]) => feature)
  const per = claims.o.per ? claims.o.per.split(',') : []
  const fpm = claims.o.fpm ? claims.o.fpm.split(',') : []
  const permissions: string[] = []
  features.forEach((feature, i) => {
    const mask = BigInt(fpm[i] ?? '0')
    per.forEach((action, j) => {
      if ((mask >> BigInt(j)) & 1n) permissions.push(`org:${feature}:${action}`)
    })
  })
  return { orgRole: `org:${claims.o.rol}`, permissions }
}

const org = (role: string, permissions: string[]) => ({ id: 'org_1', slug: 'acme', role, permissions })

describe('v2 organization claims', () => {
  const rows: Array<[string, string[]]> = [
    ['no custom permissions', []],
    ['one permission', ['org:invoices:read']],
    ['two actions on one feature', ['org:invoices:read', 'org:invoices:manage']],
    ['spec example', ['org:dashboard:manage', 'org:dashboard:read', 'org:teams:read']],
    ['actions shared across features', ['org:a:read', 'org:b:read', 'org:b:write', 'org:c:write', 'org:c:delete']],
    ['duplicates collapse', ['org:x:read', 'org:x:read']],
    ['60 actions (past 53 bits)', Array.from({ length: 60 }, (_, i) => `org:big:act${String(i).padStart(2, '0')}`)],
  ]

  it.each(rows)('round-trips %s', (_name, permissions) => {
    const claims = orgClaimsV2(org('org:admin', permissions))
    const decoded = decodeV2(claims)
    expect(decoded.orgRole).toBe('org:admin')
    expect(decoded.permissions.sort()).toEqual([...new Set(permissions)].sort())
  })

  it('encodes the spec example exactly', () => {
    expect(orgClaimsV2(org('org:member', ['org:teams:read', 'org:dashboard:read', 'org:dashboard:manage']))).toEqual({
      o: { id: 'org_1', slg: 'acme', rol: 'member', per: 'manage,read', fpm: '3,2' },
      fea: 'o:dashboard,o:teams',
    })
  })

  it('leaves per, fpm and fea out without custom permissions', () => {
    expect(orgClaimsV2(org('org:billing_manager', []))).toEqual({
      o: { id: 'org_1', slg: 'acme', rol: 'billing_manager' },
    })
  })

  it('gives the same claims whatever the order of the permissions', () => {
    const a = orgClaimsV2(org('org:admin', ['org:b:write', 'org:a:read', 'org:b:read']))
    const b = orgClaimsV2(org('org:admin', ['org:b:read', 'org:b:write', 'org:a:read']))
    expect(a).toEqual(b)
    expect(a).toEqual({ o: { id: 'org_1', slg: 'acme', rol: 'admin', per: 'read,write', fpm: '1,3' }, fea: 'o:a,o:b' })
  })

  it('packs a 60-action mask as an exact decimal', () => {
    const permissions = Array.from({ length: 60 }, (_, i) => `org:big:act${String(i).padStart(2, '0')}`)
    expect(packPermissions(permissions).masks).toEqual([((1n << 60n) - 1n).toString()])
  })
})

describe('v1 organization claims', () => {
  it('carries id, slug, the prefixed role and the permissions', () => {
    expect(orgClaimsV1(org('org:admin', ['org:invoices:read']))).toEqual({
      org_id: 'org_1',
      org_slug: 'acme',
      org_role: 'org:admin',
      org_permissions: ['org:invoices:read'],
    })
  })
})
