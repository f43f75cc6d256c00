// The claims of a session token, built exactly as Clerk's so SDKs verify them unchanged.
import { type ActiveOrganization, orgClaimsV1, orgClaimsV2 } from './orgClaims.js'

/** JOSE header category of a session token; SDKs refuse other categories as session tokens. */
export const SESSION_TOKEN_CATEGORY = 'cl_B7d4PD111AAA'
/** Category of a JWT-template token. */
export const TEMPLATE_TOKEN_CATEGORY = 'cl_B7d4PD222AAA'

/** Observed on real session tokens: not-before is ten seconds before issue. */
const SESSION_NOT_BEFORE_SKEW_SECONDS = 10

export interface SessionClaimsInput {
  issuer: string
  userId: string
  sessionId: string
  /** Seconds. */
  issuedAt: number
  lifetime: number
  version: 1 | 2
  /** Minutes since the session's sign-in (first factor); the second factor is never verified here. */
  firstFactorAgeMinutes: number
  jti: string
  /** Origin of the browser request the token is minted for; absent for Backend API mints. */
  origin?: string | undefined
  organization?: ActiveOrganization | undefined
  /** A session with a task left to do: `sts: 'pending'` (claims v2 only; v1 has no status claim). */
  pending?: boolean | undefined
  /** Impersonation: the session's actor (at least `sub`), the token's `act` claim. */
  actor?: Record<string, unknown> | null | undefined
}

export function buildSessionClaims(input: SessionClaimsInput): Record<string, unknown> {
  const claims: Record<string, unknown> = {
    ...(input.actor ? { act: input.actor } : {}),
    ...(input.origin ? { azp: input.origin } : {}),
    exp: input.issuedAt + input.lifetime,
    fva: [input.firstFactorAgeMinutes, -1],
    iat: input.issuedAt,
    iss: input.issuer,
    jti: input.jti,
    nbf: input.issuedAt - SESSION_NOT_BEFORE_SKEW_SECONDS,
    sid: input.sessionId,
    sub: input.userId,
  }
  if (input.version === 1) {
    return input.organization ? { ...claims, ...orgClaimsV1(input.organization) } : claims
  }
  return {
    ...claims,
    ...(input.organization ? orgClaimsV2(input.organization) : {}),
    sts: input.pending ? 'pending' : 'active',
    v: 2,
  }
}
