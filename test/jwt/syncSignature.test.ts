// The synchronous signature check (node:crypto): it answers for the keys and tokens jose would accept, and leaves
// everything else to jose (undefined) so that both paths refuse the same tokens with the same words.
import { importSPKI, type CryptoKey } from 'jose'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { useSyncSignatures, verifySignatureNow } from '../../src/jwt/syncSignature.js'
import { signRaw } from '../crossCutting/hostile/fixtures.js'
import { createTestKey, sessionClaims, signToken, withSegment, type TestKey } from '../helpers/sessionTokens.js'

let rs256: TestKey
let rs384: TestKey
let rs512: TestKey
let other: TestKey

beforeAll(async () => {
  ;[rs256, rs384, rs512, other] = await Promise.all([
    createTestKey('ins_256'),
    createTestKey('ins_384', 'RS384'),
    createTestKey('ins_512', 'RS512', 3072),
    createTestKey('ins_other'),
  ])
})
afterEach(() => {
  useSyncSignatures(true)
})

const headerOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as Record<string, unknown>

describe('answers at once on Node', () => {
  it.each([
    ['RS256', () => rs256],
    ['RS384', () => rs384],
    ['RS512 with a 3072-bit key', () => rs512],
  ] as const)('%s: true for the genuine token, false for a tampered payload or another key', async (_name, key) => {
    const token = await signToken(key(), sessionClaims())
    const alg = key().alg as 'RS256' | 'RS384' | 'RS512'
    expect(verifySignatureNow(token, alg, key().publicKey, headerOf(token))).toBe(true)
    const tampered = withSegment(
      token,
      1,
      Buffer.from(JSON.stringify(sessionClaims({ sub: 'user_admin' }))).toString('base64url'),
    )
    expect(verifySignatureNow(tampered, alg, key().publicKey, headerOf(tampered))).toBe(false)
    if (alg === 'RS256') expect(verifySignatureNow(token, alg, other.publicKey, headerOf(token))).toBe(false)
  })

  it('false for an empty or truncated signature', async () => {
    const token = await signToken(rs256, sessionClaims())
    expect(verifySignatureNow(withSegment(token, 2, ''), 'RS256', rs256.publicKey, headerOf(token))).toBe(false)
    expect(
      verifySignatureNow(
        withSegment(token, 2, token.split('.')[2]!.slice(0, 300)),
        'RS256',
        rs256.publicKey,
        headerOf(token),
      ),
    ).toBe(false)
  })
})

describe('leaves to jose (undefined)', () => {
  it('a key imported for another hash than the token says', async () => {
    const token = await signToken(rs256, sessionClaims())
    const asRs384 = await importSPKI(rs256.pem, 'RS384')
    expect(verifySignatureNow(token, 'RS256', asRs384 as CryptoKey, headerOf(token))).toBeUndefined()
  })

  it('an RSA key shorter than 2048 bits (jose refuses it with its own message)', async () => {
    const weak = await crypto.subtle.generateKey(
      { name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      true,
      ['sign', 'verify'],
    )
    const token = await signRaw(
      weak.privateKey,
      JSON.stringify({ alg: 'RS256', typ: 'JWT' }),
      JSON.stringify(sessionClaims()),
    )
    expect(verifySignatureNow(token, 'RS256', weak.publicKey, headerOf(token))).toBeUndefined()
  })

  it('a private key or a key not meant for verifying', async () => {
    const token = await signToken(rs256, sessionClaims())
    expect(verifySignatureNow(token, 'RS256', rs256.privateKey, headerOf(token))).toBeUndefined()
  })

  it('a header with crit, and a signature of a length no base64url text has', async () => {
    const header = JSON.stringify({ alg: 'RS256', typ: 'JWT', crit: ['exp'], exp: 1 })
    const token = await signRaw(rs256.privateKey, header, JSON.stringify(sessionClaims()))
    expect(verifySignatureNow(token, 'RS256', rs256.publicKey, headerOf(token))).toBeUndefined()
    const plain = await signToken(rs256, sessionClaims())
    const odd = withSegment(plain, 2, plain.split('.')[2]!.slice(0, -1))
    expect(odd.split('.')[2]!.length % 4).toBe(1)
    expect(verifySignatureNow(odd, 'RS256', rs256.publicKey, headerOf(odd))).toBeUndefined()
  })

  it('everything while turned off, as on a runtime without node:crypto', async () => {
    const token = await signToken(rs256, sessionClaims())
    expect(useSyncSignatures(false)).toBe(true)
    expect(verifySignatureNow(token, 'RS256', rs256.publicKey, headerOf(token))).toBeUndefined()
  })
})
