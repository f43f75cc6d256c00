// Password digests with node:crypto's scrypt: `scrypt$<N>$<r>$<p>$<salt>$<key>` (base64url), parameters stored with
// each digest so they can change without breaking old ones.
import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto'

/** Node's default cost (16 MiB, ~50 ms on one core): plenty for a development backend's test users. */
const COST = { N: 16_384, r: 8, p: 1 }
const KEY_BYTES = 32
const SALT_BYTES = 16
/** Enough for N up to 2^17 with r = 8, the most a stored digest may ask for. */
const MAX_MEMORY = 256 * 1024 * 1024

interface Digest {
  N: number
  r: number
  p: number
  salt: Buffer
  key: Buffer
}

function format({ N, r, p, salt, key }: Digest): string {
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

function parse(digest: string): Digest | undefined {
  const match = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([\w-]+)\$([\w-]+)$/.exec(digest)
  if (!match) return undefined
  const [N, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])]
  // A digest asking for more than this would let a crafted row stall the server.
  if (N < 2 || N > 131_072 || (N & (N - 1)) !== 0 || r < 1 || r > 16 || p < 1 || p > 4) return undefined
  return { N, r, p, salt: Buffer.from(match[4]!, 'base64url'), key: Buffer.from(match[5]!, 'base64url') }
}

const derive = (password: string, salt: Buffer, cost: { N: number; r: number; p: number }, length: number) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password, salt, length, { ...cost, maxmem: MAX_MEMORY }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  )

/** Hashes on the thread pool: the server keeps answering meanwhile. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  return format({ ...COST, salt, key: await derive(password, salt, COST, KEY_BYTES) })
}

/** For the synchronous paths (seeding); blocks for one hash. */
export function hashPasswordSync(password: string): string {
  const salt = randomBytes(SALT_BYTES)
  return format({ ...COST, salt, key: scryptSync(password, salt, KEY_BYTES, { ...COST, maxmem: MAX_MEMORY }) })
}

/** Whether `password` matches `digest`, compared in constant time; a malformed digest matches nothing. */
export async function verifyPassword(password: string, digest: string): Promise<boolean> {
  const parsed = parse(digest)
  if (!parsed || parsed.key.length === 0) return false
  const key = await derive(password, parsed.salt, parsed, parsed.key.length)
  return timingSafeEqual(key, parsed.key)
}
