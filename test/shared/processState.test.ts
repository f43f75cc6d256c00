// One call puts every per-process cache and counter back as in a fresh process: verified tokens, keys, Clerk
// instances, cookie suffixes, minted tokens (each observed through the module that keeps it).
import { beforeAll, describe, expect, it } from 'vitest'
import { clerkInstanceFor, findInstance } from '../../src/auth/clerkInstance'
import { getCookieSuffix } from '../../src/auth/publishableKey'
import { cacheJwt, tokenCacheSize } from '../../src/backend/tokenCache'
import { knownVerificationKey } from '../../src/jwt/keys'
import { verifyToken } from '../../src/jwt/publicVerifyToken'
import { verifiedTokenCount } from '../../src/jwt/verifiedTokenCache'
import { signatureCheckCount } from '../../src/jwt/verifyJwt'
import { resetProcessState } from '../../src/shared/processState'
import { nowSeconds, signTestJwt } from '../helpers/jwt'
import { FAPI_HOST, createTestKey, sessionClaims, signToken, type TestKey } from '../helpers/sessionTokens'

const PUBLISHABLE_KEY = `pk_live_${Buffer.from(`${FAPI_HOST}$`).toString('base64').replace(/=+$/, '')}`

let key: TestKey
beforeAll(async () => {
  key = await createTestKey('ins_reset')
})

describe('resetProcessState', () => {
  it('forgets every cache and counter of the modules loaded', async () => {
    resetProcessState()
    const options = { secretKey: 'sk_test_processState123', publishableKey: PUBLISHABLE_KEY, jwtKey: key.pem }
    await verifyToken(await signToken(key, sessionClaims()), { jwtKey: key.pem })
    await clerkInstanceFor(options)
    const suffix = getCookieSuffix(PUBLISHABLE_KEY)
    cacheJwt('sess_1|test', await signTestJwt({ sub: 'user_1', exp: nowSeconds() + 60 }), Date.now())

    expect(verifiedTokenCount()).toBe(1)
    expect(signatureCheckCount()).toBe(1)
    expect(knownVerificationKey({ alg: 'RS256' }, { jwtKey: key.pem })).toMatchObject({ ok: true })
    expect(findInstance(options)).toBeDefined()
    expect(getCookieSuffix(PUBLISHABLE_KEY)).toBe(suffix)
    expect(tokenCacheSize()).toBe(1)

    resetProcessState()

    expect(verifiedTokenCount()).toBe(0)
    expect(signatureCheckCount()).toBe(0)
    expect(knownVerificationKey({ alg: 'RS256' }, { jwtKey: key.pem })).toBeUndefined()
    expect(findInstance(options)).toBeUndefined()
    expect(getCookieSuffix(PUBLISHABLE_KEY)).not.toBe(suffix)
    expect(tokenCacheSize()).toBe(0)
  })
})
