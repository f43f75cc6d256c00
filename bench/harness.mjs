// The measuring core of `npm run bench`: arms of one comparison run in interleaved rounds (A B C, B C A, C A B, …)
// so that drift on a busy 2-core machine (GC, CPU boost, other processes) hits every arm alike, and every figure
// is a per-round ratio against the first arm, the baseline, measured in the same process.

/**
 * @typedef {object} Arm
 * @property {string} name
 * @property {(ops: number) => Promise<void>} run  Performs `ops` operations; only this call is timed.
 * @property {number} [minOps]  Smallest useful `ops` (e.g. the concurrency, so every slot has work).
 * @property {(ops: number) => Promise<void> | void} [beforeRound]  Untimed preparation for the next `run(ops)`.
 * @property {(ops: number) => Promise<void> | void} [afterRound]  Untimed bookkeeping after a measured `run`.
 */

/**
 * @typedef {object} ArmResult
 * @property {string} name
 * @property {number} ops  Operations per round.
 * @property {number[]} usPerOp  One figure per measured round.
 * @property {number[]} ratios  Per round: this arm's time per op divided by the baseline's.
 */

/** Rounds and round length, from BENCH_ROUNDS and BENCH_ROUND_MS when set. */
export function benchSettings() {
  return { rounds: envInteger('BENCH_ROUNDS', 12), warmupRounds: 2, roundMs: envInteger('BENCH_ROUND_MS', 300) }
}

/** A whole number ≥ 1 from the environment, or `fallback`; anything else is an error that names the variable. */
export function envInteger(name, fallback) {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  if (!/^[1-9]\d*$/.test(raw))
    throw new Error(`${name} must be a whole number of at least 1 (got ${JSON.stringify(raw)}).`)
  return Number(raw)
}

/**
 * Runs every arm `warmupRounds + rounds` times in rotating order. Each arm's operation count is calibrated once so
 * that a round lasts about `roundMs`: long enough for the clock and the event loop, short enough to interleave.
 * @param {{ arms: Arm[], rounds?: number, warmupRounds?: number, roundMs?: number }} options
 * @returns {Promise<ArmResult[]>}
 */
export async function compare({ arms, ...overrides }) {
  if (arms.length < 2) throw new Error('compare() needs a baseline arm and at least one arm to compare with it.')
  const { rounds, warmupRounds, roundMs } = { ...benchSettings(), ...overrides }
  const ops = []
  for (const arm of arms) ops.push(await calibrate(arm, roundMs))
  const usPerOp = arms.map(() => [])
  for (let round = 0; round < warmupRounds + rounds; round++) {
    for (let k = 0; k < arms.length; k++) {
      const index = (round + k) % arms.length
      const arm = arms[index]
      await arm.beforeRound?.(ops[index])
      const elapsedNs = await timed(() => arm.run(ops[index]))
      if (round < warmupRounds) continue
      usPerOp[index].push(elapsedNs / 1000 / ops[index])
      await arm.afterRound?.(ops[index])
    }
  }
  return arms.map((arm, index) => ({
    name: arm.name,
    ops: ops[index],
    usPerOp: usPerOp[index],
    ratios: usPerOp[index].map((us, round) => us / usPerOp[0][round]),
  }))
}

/**
 * Doubles the operation count until a run is long enough to extrapolate, scales it to `roundMs`, and scales once
 * more from a run at that size, because the first runs of an arm are still cold (JIT, connections, caches).
 */
async function calibrate(arm, roundMs) {
  const minOps = Math.max(1, arm.minOps ?? 1)
  const scaled = (n, ms) => Math.max(minOps, Math.round((n * roundMs) / Math.max(ms, 1e-3)))
  let n = minOps
  for (;;) {
    const ms = await timedRun(arm, n)
    if (ms >= roundMs / 8 || n >= 1e7) {
      n = scaled(n, ms)
      return scaled(n, await timedRun(arm, n))
    }
    n *= ms < roundMs / 100 ? 8 : 2
  }
}

async function timedRun(arm, n) {
  await arm.beforeRound?.(n)
  return (await timed(() => arm.run(n))) / 1e6
}

async function timed(work) {
  const start = process.hrtime.bigint()
  await work()
  return Number(process.hrtime.bigint() - start)
}

/** Runs `total` calls of `operation` with at most `concurrency` in flight, as a server under load sees them. */
export async function runConcurrently(total, concurrency, operation) {
  let started = 0
  const worker = async () => {
    while (started < total) {
      started++
      await operation()
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker))
}

/** User + system CPU time of this process so far, every thread counted (Web Crypto works on libuv's pool), in µs. */
export function processCpuMicros() {
  const { user, system } = process.cpuUsage()
  return user + system
}

/** Linear interpolation between closest ranks; `q` in [0, 1]. */
function quantile(values, q) {
  if (values.length === 0) throw new Error('quantile() of no values')
  const sorted = [...values].sort((a, b) => a - b)
  const position = (sorted.length - 1) * q
  const low = Math.floor(position)
  const high = Math.ceil(position)
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low)
}

export const median = (values) => quantile(values, 0.5)

/** Median, quartiles and extremes of per-round figures. */
export function summarize(values) {
  return {
    median: median(values),
    p25: quantile(values, 0.25),
    p75: quantile(values, 0.75),
    min: Math.min(...values),
    max: Math.max(...values),
  }
}
