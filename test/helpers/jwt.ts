// Real RS256 JWTs for tests that need a chosen `exp` (token cache) or a verifiable token.
import { generateKeyPair, SignJWT, type JWTPayload } from 'jose'

const keys = generateKeyPair('RS256')

/** Signs `claims` with a per-process RS256 key; `exp` and friends are taken as given (seconds). */
export async function signTestJwt(claims: JWTPayload): Promise<string> {
  const { privateKey } = await keys
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'ins_test' }).sign(privateKey)
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000)
