// Turns harness results into Markdown tables (printed as is and written to bench/results.md), and describes the
// machine the figures come from.
import { execFileSync } from 'node:child_process'
import { cpus, platform, release, totalmem } from 'node:os'
import { summarize } from './harness.mjs'

/**
 * One table for one comparison: a row per arm, the first arm being the baseline every ratio is taken against.
 * `ratio: 'time'` shows how many times the baseline's time an arm takes (lower is better); `'throughput'` shows an
 * arm's throughput as a percentage of the baseline's (higher is better). `extra` adds columns per arm name.
 * @param {{ results: import('./harness.mjs').ArmResult[], ratio?: 'time' | 'throughput', unit?: string,
 *   extra?: Record<string, Record<string, string>> }} options
 */
export function comparisonTable({ results, ratio = 'time', unit = 'op', extra = {} }) {
  const extraColumns = [...new Set(Object.values(extra).flatMap((columns) => Object.keys(columns)))]
  const ratioHeading = ratio === 'time' ? 'time vs baseline' : 'throughput vs baseline'
  const units = /(ch|sh|s|x)$/.test(unit) ? `${unit}es` : `${unit}s`
  const header = [
    '',
    `µs/${unit}`,
    `${units}/s`,
    `${ratioHeading} (median)`,
    'p25–p75',
    'min–max',
    `rounds × ${units}`,
    ...extraColumns,
  ]
  const rows = results.map((result, index) => {
    const us = summarize(result.usPerOp).median
    const figures = ratio === 'time' ? result.ratios : result.ratios.map((r) => 1 / r)
    const show = ratio === 'time' ? (x) => `${x.toFixed(2)}×` : (x) => `${(x * 100).toFixed(0)} %`
    const s = summarize(figures)
    const ratioCells =
      index === 0
        ? ['baseline', '', '']
        : [show(s.median), `${show(s.p25)}–${show(s.p75)}`, `${show(s.min)}–${show(s.max)}`]
    return [
      result.name,
      formatNumber(us),
      formatNumber(1e6 / us),
      ...ratioCells,
      `${result.usPerOp.length} × ${result.ops}`,
      ...extraColumns.map((column) => extra[result.name]?.[column] ?? ''),
    ]
  })
  return markdownTable(header, rows)
}

/** Figures are right-aligned; the first column, and any listed in `textColumns`, left-aligned. */
export function markdownTable(header, rows, textColumns = []) {
  const line = (cells) => `| ${cells.join(' | ')} |`
  const alignment = header.map((_, i) => (i === 0 || textColumns.includes(i) ? '---' : '---:'))
  return [line(header), line(alignment), ...rows.map(line)].join('\n')
}

/** Three significant digits at most, thousands grouped: 0.0123, 4.56, 78.9, 1 234. */
export function formatNumber(value) {
  if (!Number.isFinite(value)) return String(value)
  if (value >= 1000) return Math.round(value).toLocaleString('en-US').replace(/,/g, ' ')
  return Number(value.toPrecision(3)).toString()
}

/** Node, CPU, OS and the commit the figures come from. */
export function machineDescription() {
  const cpu = cpus()
  return [
    `- Node ${process.version} on ${platform()} ${release()}`,
    `- CPU: ${cpu[0]?.model.trim() ?? 'unknown'}, ${cpu.length} cores; ${Math.round(totalmem() / 2 ** 30)} GiB RAM`,
    `- Commit: ${gitDescription()}`,
    `- Date: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}`,
  ].join('\n')
}

function gitDescription() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim()
    // Only what the figures depend on: the two packages' sources and the benchmarks themselves (not their results).
    const measured = ['src', 'local/src', 'bench', 'package-lock.json', ':(exclude)bench/results.md']
    const changed = execFileSync('git', ['status', '--porcelain', '--untracked-files=no', '--', ...measured], {
      encoding: 'utf8',
    })
      .split('\n')
      .map((line) => line.slice(3).trim())
      .filter(Boolean)
    return changed.length > 0 ? `${commit} with uncommitted changes to ${changed.join(', ')}` : commit
  } catch {
    return 'unknown (not a git checkout)'
  }
}
