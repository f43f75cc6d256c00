// Duplicate JSON keys in a session token's header or payload. The rule: JSON.parse keeps the LAST value,
// in our decoder and in jose alike, so the value every check sees is the value the auth object exposes.
// A first `sub`/`exp`/`azp`/`alg` cannot pass a check on behalf of a later one. The tokens are signed by
// the instance itself (as if a buggy minter wrote them): the question is consistency, not forgery.
import { describe, expect, it } from 'vitest'
import { getAuth } from '../../../src/ssr.server.js'
import type { GetAuthOptions } from '../../../src/remix/types.js'
import type { AuthObject } from '../../../src/auth/authObject.js'
import { args } from '../../helpers/localInstance.js'
import { ORIGIN, sessionClaims } from '../../helpers/sessionTokens.js'
import {
  SESSION_HEADER,
  T,
  T_SECONDS,
  appendMembers,
  calls,
  jsonWithout,
  outcomeOf,
  requestCarrying,
  signRaw,
  useHostileWorld,
  warmUp,
  type Carrier,
} from './fixtures.js'

const world = useHostileWorld()

const HEADER = JSON.stringify(SESSION_HEADER)
/** Built when a test runs, on the frozen clock. */
const claims = () => sessionClaims()

/** The session claims with `members` appended after those of `drop` removed: `"sub":"a","sub":"b"`. */
const payloadWith = (members: string, ...drop: string[]) => appendMembers(jsonWithout(claims(), ...drop), members)
const sign = (header: string, payload: string) => signRaw(world().instanceKey.privateKey, header, payload)

async function authFor(
  token: string,
  carrier: Carrier,
  options: GetAuthOptions = world().options(),
): Promise<AuthObject> {
  const auth = await getAuth(args(requestCarrying(token, carrier, 'fetch')), options)
  return auth
}

describe.each<Carrier>(['cookie', 'header'])('in the %s', (carrier) => {
  const refusal = (reason: string, text: string) => ({
    status: 'signed-out',
    reason,
    message: `${text} (reason=${reason}, token-carrier=${carrier})`,
  })

  it('two subs: the last one is checked and is the userId, sessionClaims.sub and what has() sees', async () => {
    await warmUp(world())
    const token = await sign(HEADER, payloadWith('"sub":"user_first","sub":"user_last"', 'sub'))
    expect(Buffer.from(token.split('.')[1]!, 'base64url').toString()).toContain('"sub":"user_first","sub":"user_last"')
    const auth = await authFor(token, carrier)
    expect(auth).toMatchObject({ isAuthenticated: true, userId: 'user_last', sessionClaims: { sub: 'user_last' } })
    expect(JSON.stringify(auth.sessionClaims)).not.toContain('user_first')
    expect(calls(world())).toEqual([])
  })

  it('a string sub, then a number: refused, quoting the number', async () => {
    await warmUp(world())
    const token = await sign(HEADER, payloadWith('"sub":"user_first","sub":42', 'sub'))
    expect(await outcomeOf(requestCarrying(token, carrier, 'fetch'), world().options())).toEqual(
      refusal(
        'token-verification-failed',
        'Subject claim (sub) is required and must be a string. Received 42. Make sure that this is a valid Clerk-generated JWT.',
      ),
    )
  })

  it('a valid exp, then an expired one: refused as expired at the second', async () => {
    await warmUp(world())
    const token = await sign(HEADER, payloadWith(`"exp":${T_SECONDS + 60},"exp":${T_SECONDS - 60}`, 'exp'))
    expect(await outcomeOf(requestCarrying(token, carrier, 'fetch'), world().options())).toEqual({
      ...refusal(
        'token-expired',
        `JWT is expired. Expiry date: ${new Date(T - 60_000).toUTCString()}, Current date: ${new Date(T).toUTCString()}.`,
      ),
      reason: 'session-token-expired-refresh-non-eligible-no-refresh-cookie',
    })
  })

  it('an expired exp, then a valid one: signed in, and sessionClaims.exp is the valid one', async () => {
    await warmUp(world())
    const token = await sign(HEADER, payloadWith(`"exp":${T_SECONDS - 60},"exp":${T_SECONDS + 60}`, 'exp'))
    expect((await authFor(token, carrier)).sessionClaims).toMatchObject({ exp: T_SECONDS + 60 })
  })

  it('an allowed azp, then a foreign one: refused with the foreign one', async () => {
    await warmUp(world())
    const token = await sign(HEADER, payloadWith(`"azp":"${ORIGIN}","azp":"https://evil.example"`, 'azp'))
    expect(
      await outcomeOf(requestCarrying(token, carrier, 'fetch'), world().options({ authorizedParties: [ORIGIN] })),
    ).toEqual(
      refusal(
        'token-invalid-authorized-parties',
        `Invalid JWT Authorized party claim (azp) "https://evil.example". Expected "${ORIGIN}".`,
      ),
    )
  })

  it('two organizations (claims v2): orgId, orgRole and has() all follow the last', async () => {
    await warmUp(world())
    const member = '{"id":"org_first","slg":"first","rol":"member","per":"","fpm":""}'
    const admin = '{"id":"org_last","slg":"last","rol":"admin","per":"","fpm":""}'
    const auth = await authFor(
      await sign(HEADER, payloadWith(`"o":${admin.replace('org_last', 'org_x')},"o":${member},"o":${admin}`)),
      carrier,
    )
    expect(auth).toMatchObject({ orgId: 'org_last', orgSlug: 'last', orgRole: 'org:admin' })
    expect(auth.has({ role: 'org:admin' })).toBe(true)
    expect(auth.has({ role: 'org:member' })).toBe(false)
  })

  it('alg RS256, then none: refused as alg none', async () => {
    await warmUp(world())
    const header = appendMembers(jsonWithout(SESSION_HEADER, 'alg'), '"alg":"RS256","alg":"none"')
    expect(
      await outcomeOf(
        requestCarrying(await sign(header, JSON.stringify(claims())), carrier, 'fetch'),
        world().options(),
      ),
    ).toEqual(
      refusal(
        'token-invalid-algorithm',
        'Invalid JWT algorithm "none". Supported: RS256,RS384,RS512. Make sure that this is a valid Clerk-generated JWT.',
      ),
    )
  })

  it('alg none, then RS256: verified as RS256, which is also what jose reads', async () => {
    await warmUp(world())
    const header = appendMembers(jsonWithout(SESSION_HEADER, 'alg'), '"alg":"none","alg":"RS256"')
    expect((await authFor(await sign(header, JSON.stringify(claims())), carrier)).userId).toBe('user_2xyz')
  })

  it('the session category, then the template one: refused as a template token', async () => {
    await warmUp(world())
    const header = appendMembers(jsonWithout(SESSION_HEADER, 'cat'), '"cat":"cl_B7d4PD111AAA","cat":"cl_B7d4PD222AAA"')
    expect(
      await outcomeOf(
        requestCarrying(await sign(header, JSON.stringify(claims())), carrier, 'fetch'),
        world().options(),
      ),
    ).toEqual(
      refusal(
        'token-type-mismatch',
        'Invalid session token category (cat) "cl_B7d4PD222AAA". JWT template and machine tokens cannot be used as session tokens. Make sure that this is a valid Clerk-generated JWT.',
      ),
    )
  })

  it('an unknown kid, then the instance kid: verified with the instance key, no JWKS request', async () => {
    await warmUp(world())
    const header = appendMembers(jsonWithout(SESSION_HEADER, 'kid'), '"kid":"ins_unknown","kid":"ins_rs256"')
    expect((await authFor(await sign(header, JSON.stringify(claims())), carrier)).userId).toBe('user_2xyz')
    expect(calls(world())).toEqual([])
  })

  it('the instance kid, then an unknown one: one JWKS request, then kid mismatch for the unknown one', async () => {
    await warmUp(world())
    const header = appendMembers(jsonWithout(SESSION_HEADER, 'kid'), '"kid":"ins_rs256","kid":"ins_unknown"')
    const outcome = await outcomeOf(
      requestCarrying(await sign(header, JSON.stringify(claims())), carrier, 'fetch'),
      world().options(),
    )
    expect(outcome).toMatchObject({
      status: 'signed-out',
      reason: 'jwk-kid-mismatch',
      message: expect.stringContaining("kid='ins_unknown'"),
    })
    expect(calls(world())).toEqual(['GET /v1/jwks'])
  })

  it('__proto__ in the payload stays an ordinary member: nothing is inherited, nothing polluted', async () => {
    await warmUp(world())
    const token = await sign(
      HEADER,
      payloadWith('"__proto__":{"sub":"user_admin","org_id":"org_evil","org_role":"org:admin","isAdmin":true}'),
    )
    const auth = await authFor(token, carrier)
    expect(auth).toMatchObject({ userId: 'user_2xyz', orgId: undefined, orgRole: undefined })
    expect(auth.has({ role: 'org:admin' })).toBe(false)
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined()
    expect(({} as Record<string, unknown>).org_role).toBeUndefined()
  })
})
