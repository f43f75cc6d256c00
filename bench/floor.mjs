// The physical floor of getAuth for a token seen for the first time (benchmark 1): one RSA verification of the
// token's exact bytes with node:crypto and a KeyObject made once, synchronous. No Request, no cookies, no decoding
// of the header or the claims, no options: whatever a getAuth does beyond this is its own cost.
import { Buffer } from 'node:buffer'
import { KeyObject, createPublicKey, verify } from 'node:crypto'

/** A verifier for RS256 tokens of the PEM public key `pem`, throwing on a bad signature so a broken arm cannot pass. */
export function floorVerifier(pem) {
  const key = createPublicKey(pem)
  if (!(key instanceof KeyObject)) throw new Error('floor: expected a KeyObject')
  return (jwt) => {
    const dot = jwt.lastIndexOf('.')
    if (
      !verify('RSA-SHA256', Buffer.from(jwt.slice(0, dot), 'latin1'), key, Buffer.from(jwt.slice(dot + 1), 'base64url'))
    ) {
      throw new Error('floor: signature did not verify')
    }
  }
}
