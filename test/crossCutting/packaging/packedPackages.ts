// The two packages as a user gets them: `npm pack` of the built remix-clerk and remix-clerk-local, installed with npm
// into a new folder outside the repository, from the npm cache (`npm ci` filled it; the registry only for what is
// missing there, such as a package document npm ci did not need).
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
const run = promisify(execFile)

/** What the suites check is built; `npm test` builds it first. */
const BUILT = ['dist/ssr.server.js', 'dist/api.server.d.cts', 'local/dist/index.js', 'local/dist/cli.js']

/** Runs npm in `cwd` and resolves with what it printed. */
export async function npm(cwd: string, args: readonly string[]): Promise<string> {
  const { stdout } = await run('npm', [...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' },
  })
  return stdout
}

export interface Tarballs {
  /** remix-clerk-<version>.tgz */
  root: string
  /** remix-clerk-local-<version>.tgz */
  local: string
}

/** `npm pack` of both packages, as docs/porting.md says, into a new temporary folder. */
export async function packBoth(): Promise<Tarballs> {
  const missing = BUILT.filter((file) => !existsSync(join(ROOT, file)))
  if (missing.length > 0) throw new Error(`${missing.join(', ')} missing: run \`npm run build\` first (npm test does).`)
  const destination = mkdtempSync(join(tmpdir(), 'remix-clerk-packed-'))
  const packed = JSON.parse(
    await npm(ROOT, [
      'pack',
      '--include-workspace-root',
      '--workspace',
      'local',
      '--ignore-scripts',
      '--json',
      '--pack-destination',
      destination,
    ]),
  ) as Array<{ name: string; filename: string }>
  const file = (name: string) => join(destination, packed.find((entry) => entry.name === name)!.filename)
  return { root: file('remix-clerk'), local: file('remix-clerk-local') }
}

/** A new, empty app folder with a package.json of the given module type. */
export function newApp(prefix: string, type: 'module' | 'commonjs' = 'module'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'app', private: true, type }, null, 2)}\n`)
  return dir
}

/**
 * `npm install <args>` in `dir`, from the npm cache first (`--prefer-offline`). Install scripts are skipped:
 * better-sqlite3 would compile SQLite for minutes; a suite that runs the backend links the repository's build of the
 * same version instead.
 */
export async function installFromCache(dir: string, args: readonly string[]): Promise<void> {
  await npm(dir, ['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', ...args])
}
