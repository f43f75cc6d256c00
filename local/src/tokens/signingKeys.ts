// Custom signing keys of JWT templates: which algorithms, and whether a key fits, checked when saved.
import { createPrivateKey } from 'node:crypto'

/** Algorithms a template's custom signing key may use. */
export const TEMPLATE_ALGORITHMS = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'ES256', 'ES384'] as const
export type TemplateAlgorithm = (typeof TEMPLATE_ALGORITHMS)[number]

export const isTemplateAlgorithm = (value: string): value is TemplateAlgorithm =>
  (TEMPLATE_ALGORITHMS as readonly string[]).includes(value)

const EC_CURVES: Record<string, string> = { ES256: 'prime256v1', ES384: 'secp384r1' }

/**
 * Why `key` cannot sign with `algorithm`, or null if it can. Checked when a template is saved, so a bad key is a
 * 422 then and not a failure at mint time. The message never quotes the key.
 */
export function signingKeyProblem(algorithm: TemplateAlgorithm, key: string): string | null {
  if (algorithm.startsWith('HS')) return key.length > 0 ? null : `must be a non-empty secret for ${algorithm}.`
  let parsed
  try {
    parsed = createPrivateKey(key)
  } catch {
    return `must be a PEM private key (PKCS#8 "BEGIN PRIVATE KEY", or PKCS#1/SEC1) for ${algorithm}.`
  }
  if (algorithm.startsWith('RS')) {
    if (parsed.asymmetricKeyType !== 'rsa') return `must be an RSA private key for ${algorithm}.`
    const bits = parsed.asymmetricKeyDetails?.modulusLength ?? 0
    return bits >= 2048 ? null : `must be an RSA key of at least 2048 bits for ${algorithm} (got ${bits}).`
  }
  const curve = EC_CURVES[algorithm]
  if (parsed.asymmetricKeyType !== 'ec' || parsed.asymmetricKeyDetails?.namedCurve !== curve) {
    return `must be an EC private key on curve ${curve} for ${algorithm}.`
  }
  return null
}
