// The instance's identity (id, RSA key, secret key): created on first start and kept, so old tokens still verify after
// a restart.
import { type KeyObject, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto'
import { exportJWK } from 'jose'
import { newId, randomBase62 } from '../shared/ids.js'
import type { InstanceRecord } from '../store/instanceStore.js'
import type { Store } from '../store/index.js'

/** The instance's signing material, loaded once: every mint reuses the imported CryptoKey. */
export interface InstanceKeys {
  instanceId: string
  secretKey: string
  /** The private key, for node:crypto, which signs session, template and handshake tokens (see tokens/jwsSigner.ts). */
  signingKeyObject: KeyObject
  /** SPKI PEM of the public key, the value of CLERK_JWT_KEY. */
  publicKeyPem: string
  jwk: PublicJwk
}

/**
 * The public key as a JWK, the one entry of the instance's JWKS. Declared here rather than as jose's `JWK`, which
 * the public types would then import: jose is ESM-only, and a CommonJS app's .d.cts may not import it under
 * "moduleResolution": "node16". A type alias, so that it fits jose's `JWK` where the code hands it to jose.
 */
export type PublicJwk = { use: 'sig'; kty: 'RSA'; kid: string; alg: 'RS256'; n: string; e: string }

/**
 * Loads the instance from the database, creating it on first start. RSA-2048 with e = 65537 is not a matter of
 * taste: Clerk SDKs turn a CLERK_JWT_KEY PEM into a JWK by stripping a fixed prefix that only fits that key shape.
 */
export async function loadInstance(store: Store, now: number): Promise<InstanceKeys> {
  const record = store.transaction(() => store.instance.get() ?? createInstance(store, now))
  const signingKeyObject = createPrivateKey(record.private_key_pem)
  const publicKey = createPublicKey(signingKeyObject)
  const jwk = await exportJWK(publicKey)
  return {
    instanceId: record.id,
    secretKey: record.secret_key,
    signingKeyObject,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    jwk: { use: 'sig', kty: 'RSA', kid: record.id, alg: 'RS256', n: jwk.n!, e: jwk.e! },
  }
}

function createInstance(store: Store, now: number): InstanceRecord {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 })
  const record: InstanceRecord = {
    id: newId('ins'),
    secret_key: `sk_live_${randomBase62(40)}`,
    private_key_pem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    created_at: now,
  }
  store.instance.insert(record)
  return record
}
