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
 * Counts signature verifications in this process until `restore()`: calls to `crypto.subtle.verify` (what
 * @clerk/remix and jose use) and to node:crypto's `verify` (the synchronous path of ours on Node, which looks `verify`
 * up on the module object at each call, so a wrapper put there counts it). The calls themselves go through unchanged.
 */
export function countSignatureVerifications() {
  const subtle = globalThis.crypto.subtle
  const nodeCrypto = process.getBuiltinModule('node:crypto')
  const subtleVerify = subtle.verify
  const nodeVerify = nodeCrypto.verify
  let count = 0
  subtle.verify = function countedVerify(...args) {
    count++
    return subtleVerify.apply(this, args)
  }
  nodeCrypto.verify = function countedVerify(...args) {
    count++
    return nodeVerify.apply(this, args)
  }
  return {
    count: () => count,
    restore: () => {
      delete subtle.verify
      nodeCrypto.verify = nodeVerify
    },
  }
}
