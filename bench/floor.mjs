// The floor of benchmark 1 (and of bench/firstSeenGap.mjs): what any getAuth has to do at the least, with nothing of
// ours. The Cookie header parsed, the session token's header and payload decoded (the cheapest way, atob), the
// signature checked by jose. No options, no decision table, no cache, no auth object.
import { parseCookie } from 'cookie'
import { compactVerify } from 'jose'

const PINNED = { algorithms: ['RS256'] }

/** The `sub` of the `__session` cookie of `request`, once jose has checked the token's signature with `publicKey`. */
export async function floorUserId(request, publicKey) {
  const jwt = parseCookie(request.headers.get('cookie') ?? '').__session ?? ''
  const [header, payload] = jwt.split('.', 2).map(decodeSegment)
  if (header?.alg !== 'RS256') throw new Error(`floor: unexpected token header ${JSON.stringify(header)}`)
  await compactVerify(jwt, publicKey, PINNED)
  return payload?.sub
}

function decodeSegment(segment) {
  return JSON.parse(atob(segment.replace(/-/g, '+').replace(/_/g, '/')))
}
