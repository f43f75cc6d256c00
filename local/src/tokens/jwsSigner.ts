// Signs compact JWS tokens. RSA (RS256/384/512: the instance key and most custom template keys) and HMAC (HS*) are
// signed synchronously with node:crypto: an RSA-2048 signature costs about 0.3 ms of CPU either way, and Web Crypto
// (jose) adds a round trip through libuv's thread pool that costs more CPU than it saves: about half the tokens per
// CPU-second (benchmark 4). ES256/384 signatures need the JOSE encoding of (r, s), so they go through jose.
import { type KeyObject, createHmac, createPrivateKey, sign } from 'node:crypto'
import { CompactSign, importPKCS8 } from 'jose'
import type { TemplateAlgorithm } from './signingKeys.js'

/** Signs a payload (JSON text) under a fixed protected header; the header is encoded once. */
export type JwsSigner = (payloadJson: string) => Promise<string>

const RSA_HASH: Record<string, string> = { RS256: 'RSA-SHA256', RS384: 'RSA-SHA384', RS512: 'RSA-SHA512' }
const HMAC_HASH: Record<string, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }

/**
 * A signer for `alg` with `key`: a PEM private key (RSA, EC) or, for HS*, the shared secret. `header` must name the
 * same `alg`; it is serialised as given, so the token's header is exactly this object's JSON.
 */
export function jwsSigner(alg: TemplateAlgorithm, key: string | KeyObject, header: Record<string, unknown>): JwsSigner {
  const headerSegment = base64url(JSON.stringify(header))
  const rsa = RSA_HASH[alg]
  if (rsa !== undefined) {
    const privateKey = typeof key === 'string' ? createPrivateKey(key) : key
    return async (payloadJson) => {
      const input = `${headerSegment}.${base64url(payloadJson)}`
      return `${input}.${sign(rsa, Buffer.from(input, 'latin1'), privateKey).toString('base64url')}`
    }
  }
  const hmac = HMAC_HASH[alg]
  if (hmac !== undefined) {
    const secret = typeof key === 'string' ? key : key.export()
    return async (payloadJson) => {
      const input = `${headerSegment}.${base64url(payloadJson)}`
      return `${input}.${createHmac(hmac, secret).update(input).digest('base64url')}`
    }
  }
  const pem = typeof key === 'string' ? key : key.export({ type: 'pkcs8', format: 'pem' }).toString()
  const pkcs8 = createPrivateKey(pem).export({ type: 'pkcs8', format: 'pem' }).toString()
  const imported = importPKCS8(pkcs8, alg)
  const encoder = new TextEncoder()
  return async (payloadJson) =>
    new CompactSign(encoder.encode(payloadJson)).setProtectedHeader(header as { alg: string }).sign(await imported)
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url')
}
