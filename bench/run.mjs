// `npm run bench` (after `npm run build`): runs the benchmarks of issue 7 against the BUILT packages, prints each
// table, and on a full run writes bench/results.md. `node bench/run.mjs 3 4` runs a subset and writes nothing;
// `node bench/run.mjs --write 7` rewrites only the sections of the subset in bench/results.md, each saying where and
// when it was measured. A benchmark that fails is reported with its error and makes the exit code 1; it never
// yields a figure.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { benchSettings } from './harness.mjs'
import './lifecycle.mjs'
import { machineDescription } from './report.mjs'

const MODULES = [
  './getAuth.mjs',
  './loaders.mjs',
  './getToken.mjs',
  './minting.mjs',
  './packageCost.mjs',
  './clientConstruction.mjs',
  './scale.mjs',
  './machineTokens.mjs',
]
const BUILT = ['../dist/api.server.js', '../dist/ssr.server.js', '../local/dist/index.js']
const RESULTS = new URL('./results.md', import.meta.url)

async function main(argv) {
  const missing = BUILT.filter((path) => !existsSync(new URL(path, import.meta.url)))
  if (missing.length > 0) {
    throw new Error(
      `missing build output (${missing.join(', ')}): run \`npm run build\` first, or use \`npm run bench\`, which does.`,
    )
  }
  const benches = await Promise.all(MODULES.map(async (path) => (await import(path)).bench))
  const write = argv.includes('--write')
  const ids = argv.filter((arg) => arg !== '--write')
  if (write && ids.length === 0)
    throw new Error(
      '--write rewrites the sections of the benchmarks named after it: give their numbers, e.g. `--write 7`.',
    )
  const wanted = ids.map(Number)
  const unknown = ids.filter((arg, i) => !benches.some((b) => b.id === wanted[i]))
  if (unknown.length > 0)
    throw new Error(`unknown benchmark ${unknown.join(', ')}: choose among ${benches.map((b) => b.id).join(', ')}.`)
  const selected = wanted.length === 0 ? benches : benches.filter((b) => wanted.includes(b.id))

  const settings = benchSettings()
  const machine = machineDescription()
  const { rounds, warmupRounds, roundMs } = settings
  console.log(
    `remix-clerk benchmarks\n${machine}\n- ${rounds} measured rounds after ${warmupRounds} warm-up rounds, ~${roundMs} ms per arm per round\n`,
  )
  const parts = []
  let failures = 0
  for (const bench of selected) {
    const heading = `## ${bench.id}. ${bench.title}`
    console.log(heading)
    const started = performance.now()
    let body
    if (bench.todo) {
      body = `Not measured yet. ${bench.todo}`
    } else {
      try {
        const { sections } = await bench.run()
        body = sections.map(({ heading, text, table }) => `### ${heading}\n\n${text}\n\n${table}`).join('\n\n')
      } catch (error) {
        failures++
        body = `**FAILED**: ${error instanceof Error ? error.message : String(error)}`
        console.error(error)
      }
    }
    console.log(`${body}\n\n(${((performance.now() - started) / 1000).toFixed(1)} s)\n`)
    parts.push({ id: bench.id, text: `${heading}\n\n${body}` })
  }

  if (wanted.length === 0) {
    writeFileSync(
      RESULTS,
      resultsDocument(
        machine,
        settings,
        parts.map((part) => part.text),
      ),
    )
    console.log(`Wrote ${fileURLToPath(RESULTS)}`)
  } else if (write) {
    writeFileSync(RESULTS, replaceSections(readFileSync(RESULTS, 'utf8'), parts, machine, settings))
    console.log(`Rewrote benchmark ${wanted.join(', ')} in ${fileURLToPath(RESULTS)}`)
  } else {
    console.log('A subset was run: bench/results.md is left as it was (run `npm run bench` to regenerate it).')
  }
  if (failures > 0) {
    console.error(`${failures} benchmark(s) failed.`)
    process.exitCode = 1
  }
}

/**
 * The results document with the sections of `parts` replaced (or appended, in benchmark order), each opening with
 * the machine, commit and rounds of its own run, since they differ from the full run's at the top.
 */
function replaceSections(document, parts, machine, { rounds, warmupRounds, roundMs }) {
  const sections = document.split(/^(?=## \d+\. )/m)
  const [head, ...numbered] = sections
  const byId = new Map(numbered.map((section) => [Number(/^## (\d+)\./.exec(section)[1]), section.trimEnd()]))
  for (const { id, text } of parts) {
    const [heading, ...rest] = text.split('\n\n')
    const note = `Measured on its own (\`node bench/run.mjs --write ${id}\`; ${warmupRounds} warm-up and ${rounds} measured rounds of ~${roundMs} ms per arm):\n${machine}`
    byId.set(id, [heading, note, ...rest].join('\n\n'))
  }
  return `${head.trimEnd()}\n\n${[...byId]
    .sort(([a], [b]) => a - b)
    .map(([, section]) => section)
    .join('\n\n')}\n`
}

function resultsDocument(machine, { rounds, warmupRounds, roundMs }, parts) {
  return `# remix-clerk benchmarks

Written by \`npm run bench\`; do not edit by hand.

${machine}

Every figure is a ratio against the first row of its table, the baseline, measured in the same process in
interleaved rounds (A B, B A, …; ${warmupRounds} warm-up rounds, then ${rounds} measured rounds of about
${roundMs} ms per arm). Times are medians over the measured rounds; "p25–p75" and "min–max" are the spread of
the per-round ratios.

## How to reproduce

\`\`\`sh
npm ci
npm run bench            # builds, runs every benchmark, rewrites bench/results.md (about 15 minutes)
node bench/run.mjs 3 4   # after npm run build: only benchmarks 3 and 4, printed, results.md untouched
node bench/run.mjs --write 7   # after npm run build: benchmark 7 alone, its section of results.md rewritten
BENCH_SCALE_USERS=20000 node bench/run.mjs 7   # benchmark 7 against 20 000 users instead of 100 000
BENCH_ROUNDS=20 BENCH_ROUND_MS=500 npm run bench   # more and longer rounds (BENCH_IMPORT_RUNS: cold imports)
BENCH_MINT_IN_FLIGHT=32 node bench/run.mjs 4       # benchmark 4 with 32 tokens in flight instead of 8
\`\`\`

To see where getAuth spends its time: \`node --cpu-prof bench/profileGetAuth.mjs seen 200000\` (cases \`seen\`,
\`first\`, \`same\`, \`request\`; add \`jwks\` for a warm JWKS instead of \`jwtKey\`). To see where minting time goes:
\`node --cpu-prof bench/profileMinting.mjs fetch 1000\` (one layer in process), or
\`BENCH_SERVER_PROFILE_DIR=/tmp/prof node bench/run.mjs 4\` (the server process of benchmark 4); open the
\`.cpuprofile\` in Chrome DevTools.

Benchmark 5 installs packages from the npm registry into a temporary directory (no other network is used).

${parts.join('\n\n')}
`
}

try {
  await main(process.argv.slice(2))
} catch (error) {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
}
