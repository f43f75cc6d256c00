// The `remix-clerk-local` command right after `npm install` in a fresh clone: npm links a bin only if its file exists
// at install time, so the bin is a committed file that loads dist/cli.js, and says what to run when it is not built.
import { execFileSync, spawnSync } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..')
const REPO_ROOT = join(PACKAGE_DIR, '..')
const manifest = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as {
  bin: Record<string, string>
  files: string[]
}
const BIN = join(PACKAGE_DIR, manifest.bin['remix-clerk-local']!)

describe('the remix-clerk-local bin', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'remix-clerk-local-bin-'))
  afterAll(() => rmSync(scratch, { recursive: true, force: true }))

  it('is a committed, executable file outside dist/, and published', () => {
    const relative = manifest.bin['remix-clerk-local']!.replace(/^\.\//, '')
    expect(relative.startsWith('dist/')).toBe(false)
    // Committed: a fresh clone has it before any build, so `npm install` links it.
    const staged = execFileSync('git', ['ls-files', '--stage', '--', relative], { cwd: PACKAGE_DIR, encoding: 'utf8' })
    expect(staged).toMatch(new RegExp(`^100755 \\w+ 0\\t${relative.replace(/\./g, '\\.')}\\n$`))
    expect(manifest.files).toContain(relative.split('/')[0])
  })

  it('is linked by npm install as node_modules/.bin/remix-clerk-local', () => {
    const link = join(REPO_ROOT, 'node_modules', '.bin', 'remix-clerk-local')
    // A node_modules installed before the bin moved out of dist/ has no link yet: npm install makes it.
    if (!existsSync(link)) throw new Error(`${link} is missing: run \`npm install\` at the repository root.`)
    expect(realpathSync(link)).toBe(realpathSync(BIN))
  })

  it('runs the built CLI through the linked command', () => {
    const run = spawnSync(join(REPO_ROOT, 'node_modules', '.bin', 'remix-clerk-local'), ['--help'], {
      encoding: 'utf8',
    })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/^Usage: remix-clerk-local <command> \[options\]\n/)
  })

  it('passes the arguments and the exit code through', () => {
    const run = spawnSync(process.execPath, [BIN, 'nonsense'], { encoding: 'utf8' })
    expect(run.status).toBe(2)
    expect(run.stderr).toContain('remix-clerk-local: unknown command "nonsense". [REMIX_CLERK_LOCAL_INVALID_USAGE]')
  })

  it('without dist/ (a clone before its first build), says to run npm run build and exits 1', () => {
    // A copy of the package without dist/: the real dist/ stays in place for the tests running beside this one.
    const copy = join(scratch, 'local')
    mkdirSync(join(copy, 'bin'), { recursive: true })
    writeFileSync(join(copy, 'package.json'), JSON.stringify({ type: 'module' }))
    copyFileSync(BIN, join(copy, 'bin', 'remix-clerk-local.js'))
    const run = spawnSync(process.execPath, [join(copy, 'bin', 'remix-clerk-local.js'), 'start'], { encoding: 'utf8' })
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe(
      `remix-clerk-local: ${join(copy, 'dist', 'cli.js')} is missing: the package has not been built.\n` +
        'In a clone of the remix-clerk repository, run `npm run build` at its root (or `npm run build -w local`), ' +
        'then run this command again.\n',
    )
    expect(run.status).toBe(1)
  })
})
