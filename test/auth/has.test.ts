import { createCheckAuthorization as upstreamHeadHas } from '@clerk/shared/authorization'
import { __experimental_JWTPayloadToAuthObjectProperties as upstreamClaims } from '@clerk/shared/jwtPayloadParser'
import { describe, expect, it } from 'vitest'
import { signedInAuthObject } from '../../src/auth/authObject.js'
import { sessionAuthFields } from '../../src/auth/claims.js'
import type { JwtPayload } from '../../src/jwt/decodeJwt.js'
import type { CheckAuthorizationParams } from '../../src/auth/has.js'

const base = { sub: 'user_1', sid: 'sess_1', exp: 2_000_000_000, iat: 1_999_999_940 }

const V1_ORG: JwtPayload = {
  ...base,
  org_id: 'org_1',
  org_role: 'org:admin',
  org_slug: 'acme',
  org_permissions: ['org:reports:read', 'org:reports:manage', 'org:teams:manage'],
  fva: [3, 5],
}

// Same organization in v2 form: fpm "3" grants reports read+manage, "2" grants teams manage.
const V2_ORG: JwtPayload = {
  ...base,
  v: 2,
  o: { id: 'org_1', slg: 'acme', rol: 'admin', per: 'read,manage', fpm: '3,2' },
  fea: 'o:reports,o:teams,u:export,ou:sso',
  pla: 'u:free,o:pro',
  fva: [3, 5],
}

const has = (claims: JwtPayload) => signedInAuthObject({ sessionClaims: claims, sessionToken: 't' }).has

describe('claims → auth fields', () => {
  it('reads v1 organization claims', () => {
    expect(sessionAuthFields(V1_ORG)).toEqual({
      sessionId: 'sess_1',
      sessionStatus: null,
      userId: 'user_1',
      actor: undefined,
      orgId: 'org_1',
      orgRole: 'org:admin',
      orgSlug: 'acme',
      orgPermissions: ['org:reports:read', 'org:reports:manage', 'org:teams:manage'],
      factorVerificationAge: [3, 5],
    })
  })

  it('reads v2 organization claims and expands fpm bitmasks', () => {
    expect(sessionAuthFields(V2_ORG)).toMatchObject({
      orgId: 'org_1',
      orgRole: 'org:admin',
      orgSlug: 'acme',
      orgPermissions: ['org:reports:read', 'org:reports:manage', 'org:teams:manage'],
    })
  })

  it.each([
    ['v2 without o', { ...base, v: 2, fea: 'o:reports' }],
    ['v1 without org', { ...base }],
  ])('leaves org fields undefined for %s', (_name, claims) => {
    expect(sessionAuthFields(claims)).toMatchObject({
      orgId: undefined,
      orgRole: undefined,
      orgSlug: undefined,
      orgPermissions: undefined,
    })
  })

  const v2 = (o: Record<string, unknown>, fea?: string): JwtPayload => ({
    ...base,
    v: 2,
    o: { id: 'org_1', ...o },
    fea,
  })

  it.each([
    ['per and fpm missing → []', v2({ rol: 'admin' }, 'o:reports')],
    ['the example of the spec', v2({ per: 'read,manage', fpm: '3' }, 'o:impersonation')],
    ['user-scoped features skipped in fpm order', v2({ per: 'a,b', fpm: '1,2' }, 'u:x,o:first,uo:second')],
    ['more masks than features', v2({ per: 'a', fpm: '1,1,1' }, 'o:only')],
    [
      'a mask past 2^53',
      v2({ per: Array.from({ length: 60 }, (_, i) => `p${i}`).join(','), fpm: String(2n ** 59n + 1n) }, 'o:big'),
    ],
    ['a non-numeric mask', v2({ per: 'a,b', fpm: 'x,3' }, 'o:one,o:two')],
    ['spaces around entries', v2({ per: ' a , b ', fpm: ' 3 ' }, ' o:spaced ')],
  ])('matches @clerk/shared for %s', (_name, claims) => {
    const upstream = upstreamClaims(claims as never)
    expect(sessionAuthFields(claims).orgPermissions).toEqual(upstream.orgPermissions)
  })

  it('expands a bitmask past 2^53 exactly', () => {
    const per = Array.from({ length: 60 }, (_, i) => `p${i}`).join(',')
    expect(sessionAuthFields(v2({ per, fpm: String(2n ** 59n + 1n) }, 'o:big')).orgPermissions).toEqual([
      'org:big:p0',
      'org:big:p59',
    ])
  })

  it('skips a fea entry without a colon instead of throwing (upstream throws)', () => {
    const claims = v2({ per: 'read', fpm: '1,1' }, 'o:reports,broken,o:teams')
    expect(() => upstreamClaims(claims as never)).toThrow('Invalid claim element (missing colon): broken')
    expect(sessionAuthFields(claims).orgPermissions).toEqual(['org:reports:read', 'org:teams:read'])
  })
})

interface HasCase {
  name: string
  claims: JwtPayload
  params: CheckAuthorizationParams
  expected: boolean
}

const NO_ORG: JwtPayload = { ...base, v: 2, fea: 'u:export', pla: 'u:free', fva: [3, 5] }
const fva = (first: number, second: number): JwtPayload => ({ ...base, fva: [first, second] })

const cases: HasCase[] = [
  // Organization role and permission, v1 and v2 alike
  ...[V1_ORG, V2_ORG].flatMap((claims) => {
    const v = claims.v === 2 ? 'v2' : 'v1'
    return [
      { name: `${v} role org:admin`, claims, params: { role: 'org:admin' }, expected: true },
      { name: `${v} role without prefix`, claims, params: { role: 'admin' }, expected: true },
      { name: `${v} another role`, claims, params: { role: 'org:member' }, expected: false },
      { name: `${v} permission`, claims, params: { permission: 'org:reports:read' }, expected: true },
      { name: `${v} permission without prefix`, claims, params: { permission: 'teams:manage' }, expected: true },
      { name: `${v} missing permission`, claims, params: { permission: 'org:teams:read' }, expected: false },
      {
        name: `${v} role and permission both held`,
        claims,
        params: { role: 'admin', permission: 'org:teams:manage' },
        expected: true,
      },
      {
        name: `${v} role held, permission not`,
        claims,
        params: { role: 'admin', permission: 'org:x:y' },
        expected: false,
      },
    ]
  }),
  { name: 'role without an organization', claims: NO_ORG, params: { role: 'org:admin' }, expected: false },
  {
    name: 'permission without an organization',
    claims: NO_ORG,
    params: { permission: 'org:reports:read' },
    expected: false,
  },
  { name: 'a non-string role', claims: V1_ORG, params: { role: 1 as unknown as string }, expected: false },
  // Features
  { name: 'bare user feature', claims: V2_ORG, params: { feature: 'export' }, expected: true },
  { name: 'user:feature', claims: V2_ORG, params: { feature: 'user:export' }, expected: true },
  { name: 'u:feature', claims: V2_ORG, params: { feature: 'u:export' }, expected: true },
  { name: 'org scope for a user feature', claims: V2_ORG, params: { feature: 'org:export' }, expected: false },
  { name: 'org:feature', claims: V2_ORG, params: { feature: 'org:reports' }, expected: true },
  { name: 'organization:feature', claims: V2_ORG, params: { feature: 'organization:teams' }, expected: true },
  { name: 'ou feature as org', claims: V2_ORG, params: { feature: 'org:sso' }, expected: true },
  { name: 'ou feature as user', claims: V2_ORG, params: { feature: 'user:sso' }, expected: true },
  { name: 'an unknown scope', claims: V2_ORG, params: { feature: 'team:reports' }, expected: false },
  { name: 'a feature not held', claims: V2_ORG, params: { feature: 'billing' }, expected: false },
  { name: 'a feature with no fea claim', claims: V1_ORG, params: { feature: 'export' }, expected: false },
  // Plans
  { name: 'bare user plan', claims: V2_ORG, params: { plan: 'free' }, expected: true },
  { name: 'org:plan', claims: V2_ORG, params: { plan: 'org:pro' }, expected: true },
  { name: 'user scope for an org plan', claims: V2_ORG, params: { plan: 'user:pro' }, expected: false },
  { name: 'a plan with no pla claim', claims: V1_ORG, params: { plan: 'free' }, expected: false },
  { name: 'feature and plan both held', claims: V2_ORG, params: { feature: 'export', plan: 'free' }, expected: true },
  {
    name: 'feature held, plan not',
    claims: V2_ORG,
    params: { feature: 'export', plan: 'enterprise' },
    expected: false,
  },
  // Reverification
  {
    name: 'strict with a fresh second factor',
    claims: fva(30, 5),
    params: { reverification: 'strict' },
    expected: true,
  },
  {
    name: 'strict with a stale second factor',
    claims: fva(3, 15),
    params: { reverification: 'strict' },
    expected: false,
  },
  {
    name: 'strict without a second factor uses the first',
    claims: fva(3, -1),
    params: { reverification: 'strict' },
    expected: true,
  },
  { name: 'strict_mfa with both fresh', claims: fva(3, 5), params: { reverification: 'strict_mfa' }, expected: true },
  {
    name: 'strict_mfa with a stale first factor',
    claims: fva(20, 5),
    params: { reverification: 'strict_mfa' },
    expected: false,
  },
  {
    name: 'strict_mfa without a second factor',
    claims: fva(3, -1),
    params: { reverification: 'strict_mfa' },
    expected: true,
  },
  {
    name: 'strict_mfa without a first factor',
    claims: fva(-1, 3),
    params: { reverification: 'strict_mfa' },
    expected: false,
  },
  { name: 'moderate at 59 minutes', claims: fva(100, 59), params: { reverification: 'moderate' }, expected: true },
  { name: 'moderate at 60 minutes', claims: fva(100, 60), params: { reverification: 'moderate' }, expected: false },
  { name: 'lax at 1 439 minutes', claims: fva(1_439, -1), params: { reverification: 'lax' }, expected: true },
  { name: 'lax at 1 440 minutes', claims: fva(1_440, -1), params: { reverification: 'lax' }, expected: false },
  {
    name: 'custom first factor within',
    claims: fva(3, -1),
    params: { reverification: { level: 'first_factor', afterMinutes: 4 } },
    expected: true,
  },
  {
    name: 'custom first factor at the limit',
    claims: fva(3, -1),
    params: { reverification: { level: 'first_factor', afterMinutes: 3 } },
    expected: false,
  },
  {
    name: 'custom second factor with only a second factor',
    claims: fva(-1, 3),
    params: { reverification: { level: 'second_factor', afterMinutes: 10 } },
    expected: true,
  },
  { name: 'no factor ever verified', claims: fva(-1, -1), params: { reverification: 'lax' }, expected: false },
  { name: 'no fva claim', claims: { ...base }, params: { reverification: 'lax' }, expected: false },
  {
    name: 'a malformed fva',
    claims: { ...base, fva: [1] as never },
    params: { reverification: 'lax' },
    expected: false,
  },
  { name: 'an unknown preset', claims: fva(0, 0), params: { reverification: 'super' as never }, expected: false },
  {
    name: 'an unknown level',
    claims: fva(0, 0),
    params: { reverification: { level: 'third_factor' as never, afterMinutes: 10 } },
    expected: false,
  },
  {
    name: 'afterMinutes 0',
    claims: fva(0, 0),
    params: { reverification: { level: 'first_factor', afterMinutes: 0 } },
    expected: false,
  },
  // Dimensions together: every asked dimension must pass
  {
    name: 'role held and fresh factor',
    claims: V1_ORG,
    params: { role: 'admin', reverification: 'strict' },
    expected: true,
  },
  {
    name: 'role held but no fva (fail-closed)',
    claims: { ...V1_ORG, fva: undefined },
    params: { role: 'admin', reverification: 'strict' },
    expected: false,
  },
  {
    name: 'feature held but no organization for the role (fail-closed)',
    claims: NO_ORG,
    params: { role: 'admin', feature: 'export' },
    expected: false,
  },
  {
    name: 'role held and feature held',
    claims: V2_ORG,
    params: { role: 'admin', feature: 'org:reports' },
    expected: true,
  },
  { name: 'nothing asked', claims: V2_ORG, params: {}, expected: false },
]

describe('has()', () => {
  it.each(cases)('$name → $expected', ({ claims, params, expected }) => {
    expect(has(claims)(params)).toBe(expected)
  })

  it('agrees with the fail-closed upstream (@clerk/shared 4) on every case', () => {
    const disagreements = cases
      .filter(({ claims, params, expected }) => {
        const fields = upstreamClaims(claims as never)
        const upstream = upstreamHeadHas({
          ...fields,
          features: (claims.fea as string | undefined) || '',
          plans: (claims.pla as string | undefined) || '',
        } as never)
        return upstream(params as never) !== expected
      })
      .map(({ name }) => name)
    expect(disagreements).toEqual([])
  })

  it('keeps valid features usable next to an entry without a colon (upstream denies them all)', () => {
    const claims: JwtPayload = { ...base, v: 2, fea: 'u:export,broken,o:reports', pla: 'u:free' }
    expect(has(claims)({ feature: 'export' })).toBe(true)
    expect(has(claims)({ feature: 'broken' })).toBe(false)
    expect(upstreamHeadHas({ userId: 'user_1', features: claims.fea as string } as never)({ feature: 'export' })).toBe(
      false,
    )
  })

  it('denies for null, undefined or a non-object argument instead of throwing', () => {
    const check = has(V2_ORG) as (params: unknown) => boolean
    for (const params of [null, undefined, 'admin', 42]) expect(check(params)).toBe(false)
  })
})
