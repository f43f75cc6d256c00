// Checks an RS256/384/512 signature synchronously with `node:crypto`, where the runtime has it (Node 20.16+, Bun and
// Deno expose it through `process.getBuiltinModule`). WebCrypto's `crypto.subtle.verify` answers through a promise
// settled from a thread pool: one RSA-2048 verification takes ~30 µs, the round trip to the pool and back ~70–100 µs
// more. The synchronous call blocks the event loop for less time than the round trip it replaces would have kept
// this request waiting. Found by run-time lookup, with no static `node:` import, so bundles for Workers stay clean;
// wherever it is missing (or refuses a key), verify.ts falls back to jose on WebCrypto, the portable path.
import type { CryptoKey } from 'jose'
import type { SessionTokenAlgorithm } from './keys.js'

/** The part of `node:crypto` used here, typed by hand so the package's types need no Node types. */
interface NodeCrypto {
  verify(algorithm: string, data: Uint8Array, key: unknown, signature: Uint8Array): boolean
  KeyObject: { from(key: CryptoKey): unknown }
}
interface NodeBuffer {
  from(text: string, encoding: 'base64url' | 'latin1'): Uint8Array
}

const HASH: Record<SessionTokenAlgorithm, string> = { RS256: 'SHA-256', RS384: 'SHA-384', RS512: 'SHA-512' }
const NODE_ALGORITHM: Record<SessionTokenAlgorithm, string> = {
  RS256: 'RSA-SHA256',
  RS384: 'RSA-SHA384',
  RS512: 'RSA-SHA512',
}
/** jose refuses RSA keys shorter than this for RS*; so does this path, by leaving them to jose. */
const MIN_MODULUS_BITS = 2048

const runtime = findNodeCrypto()
let enabled = runtime !== undefined

function findNodeCrypto(): { crypto: NodeCrypto; Buffer: NodeBuffer } | undefined {
  try {
    const getBuiltinModule = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
      ?.getBuiltinModule
    if (typeof getBuiltinModule !== 'function') return undefined
    const crypto = getBuiltinModule('node:crypto') as Partial<NodeCrypto> | undefined
    const buffer = getBuiltinModule('node:buffer') as { Buffer?: Partial<NodeBuffer> } | undefined
    if (typeof crypto?.verify !== 'function' || typeof crypto.KeyObject?.from !== 'function') return undefined
    if (typeof buffer?.Buffer?.from !== 'function') return undefined
    return { crypto: crypto as NodeCrypto, Buffer: buffer.Buffer as NodeBuffer }
  } catch {
    return undefined
  }
}

// The KeyObject of each CryptoKey, or null when node:crypto cannot use it here; the CryptoKeys themselves live in
// the key caches of keys.ts, so an entry goes when its key does.
const keyObjects = new WeakMap<CryptoKey, unknown>()

/**
 * `true` or `false` for a valid or invalid signature of `token` (its header's `alg` already checked to be `alg`),
 * or `undefined` when this path cannot answer and jose must: no `node:crypto`, a key it cannot take, a header with
 * `crit` (jose's rules for it apply), or a signature that is not whole base64url.
 */
export function verifySignatureNow(
  token: string,
  alg: SessionTokenAlgorithm,
  key: CryptoKey,
  header: Readonly<Record<string, unknown>>,
): boolean | undefined {
  if (!enabled || header.crit !== undefined) return undefined
  const keyObject = keyObjectFor(key, alg)
  if (keyObject === null) return undefined
  const dot = token.lastIndexOf('.')
  const signature = token.slice(dot + 1)
  // One leftover character cannot be base64url: jose refuses to decode it; let it say so in its own words.
  if (signature.length % 4 === 1) return undefined
  const { crypto, Buffer } = runtime!
  try {
    return crypto.verify(
      NODE_ALGORITHM[alg],
      Buffer.from(token.slice(0, dot), 'latin1'),
      keyObject,
      Buffer.from(signature, 'base64url'),
    )
  } catch {
    return undefined
  }
}

function keyObjectFor(key: CryptoKey, alg: SessionTokenAlgorithm): unknown {
  let keyObject = keyObjects.get(key)
  if (keyObject === undefined) {
    keyObject = usableByThisPath(key, alg) ? toKeyObject(key) : null
    keyObjects.set(key, keyObject)
  }
  return keyObject
}

/** Only what jose itself would accept for `alg`: an RSASSA-PKCS1-v1_5 public key for verifying, of that hash, ≥ 2048 bits. */
function usableByThisPath(key: CryptoKey, alg: SessionTokenAlgorithm): boolean {
  const algorithm = key.algorithm as { name?: unknown; hash?: { name?: unknown }; modulusLength?: unknown }
  return (
    key.type === 'public' &&
    key.usages.includes('verify') &&
    algorithm.name === 'RSASSA-PKCS1-v1_5' &&
    algorithm.hash?.name === HASH[alg] &&
    typeof algorithm.modulusLength === 'number' &&
    algorithm.modulusLength >= MIN_MODULUS_BITS
  )
}

function toKeyObject(key: CryptoKey): unknown {
  try {
    return runtime!.crypto.KeyObject.from(key)
  } catch {
    return null
  }
}

/**
 * @internal Test and benchmark hook: `false` sends every signature through jose on WebCrypto, as on a runtime without
 * `node:crypto`, so both paths can be compared on the same tokens. Returns whether the synchronous path was on.
 */
export function useSyncSignatures(on: boolean): boolean {
  const previous = enabled
  enabled = on && runtime !== undefined
  return previous
}
