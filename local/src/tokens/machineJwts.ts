// The JWT forms of machine tokens, signed with the instance key so an SDK verifies them against the JWKS with no
// Backend API call: M2M tokens (header `cat` cl_B7d4PD333AAA, `sub` the machine) and OAuth access tokens (header
// `typ` at+jwt, RFC 9068), with the claims @clerk/backend 3 reads back from them.
import type { InstanceKeys } from './instanceKeys.js'
import { type JwsSigner, jwsSigner } from './jwsSigner.js'

/** JOSE header category of an M2M JWT; session verification refuses it. */
const M2M_TOKEN_CATEGORY = 'cl_B7d4PD333AAA'

interface M2MJwtInput {
  issuer: string
  machineId: string
  tokenId: string
  /** The machines the minting machine may reach: the `scopes` claim, space-separated. */
  scopes: string[]
  claims: Record<string, unknown> | null
  /** Seconds. */
  issuedAt: number
  expiresAt: number
}

interface OAuthJwtInput {
  issuer: string
  userId: string
  clientId: string
  tokenId: string
  scopes: string[]
  audience: string[] | null
  issuedAt: number
  expiresAt: number
}

/** Claims a caller's `claims` may not set: they would change what the token says it is. */
const STRUCTURAL_CLAIMS = ['iss', 'sub', 'exp', 'nbf', 'iat', 'jti']

// One signer per instance, built on its first machine JWT.
const signers = new WeakMap<InstanceKeys, MachineJwtSigner>()

/** The signer of the instance whose keys these are. */
export function machineJwtSigner(keys: InstanceKeys): MachineJwtSigner {
  let signer = signers.get(keys)
  if (!signer) signers.set(keys, (signer = new MachineJwtSigner(keys)))
  return signer
}

class MachineJwtSigner {
  private readonly signM2M: JwsSigner
  private readonly signOAuth: JwsSigner

  constructor(keys: InstanceKeys) {
    this.signM2M = jwsSigner('RS256', keys.signingKeyObject, {
      alg: 'RS256',
      kid: keys.instanceId,
      typ: 'JWT',
      cat: M2M_TOKEN_CATEGORY,
    })
    this.signOAuth = jwsSigner('RS256', keys.signingKeyObject, { alg: 'RS256', kid: keys.instanceId, typ: 'at+jwt' })
  }

  m2m(input: M2MJwtInput): Promise<string> {
    const custom = Object.fromEntries(
      Object.entries(input.claims ?? {}).filter(([name]) => !STRUCTURAL_CLAIMS.includes(name)),
    )
    return this.signM2M(
      JSON.stringify({
        ...(input.scopes.length > 0 ? { scopes: input.scopes.join(' ') } : {}),
        ...custom,
        iss: input.issuer,
        sub: input.machineId,
        jti: input.tokenId,
        iat: input.issuedAt,
        nbf: input.issuedAt,
        exp: input.expiresAt,
      }),
    )
  }

  oauth(input: OAuthJwtInput): Promise<string> {
    return this.signOAuth(
      JSON.stringify({
        iss: input.issuer,
        sub: input.userId,
        client_id: input.clientId,
        scope: input.scopes.join(' '),
        ...(input.audience === null ? {} : { aud: input.audience.length === 1 ? input.audience[0] : input.audience }),
        jti: input.tokenId,
        iat: input.issuedAt,
        nbf: input.issuedAt,
        exp: input.expiresAt,
      }),
    )
  }
}
