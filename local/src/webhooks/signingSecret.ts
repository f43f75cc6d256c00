// The instance's webhook signing secret (`whsec_…`, the value of CLERK_WEBHOOK_SIGNING_SECRET). It is derived from the
// instance's secret key, so it lives where the keys live (the private database file) and stays the same across
// restarts without a column of its own; and nobody who lacks the secret key can work it out.
import { createHmac } from 'node:crypto'

/** Names what the derived bytes are for, so they can never double as anything else derived from the same key. */
const PURPOSE = 'remix-clerk-local webhook signing secret v1'

/** 24 random-looking bytes in base64 after `whsec_`, the shape of the secrets Clerk's dashboard shows. */
export function webhookSigningSecret(secretKey: string): string {
  const key = createHmac('sha256', secretKey).update(PURPOSE).digest().subarray(0, 24)
  return `whsec_${key.toString('base64')}`
}
