// Machine-token verification outcomes, remembered per (instance, exact token), with the rules of the session-token
// cache: a token is verified once while it is remembered, concurrent verifications of one token share one run, and
// what is kept is bounded. An opaque token's answer comes from the Backend API, so it counts for a short while only
// (a revoked API key stops working within MACHINE_TOKEN_TTL_MS, never after its expiry); a failed call is remembered
// for a shorter while, and failing calls are bounded in all, so a flood of made-up tokens cannot turn into a flood of
// Backend API calls: past MAX_FAILED_VERIFICATIONS within FAILED_TOKEN_TTL_MS, unknown tokens are refused uncalled.
import { RefreshFailures } from '../refreshFailures.js'
import { machineFailure, type MachineTokenFailure, type MachineVerification } from '../../jwt/machineTokens.js'
import { BoundedCache } from '../../shared/boundedCache.js'
import { forgetOnReset } from '../../shared/processState.js'

/** How long a verified opaque token counts without asking the Backend API again. @internal Exported for tests. */
export const MACHINE_TOKEN_TTL_MS = 10_000
/** How long a failed verification is the answer for its token. @internal Exported for tests. */
export const FAILED_TOKEN_TTL_MS = 5_000
/** Failing Backend API verifications remembered at most (in all): past it, new tokens are refused uncalled. @internal */
export const MAX_FAILED_VERIFICATIONS = 256
/** Verified tokens remembered at most, across instances; the least recently used is forgotten first. */
const MAX_VERIFIED_TOKENS = 1_000
/** A JWT's verification counts for at most as long as the key set that verified it is trusted (jwt/keys.ts). */
const MACHINE_JWT_MAX_AGE_MS = 300_000

interface Verified {
  readonly result: MachineVerification & { ok: true }
  readonly until: number
}

const verified = new BoundedCache<string, Verified>(MAX_VERIFIED_TOKENS, 'least-recently-used')
const inFlight = new Map<string, Promise<MachineVerification>>()
let failures = new RefreshFailures<MachineTokenFailure>(MAX_FAILED_VERIFICATIONS, FAILED_TOKEN_TTL_MS)
let backendCalls = 0
forgetOnReset(() => {
  verified.clear()
  failures = new RefreshFailures<MachineTokenFailure>(MAX_FAILED_VERIFICATIONS, FAILED_TOKEN_TTL_MS)
  backendCalls = 0
})

export type VerificationSource = 'backend-api' | 'jwt'

/**
 * The remembered answer for `key` (an instance and a token), without waiting; else `verify`'s, shared with a
 * verification of the same key in flight. `source` says whether `verify` calls the Backend API (bounded, and whose
 * failures are remembered) or checks a JWT locally (neither).
 */
export function cachedMachineVerification(
  key: string,
  source: VerificationSource,
  verify: () => MachineVerification | Promise<MachineVerification>,
): MachineVerification | Promise<MachineVerification> {
  const now = Date.now()
  const known = verified.get(key)
  if (known !== undefined) {
    if (known.until > now) return known.result
    verified.delete(key)
  }
  const running = inFlight.get(key)
  if (running !== undefined) return running
  if (source === 'jwt') return settled(key, verify(), MACHINE_JWT_MAX_AGE_MS, () => undefined)

  const failed = failures.failedRecently(key, now)
  if (failed !== undefined) return failed
  const place = failures.reserve(now)
  if (place === undefined) {
    return machineFailure(
      'too-many-failed-verifications',
      `More than ${MAX_FAILED_VERIFICATIONS} machine tokens failed verification in the last ${FAILED_TOKEN_TTL_MS / 1000} s: ` +
        'this one was not sent to the Backend API. A flood of made-up tokens looks like this; valid tokens verify again once it ages out.',
    )
  }
  backendCalls += 1
  let result: MachineVerification | Promise<MachineVerification>
  try {
    result = verify()
  } catch (error) {
    result = machineFailure('unexpected-error', `Unexpected error while verifying the token: ${String(error)}`)
  }
  return settled(key, result, MACHINE_TOKEN_TTL_MS, (outcome) =>
    place.settle(key, outcome.ok ? undefined : outcome, Date.now()),
  )
}

/** Remembers a success for `maxAgeMs` at most, never past its expiry; reports the outcome; clears the in-flight slot. */
function settled(
  key: string,
  result: MachineVerification | Promise<MachineVerification>,
  maxAgeMs: number,
  report: (outcome: MachineVerification) => void,
): MachineVerification | Promise<MachineVerification> {
  const keep = (outcome: MachineVerification): MachineVerification => {
    report(outcome)
    if (outcome.ok) {
      const limit = Date.now() + maxAgeMs
      const { expiration } = outcome.data
      verified.set(key, { result: outcome, until: expiration === null ? limit : Math.min(limit, expiration) })
    }
    return outcome
  }
  if (!(result instanceof Promise)) return keep(result)
  const shared = result.then(keep, (error: unknown) =>
    keep(machineFailure('unexpected-error', `Unexpected error while verifying the token: ${String(error)}`)),
  )
  inFlight.set(key, shared)
  void shared.finally(() => inFlight.delete(key))
  return shared
}

/** @internal Test hook: how many verifications went to the Backend API in this process. */
export function machineBackendCallCount(): number {
  return backendCalls
}
