// Clerk-style random identifiers and tokens (`user_…`, `sess_…`).
import { randomBytes, randomFillSync } from 'node:crypto'

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** Random base62 text; the modulo bias of 256 % 62 is irrelevant for identifiers. */
export function randomBase62(length: number): string {
  const bytes = randomBytes(length)
  let out = ''
  for (const byte of bytes) out += ALPHABET[byte % 62]
  return out
}

/** Clerk-style identifier: a type prefix and 27 random characters, e.g. `user_2x9…`. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomBase62(27)}`
}

export type IdPrefix =
  | 'ins'
  | 'user'
  | 'sess'
  | 'client'
  | 'idn'
  | 'jtmp'
  | 'org'
  | 'orgmem'
  | 'sia'
  | 'sua'
  | 'orginv'
  | 'orgdmn'
  | 'inv'
  | 'img'
  | 'msg'
  | 'ema'
  // Allowlist and blocklist identifiers, sign-in and actor tokens, redirect URLs, instance domains, waitlist entries.
  | 'alid'
  | 'blid'
  | 'sit'
  | 'act'
  | 'ru'
  | 'dmn'
  | 'wle'

const JTI_BYTES = 10
/** Random bytes drawn 4 KiB at a time: one CSPRNG call per ~400 tokens instead of one per token. */
const jtiPool = Buffer.alloc(4096)
let jtiOffset = jtiPool.length

/** 20 hex characters, the length of a Clerk `jti`. */
export function newJti(): string {
  if (jtiOffset + JTI_BYTES > jtiPool.length) {
    randomFillSync(jtiPool)
    jtiOffset = 0
  }
  const jti = jtiPool.toString('hex', jtiOffset, jtiOffset + JTI_BYTES)
  jtiOffset += JTI_BYTES
  return jti
}
