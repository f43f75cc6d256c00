// The baselines of benchmark 4: bare node:crypto (the floor) and bare jose signing what the local backend signs.
import { createPrivateKey, randomBytes, sign } from 'node:crypto'
import { SignJWT, decodeJwt, decodeProtectedHeader } from 'jose'

/**
 * Signs the sample's header and claims with `signingKey`, with fresh times and `jti` like every mint. The claims
 * object is built once and updated in place (SignJWT clones it when constructed), the cheapest way to use jose.
 * @returns {() => Promise<string>}
 */
export function bareSigner(sampleJwt, signingKey) {
  const header = decodeProtectedHeader(sampleJwt)
  const freshClaims = claimsLike(sampleJwt)
  return () => new SignJWT(freshClaims()).setProtectedHeader(header).sign(signingKey)
}

/**
 * The floor: the sample's header and claims (fresh times and `jti`) serialised and signed with node:crypto,
 * synchronously, with a KeyObject made once from `privateKeyPem`: what signing such a token costs at the least.
 * @returns {() => Promise<string>}
 */
export function floorSigner(sampleJwt, privateKeyPem) {
  const key = createPrivateKey(privateKeyPem)
  const headerSegment = sampleJwt.slice(0, sampleJwt.indexOf('.'))
  const freshClaims = claimsLike(sampleJwt)
  return async () => {
    const input = `${headerSegment}.${Buffer.from(JSON.stringify(freshClaims())).toString('base64url')}`
    return `${input}.${sign('RSA-SHA256', Buffer.from(input, 'latin1'), key).toString('base64url')}`
  }
}

/** The sample's claims, updated in place with fresh times and `jti` on every call, as every mint has them. */
function claimsLike(sampleJwt) {
  const claims = decodeJwt(sampleJwt)
  const { lifetime, skew } = { lifetime: claims.exp - claims.iat, skew: claims.iat - claims.nbf }
  return () => {
    const now = Math.floor(Date.now() / 1000)
    claims.exp = now + lifetime
    claims.iat = now
    claims.nbf = now - skew
    claims.jti = randomBytes(10).toString('hex')
    return claims
  }
}
