// Benchmark 5: what a user pays to depend on remix-clerk rather than @clerk/remix: packages and bytes installed,
// and the time to import the entry points in a fresh Node process.
import { execFile } from 'node:child_process'
import { lstat, mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { envInteger, summarize } from './harness.mjs'
import { makeTempDir } from './lifecycle.mjs'
import { formatNumber, markdownTable } from './report.mjs'

const run = promisify(execFile)
const ROOT = fileURLToPath(new URL('..', import.meta.url))
const CLERK_REMIX = '@clerk/remix@^4'
// Peer dependencies (React, Remix) are the app's own on both sides, so neither install counts them.
const INSTALL_FLAGS = ['--omit=dev', '--omit=peer', '--ignore-scripts', '--no-audit', '--no-fund']
const IMPORT_PAIRS = [
  { ours: 'remix-clerk/ssr.server', theirs: '@clerk/remix/ssr.server' },
  { ours: 'remix-clerk/api.server', theirs: '@clerk/remix/api.server' },
]

export const bench = {
  id: 5,
  title: 'Package cost: installed size, dependencies, cold import time',
  async run() {
    const temp = makeTempDir('package-cost')
    try {
      const tarball = await packRoot(temp.path)
      const theirs = await installed(temp.path, 'clerk-remix', CLERK_REMIX, '@clerk/remix')
      const ours = await installed(temp.path, 'remix-clerk', tarball, 'remix-clerk')
      const runs = envInteger('BENCH_IMPORT_RUNS', 10)
      const imports = await coldImports(runs)
      return {
        sections: [
          {
            heading: 'Installed as a user installs it',
            text:
              `\`npm install <package> ${INSTALL_FLAGS.join(' ')}\` into an empty directory: remix-clerk from its ` +
              `\`npm pack\` tarball, @clerk/remix as \`${CLERK_REMIX}\` from the registry. Peer dependencies are left out on ` +
              'both sides. "Dependencies" counts every installed package but the one asked for.',
            table: installTable([theirs, ours]),
          },
          {
            heading: `Cold import, median of ${runs} fresh \`node\` processes each, interleaved`,
            text:
              'Time from before to after `await import(entry)` inside a new process, with the packages of this repository ' +
              `(@clerk/remix ${await repoVersion('@clerk/remix')} with its peers installed).`,
            table: imports,
          },
        ],
      }
    } finally {
      temp.remove()
    }
  },
}

async function packRoot(dir) {
  const { stdout } = await npm(['pack', '--json', '--pack-destination', dir], ROOT)
  const [packed] = JSON.parse(stdout)
  if (!packed?.filename) throw new Error(`npm pack printed no tarball name: ${stdout.slice(0, 200)}`)
  return join(dir, packed.filename)
}

async function installed(tempDir, label, spec, name) {
  const dir = join(tempDir, label)
  await mkdir(dir)
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: `bench-${label}`, private: true }))
  await npm(['install', spec, ...INSTALL_FLAGS], dir)
  const modules = join(dir, 'node_modules')
  const packages = await packageDirs(modules)
  const version = JSON.parse(await readFile(join(modules, name, 'package.json'), 'utf8')).version
  const others = packages.filter((p) => p !== name).sort()
  return { name, version, dependencies: others, ...(await treeSize(modules)) }
}

function installTable([baseline, ...rest]) {
  const rows = [baseline, ...rest].map((entry, index) => [
    `${entry.name}@${entry.version}`,
    String(entry.dependencies.length),
    `${formatNumber(entry.diskBytes / 1024)} KiB`,
    `${formatNumber(entry.apparentBytes / 1024)} KiB`,
    index === 0 ? 'baseline' : `${((100 * entry.diskBytes) / baseline.diskBytes).toFixed(1)} %`,
    entry.dependencies.length <= 12
      ? entry.dependencies.join(', ') || '—'
      : `${entry.dependencies.slice(0, 12).join(', ')}, …`,
  ])
  return markdownTable(
    ['', 'dependencies', 'on disk (du)', 'file bytes', 'on disk vs baseline', 'installed packages'],
    rows,
    [5],
  )
}

/** Every package directory under node_modules, nested ones included, as `name` or `@scope/name`. */
async function packageDirs(modules) {
  const found = []
  for (const entry of await readdir(modules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue
    const names = entry.name.startsWith('@')
      ? (await readdir(join(modules, entry.name))).map((child) => `${entry.name}/${child}`)
      : [entry.name]
    for (const name of names) {
      found.push(name)
      const nested = join(modules, name, 'node_modules')
      if (await exists(nested)) found.push(...(await packageDirs(nested)))
    }
  }
  return found
}

/** File bytes and allocated blocks (what `du` reports), without following links. */
async function treeSize(path) {
  const stat = await lstat(path)
  let apparentBytes = stat.size
  let diskBytes = stat.blocks * 512
  if (stat.isDirectory()) {
    for (const child of await readdir(path)) {
      const size = await treeSize(join(path, child))
      apparentBytes += size.apparentBytes
      diskBytes += size.diskBytes
    }
  }
  return { apparentBytes, diskBytes }
}

const exists = (path) =>
  lstat(path).then(
    () => true,
    () => false,
  )

async function npm(args, cwd) {
  try {
    return await run('npm', args, { cwd, timeout: 180_000, maxBuffer: 16 * 2 ** 20 })
  } catch (error) {
    throw new Error(`npm ${args.join(' ')} failed in ${cwd}: ${error.stderr?.trim() || error.message}`)
  }
}

async function repoVersion(name) {
  return JSON.parse(await readFile(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version
}

/** Milliseconds one fresh process spends in `await import(specifier)`, resolved from the repository root. */
async function importMs(specifier) {
  const script = `const t = performance.now(); await import(${JSON.stringify(specifier)}); process.stdout.write(String(performance.now() - t))`
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, timeout: 60_000 })
  const ms = Number(stdout)
  if (!Number.isFinite(ms))
    throw new Error(`importing ${specifier} printed ${JSON.stringify(stdout)} instead of a duration`)
  return ms
}

async function coldImports(runs) {
  const specifiers = IMPORT_PAIRS.flatMap(({ ours, theirs }) => [theirs, ours])
  const times = new Map(specifiers.map((s) => [s, []]))
  for (let round = 0; round < runs; round++) {
    // Rotated order, so no entry always runs right after the same one (disk cache, CPU frequency).
    for (let k = 0; k < specifiers.length; k++) {
      const specifier = specifiers[(round + k) % specifiers.length]
      times.get(specifier).push(await importMs(specifier))
    }
  }
  const ms = (values) => {
    const s = summarize(values)
    return [`${formatNumber(s.median)} ms`, `${formatNumber(s.p25)}–${formatNumber(s.p75)} ms`]
  }
  const times2 = (x) => `${x.toFixed(2)}×`
  const rows = IMPORT_PAIRS.flatMap(({ ours, theirs }) => {
    const base = times.get(theirs)
    const mine = times.get(ours)
    const ratios = summarize(mine.map((value, i) => value / base[i]))
    return [
      [`\`${theirs}\``, ...ms(base), 'baseline', '', ''],
      [
        `\`${ours}\``,
        ...ms(mine),
        times2(ratios.median),
        `${times2(ratios.p25)}–${times2(ratios.p75)}`,
        `${times2(ratios.min)}–${times2(ratios.max)}`,
      ],
    ]
  })
  return markdownTable(['entry', 'import (median)', 'p25–p75', 'time vs baseline (median)', 'p25–p75', 'min–max'], rows)
}
