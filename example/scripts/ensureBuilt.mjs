// @ts-check
// Builds what the example runs on, skipping a step whose outputs are newer than all of its inputs (as make does):
// remix-clerk (dist/, which the app bundles), remix-clerk-local (local/dist/) and the app (example/build/).
// Used by `npm start` and by the end-to-end tests' globalSetup.
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const require = createRequire(import.meta.url)

/**
 * @typedef {object} BuildStep
 * @property {string} name
 * @property {string} cwd
 * @property {string[]} inputs files and folders whose changes call for a rebuild
 * @property {string[]} outputs files the step writes; a missing one calls for a rebuild
 * @property {string[]} command arguments for `node`
 * @property {Array<keyof typeof BUILD_STEPS>} [after] steps whose outputs are inputs of this one
 */

/** @param {string} path */
const fromRoot = (path) => join(REPO_ROOT, path)

/**
 * The path of a package's command-line script, from its package.json `bin` (no shell, no npx).
 * @param {string} packageName
 * @param {string} binName
 */
function binScript(packageName, binName) {
  const manifestPath = require.resolve(`${packageName}/package.json`)
  /** @type {{ bin?: string | Record<string, string> }} */
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[binName]
  if (!bin) throw new Error(`${packageName} has no "${binName}" command; run npm install.`)
  return join(dirname(manifestPath), bin)
}

const ROOT_OUTPUTS = ['dist/api.server.js', 'dist/ssr.server.js', 'dist/api.server.cjs', 'dist/ssr.server.cjs'].map(
  fromRoot,
)

/** @type {Record<'remix-clerk' | 'remix-clerk-local' | 'example', () => BuildStep>} */
const BUILD_STEPS = {
  'remix-clerk': () => ({
    name: 'remix-clerk',
    cwd: REPO_ROOT,
    inputs: ['src', 'tsup.config.ts', 'package.json'].map(fromRoot),
    outputs: ROOT_OUTPUTS,
    command: [binScript('tsup', 'tsup'), '--silent'],
  }),
  'remix-clerk-local': () => ({
    name: 'remix-clerk-local',
    cwd: fromRoot('local'),
    inputs: ['local/src', 'local/tsup.config.ts', 'local/package.json'].map(fromRoot),
    outputs: ['local/dist/index.js', 'local/dist/cli.js', 'local/dist/testing.js'].map(fromRoot),
    command: [binScript('tsup', 'tsup'), '--silent'],
  }),
  example: () => ({
    name: 'example app',
    cwd: fromRoot('example'),
    // The server build bundles remix-clerk's dist, so a rebuilt dist means a rebuilt app.
    inputs: [
      ...['example/app', 'example/public', 'example/vite.config.ts', 'example/package.json'].map(fromRoot),
      ...ROOT_OUTPUTS,
    ],
    outputs: ['example/build/server/index.js'].map(fromRoot),
    command: [binScript('@remix-run/dev', 'remix'), 'vite:build'],
    after: ['remix-clerk'],
  }),
}

/**
 * Newest modification time under `path` (a file or a folder, recursively); 0 when it does not exist.
 * @param {string} path
 * @returns {number}
 */
function newestMtime(path) {
  if (!existsSync(path)) return 0
  const stats = statSync(path)
  if (!stats.isDirectory()) return stats.mtimeMs
  let newest = stats.mtimeMs
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules') continue
    newest = Math.max(newest, newestMtime(join(path, entry)))
  }
  return newest
}

/**
 * Why the step must run, or undefined when its outputs are up to date.
 * @param {BuildStep} step
 */
function staleReason(step) {
  const missing = step.outputs.find((output) => !existsSync(output))
  if (missing) return `${missing.slice(REPO_ROOT.length + 1)} is missing`
  const oldestOutput = Math.min(...step.outputs.map((output) => statSync(output).mtimeMs))
  const changed = step.inputs.find((input) => newestMtime(input) > oldestOutput)
  return changed ? `${changed.slice(REPO_ROOT.length + 1)} changed` : undefined
}

/**
 * Runs `node <command>` in the step's folder; its output is shown only when it fails.
 * @param {BuildStep} step
 * @returns {Promise<void>}
 */
function run(step) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, step.command, {
      cwd: step.cwd,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    /** @type {Buffer[]} */
    const output = []
    child.stdout.on('data', (chunk) => output.push(chunk))
    child.stderr.on('data', (chunk) => output.push(chunk))
    child.on('error', reject)
    child.on('close', (code, signal) => {
      if (code === 0) return resolve()
      const log = Buffer.concat(output).toString('utf8').trim()
      reject(new Error(`building ${step.name} failed (${signal ?? `exit code ${code}`}):\n${log}`))
    })
  })
}

/**
 * Builds the named steps, each only when stale; steps that do not depend on each other build at the same time
 * (the two tsup builds are most of a first start).
 * @param {Array<keyof typeof BUILD_STEPS>} names
 * @param {(message: string) => void} [log]
 * @returns {Promise<string[]>} the names of the steps that ran
 */
export async function ensureBuilt(names, log = () => {}) {
  /** @type {string[]} */
  const built = []
  /** @type {Map<string, Promise<void>>} */
  const running = new Map()
  for (const name of names) {
    const step = BUILD_STEPS[name]()
    const dependencies = (step.after ?? []).map((dependency) => running.get(dependency))
    running.set(
      name,
      Promise.all(dependencies).then(async () => {
        // Checked once the steps it depends on are done: their fresh outputs may make this one stale.
        const reason = staleReason(step)
        if (!reason) return
        log(`Building ${step.name} (${reason})…`)
        await run(step)
        built.push(name)
      }),
    )
  }
  await Promise.all(running.values())
  return built
}
