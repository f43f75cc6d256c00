import { describe, expect, it } from 'vitest'
import {
  authObjectForSession,
  signedInAuthObject,
  signedOutAuthObject,
  type TokenMinter,
} from '../../src/auth/authObject.js'
import type { JwtPayload } from '../../src/jwt/decodeJwt.js'

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyXzEifQ.c2lnbmF0dXJl'
const CLAIMS: JwtPayload = {
  sub: 'user_1',
  sid: 'sess_1',
  exp: 2_000_000_000,
  iat: 1_999_999_940,
  v: 2,
  sts: 'active',
  fva: [2, -1],
  act: { sub: 'user_admin', iss: 'https://dashboard.clerk.com' },
}

/** Records what getToken asks the Backend API for; the real client is wired by request authentication. */
function recordingMinter() {
  const calls: Array<Parameters<TokenMinter>> = []
  const mint: TokenMinter = async (...args) => {
    calls.push(args)
    return `minted:${args[1] ?? ''}:${args[2] ?? ''}`
  }
  return { calls, mint }
}

describe('signed-in auth object', () => {
  it('has upstream’s shape: org fields undefined without an organization', () => {
    const { getToken, has, debug, ...data } = signedInAuthObject({ sessionClaims: CLAIMS, sessionToken: TOKEN })
    expect([typeof getToken, typeof has, typeof debug]).toEqual(['function', 'function', 'function'])
    expect(data).toStrictEqual({
      tokenType: 'session_token',
      sessionClaims: CLAIMS,
      sessionId: 'sess_1',
      sessionStatus: 'active',
      userId: 'user_1',
      actor: { sub: 'user_admin', iss: 'https://dashboard.clerk.com' },
      orgId: undefined,
      orgRole: undefined,
      orgSlug: undefined,
      orgPermissions: undefined,
      factorVerificationAge: [2, -1],
      isAuthenticated: true,
    })
  })

  it('defaults sessionStatus and factorVerificationAge to null when the claims lack them', () => {
    const auth = signedInAuthObject({ sessionClaims: { sub: 'user_1', sid: 'sess_1', exp: 1 }, sessionToken: TOKEN })
    expect([auth.sessionStatus, auth.factorVerificationAge, auth.actor]).toEqual([null, null, undefined])
  })

  describe('getToken', () => {
    it('returns the session token itself without options, with no Backend API call', async () => {
      const { calls, mint } = recordingMinter()
      const auth = signedInAuthObject({ sessionClaims: CLAIMS, sessionToken: TOKEN, mintToken: mint })
      expect(await auth.getToken()).toBe(TOKEN)
      expect(await auth.getToken({})).toBe(TOKEN)
      expect(await auth.getToken({ template: '' })).toBe(TOKEN)
      expect(calls).toEqual([])
    })

    it.each([
      [{ template: 'supabase' }, ['sess_1', 'supabase', undefined], 'minted:supabase:'],
      [{ expiresInSeconds: 120 }, ['sess_1', undefined, 120], 'minted::120'],
      [{ template: 'convex', expiresInSeconds: 300 }, ['sess_1', 'convex', 300], 'minted:convex:300'],
      [{ template: '', expiresInSeconds: 0 }, ['sess_1', undefined, 0], 'minted::0'],
    ])('mints through the Backend API for %j', async (options, call, minted) => {
      const { calls, mint } = recordingMinter()
      const auth = signedInAuthObject({ sessionClaims: CLAIMS, sessionToken: TOKEN, mintToken: mint })
      expect(await auth.getToken(options)).toBe(minted)
      expect(calls).toEqual([call])
    })

    it('passes the Backend API error through', async () => {
      const failure = Object.assign(new Error('Not Found'), { status: 404 })
      const auth = signedInAuthObject({
        sessionClaims: CLAIMS,
        sessionToken: TOKEN,
        mintToken: () => Promise.reject(failure),
      })
      await expect(auth.getToken({ template: 'missing' })).rejects.toBe(failure)
    })

    it('explains what is missing when asked to mint without a Backend API', async () => {
      const auth = signedInAuthObject({ sessionClaims: CLAIMS, sessionToken: TOKEN })
      await expect(auth.getToken({ template: 'supabase' })).rejects.toMatchObject({
        code: 'REMIX_CLERK_MISSING_SECRET_KEY',
        message:
          'getToken({ template, expiresInSeconds }) needs the Backend API: pass a secretKey (CLERK_SECRET_KEY) so a token can be minted.',
      })
    })

    it('resolves to null for claims without a session id', async () => {
      const { calls, mint } = recordingMinter()
      const auth = signedInAuthObject({
        sessionClaims: { sub: 'user_1', exp: 1 },
        sessionToken: TOKEN,
        mintToken: mint,
      })
      expect(await auth.getToken()).toBeNull()
      expect(await auth.getToken({ template: 'x' })).toBeNull()
      expect(calls).toEqual([])
    })
  })

  describe('debug()', () => {
    const debugData = {
      secretKey: 'sk_live_abcdefghijklmnopqrstuvwxyz',
      jwtKey: '-----BEGIN PUBLIC KEY-----\nMIIBIjAN...',
      publishableKey: 'pk_live_Y2xlcmsuZXhhbXBsZS5jb20k',
      tokenInHeader: TOKEN,
      handshakeNonce: 'nonce_1234567890',
      proxyUrl: '',
    }

    it('shows context but never a secret key or a whole token', () => {
      const debug = signedInAuthObject({ sessionClaims: CLAIMS, sessionToken: TOKEN, debugData }).debug()
      expect(debug).toEqual({
        secretKey: 'sk_live',
        jwtKey: '-----BE',
        publishableKey: 'pk_live_Y2xlcmsuZXhhbXBsZS5jb20k',
        tokenInHeader: 'eyJhbGc',
        handshakeNonce: 'nonce_1',
        proxyUrl: '',
        sessionToken: 'eyJhbGc',
        machineSecretKey: '',
        sessionTokenInCookie: '',
        refreshTokenInCookie: '',
        devBrowserToken: '',
        handshakeToken: '',
      })
      expect(JSON.stringify(debug)).not.toContain('abcdefghijklmnop')
      expect(JSON.stringify(debug)).not.toContain(TOKEN)
    })

    it('returns a fresh copy each call', () => {
      const auth = signedInAuthObject({ sessionClaims: CLAIMS, sessionToken: TOKEN, debugData })
      const first = auth.debug()
      first.secretKey = 'changed'
      expect(auth.debug().secretKey).toBe('sk_live')
    })
  })

  it('serializes to JSON without functions, secrets or the raw token', () => {
    const auth = signedInAuthObject({
      sessionClaims: CLAIMS,
      sessionToken: TOKEN,
      debugData: { secretKey: 'sk_live_abcdefghijklmnop' },
    })
    const json = JSON.parse(JSON.stringify(auth)) as Record<string, unknown>
    expect(Object.keys(json).sort()).toEqual([
      'actor',
      'factorVerificationAge',
      'isAuthenticated',
      'sessionClaims',
      'sessionId',
      'sessionStatus',
      'tokenType',
      'userId',
    ])
    expect(JSON.stringify(auth)).not.toContain('sk_live_')
    expect(JSON.stringify(auth)).not.toContain(TOKEN)
  })
})

describe('signed-out auth object', () => {
  it('has upstream’s shape: every field null', async () => {
    const auth = signedOutAuthObject({ status: 'signed-out', reason: 'session-token-and-uat-missing', message: '' })
    const { getToken, has, debug, ...data } = auth
    expect(data).toStrictEqual({
      tokenType: 'session_token',
      sessionClaims: null,
      sessionId: null,
      sessionStatus: null,
      actor: null,
      userId: null,
      orgId: null,
      orgRole: null,
      orgSlug: null,
      orgPermissions: null,
      factorVerificationAge: null,
      isAuthenticated: false,
    })
    expect(await getToken()).toBeNull()
    expect(await getToken({ template: 'x' })).toBeNull()
    expect(has({ role: 'org:admin' })).toBe(false)
    expect(debug()).toMatchObject({
      status: 'signed-out',
      reason: 'session-token-and-uat-missing',
      message: '',
      secretKey: '',
    })
  })
})

describe('pending sessions', () => {
  const pending: JwtPayload = { ...CLAIMS, sts: 'pending' }

  it('are signed out with sessionStatus "pending" by default', async () => {
    const auth = authObjectForSession({ sessionClaims: pending, sessionToken: TOKEN })
    expect(auth).toMatchObject({ isAuthenticated: false, userId: null, sessionId: null, sessionStatus: 'pending' })
    expect(await auth.getToken()).toBeNull()
    expect(auth.has({ reverification: 'lax' })).toBe(false)
  })

  it('are signed in with treatPendingAsSignedOut: false', async () => {
    const auth = authObjectForSession(
      { sessionClaims: pending, sessionToken: TOKEN },
      { treatPendingAsSignedOut: false },
    )
    expect(auth).toMatchObject({
      isAuthenticated: true,
      userId: 'user_1',
      sessionId: 'sess_1',
      sessionStatus: 'pending',
    })
    expect(await auth.getToken()).toBe(TOKEN)
  })

  it('do not affect active sessions', () => {
    expect(authObjectForSession({ sessionClaims: CLAIMS, sessionToken: TOKEN }).isAuthenticated).toBe(true)
  })
})
