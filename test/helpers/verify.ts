// Session-token verification as getAuth runs it (verifyJwt with the session-token kind, through the verified-token
// cache), with the options alone: the suites that check one rule at a time call it the way `verifyToken` does.
import type { DecodedJwt } from '../../src/jwt/decodeJwt.js'
import { SESSION_TOKEN, type VerificationOptions, type VerifyResult } from '../../src/jwt/verify.js'
import { instanceIdentity, verifyJwt } from '../../src/jwt/verifyJwt.js'

export async function verifySessionToken(
  token: string | DecodedJwt,
  options: VerificationOptions,
): Promise<VerifyResult> {
  return verifyJwt(token, SESSION_TOKEN, options, instanceIdentity(options))
}
