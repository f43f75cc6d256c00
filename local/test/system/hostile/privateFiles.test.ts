// The database holds the instance's secret key and RSA private key: on a shared machine nobody else may read it.
// Under the common umask 022 (which makes new files 0644), the database and its -wal and -shm files are 0600 and
// the directories created for it 0700; an existing database with wider modes is narrowed on open, with one
// warning that names each file and its new mode.
import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createLocalClerk } from '../../../src/index.js'

const dir = mkdtempSync(join(tmpdir(), 'local-clerk-private-'))
let previousUmask = 0
beforeAll(() => {
  previousUmask = process.umask(0o022)
})
afterAll(() => {
  process.umask(previousUmask)
  rmSync(dir, { recursive: true, force: true })
})

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8).padStart(4, '0')

/** Opens the database, writes to it (so SQLite creates -wal and -shm), and reports the modes while it is open. */
async function openAndWrite(db: string, files: string[]): Promise<Record<string, string>> {
  const clerk = await createLocalClerk({ db })
  try {
    clerk.seed({ users: [{ email_address: [`u${Math.random().toString(36).slice(2)}@example.com`] }] })
    return Object.fromEntries(files.map((file) => [file, modeOf(file)]))
  } finally {
    await clerk.close()
  }
}

describe('database files under umask 022', () => {
  it('creates the missing directories 0700 and the database, -wal and -shm 0600', async () => {
    const db = join(dir, 'fresh', 'nested', 'local-clerk.db')
    const warn = vi.spyOn(console, 'warn')
    try {
      expect(await openAndWrite(db, [db, `${db}-wal`, `${db}-shm`])).toEqual({
        [db]: '0600',
        [`${db}-wal`]: '0600',
        [`${db}-shm`]: '0600',
      })
      expect(warn).not.toHaveBeenCalled()
    } finally {
      warn.mockRestore()
    }
    expect(modeOf(join(dir, 'fresh'))).toBe('0700')
    expect(modeOf(join(dir, 'fresh', 'nested'))).toBe('0700')
    // The top directory created ignores everything in it, itself included.
    expect(readFileSync(join(dir, 'fresh', '.gitignore'), 'utf8')).toMatch(/\n\*\n$/)
    expect(existsSync(join(dir, 'fresh', 'nested', '.gitignore'))).toBe(false)
  })

  it('leaves a directory that already existed as it was: it may be the working directory', async () => {
    const existing = join(dir, 'existing')
    mkdirSync(existing, { mode: 0o755 })
    const db = join(existing, 'local-clerk.db')
    expect((await openAndWrite(db, [db]))[db]).toBe('0600')
    expect(modeOf(existing)).toBe('0755')
    expect(existsSync(join(existing, '.gitignore'))).toBe(false)
  })

  it('narrows an existing database and its -wal and -shm files to 0600, with one warning naming each file', async () => {
    const db = join(dir, 'old', 'local-clerk.db')
    await openAndWrite(db, [db])
    // What an older version left behind: everything readable by everyone, a -wal and a -shm from a crash.
    chmodSync(join(dir, 'old'), 0o755)
    chmodSync(db, 0o644)
    writeFileSync(`${db}-wal`, '')
    writeFileSync(`${db}-shm`, '', { mode: 0o664 })
    chmodSync(`${db}-shm`, 0o664)
    expect([modeOf(db), modeOf(`${db}-wal`), modeOf(`${db}-shm`)]).toEqual(['0644', '0644', '0664'])

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    try {
      expect(await openAndWrite(db, [db, `${db}-wal`, `${db}-shm`])).toEqual({
        [db]: '0600',
        [`${db}-wal`]: '0600',
        [`${db}-shm`]: '0600',
      })
      expect(warn).toHaveBeenCalledTimes(1)
      expect(warn.mock.calls[0]).toEqual([
        `remix-clerk-local: ${db} (was 0644), ${db}-wal (was 0644), ${db}-shm (was 0664) could be read by other users; ` +
          'changed to mode 0600, because the database holds the secret key and the signing key of the instance.',
      ])
      warn.mockClear()
      await openAndWrite(db, [db])
      expect(warn).not.toHaveBeenCalled()
    } finally {
      warn.mockRestore()
    }
  })

  it('leaves :memory: alone', async () => {
    const warn = vi.spyOn(console, 'warn')
    try {
      const clerk = await createLocalClerk({ db: ':memory:' })
      await clerk.close()
      expect(warn).not.toHaveBeenCalled()
    } finally {
      warn.mockRestore()
    }
  })
})

describe("the data folder in an app's repository", () => {
  it('is never offered to git: `git add -A` in the app stages nothing of .data/', async () => {
    const app = join(dir, 'app')
    mkdirSync(app)
    const git = (...args: string[]) => execFileSync('git', args, { cwd: app, encoding: 'utf8' })
    git('init', '--quiet')
    writeFileSync(join(app, 'package.json'), '{}\n')
    // The default place, .data/local-clerk.db in the app's folder, as `remix-clerk-local start` uses it there.
    const db = join(app, '.data', 'local-clerk.db')
    await openAndWrite(db, [db])
    git('add', '-A')
    expect(git('diff', '--cached', '--name-only').split('\n').filter(Boolean)).toEqual(['package.json'])
    expect(git('status', '--porcelain', '--ignored', '--untracked-files=all')).toContain('!! .data/')
  })
})
