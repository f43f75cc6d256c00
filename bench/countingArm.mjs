// Counts what an arm causes (Backend API requests, signature verifications, …) by reading counters before and after
// each measured round, outside the timed part.
import { median } from './harness.mjs'

/**
 * The arm, with its own `beforeRound`/`afterRound` bracketed by reads of every counter (sync or async).
 * `total(name)` is the sum over the measured rounds; `medianPerOp(name)` the median per operation.
 * @param {import('./harness.mjs').Arm} arm
 * @param {Record<string, () => number | Promise<number>>} counters
 */
export function countingArm(arm, counters) {
  const names = Object.keys(counters)
  const before = {}
  const totals = Object.fromEntries(names.map((name) => [name, 0]))
  const perOp = Object.fromEntries(names.map((name) => [name, []]))
  return {
    ...arm,
    async beforeRound(ops) {
      await arm.beforeRound?.(ops)
      for (const name of names) before[name] = await counters[name]()
    },
    async afterRound(ops) {
      for (const name of names) {
        const seen = (await counters[name]()) - before[name]
        totals[name] += seen
        perOp[name].push(seen / ops)
      }
      await arm.afterRound?.(ops)
    },
    total: (name) => totals[name],
    medianPerOp: (name) => median(perOp[name]),
  }
}

/**
 * Counts calls to `crypto.subtle.verify` in this process (both SDKs verify through Web Crypto) until `restore()`;
 * the calls themselves go through unchanged.
 */
export function countSignatureVerifications() {
  const subtle = globalThis.crypto.subtle
  const verify = subtle.verify
  let count = 0
  subtle.verify = function countedVerify(...args) {
    count++
    return verify.apply(this, args)
  }
  return {
    count: () => count,
    restore: () => {
      delete subtle.verify
    },
  }
}
