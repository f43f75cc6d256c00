/**
 * Claims a template may not set: the default claims every template token gets. Clerk documents them as "cannot be
 * overridden" and rejects at least `sub` with `jwt_template_reserved_claim`; rejecting the whole set at create time
 * says so early instead of silently dropping the value at mint time.
 */
export const RESERVED_TEMPLATE_CLAIMS: readonly string[] = ['azp', 'exp', 'iat', 'iss', 'jti', 'nbf', 'sub']

export function findReservedClaim(claims: Readonly<Record<string, unknown>>): string | undefined {
  return RESERVED_TEMPLATE_CLAIMS.find((claim) => Object.hasOwn(claims, claim))
}
