// A database file as an older remix-clerk-local left it (its first `version` migrations applied, private like the
// backend's own), filled by the test, then opened by this version: what every migration's upgrade test needs.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { type LocalClerk, createLocalClerk } from '../../src/index.js'
import { MIGRATIONS } from '../../src/store/migrations.js'

/**
 * Writes a database of schema `version`, lets `fill` insert rows with plain SQL, then opens it with
 * `createLocalClerk` (which upgrades it) and hands the instance to `check`; closes it and removes the file after.
 */
export async function upgradedFrom(
  version: number,
  fill: (raw: Database.Database) => void,
  check: (upgraded: LocalClerk) => Promise<void> | void,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `schema-${version}-`))
  try {
    const db = join(dir, `version-${version}.db`)
    writeFileSync(db, '', { mode: 0o600 }) // private, as the backend makes it (no warning)
    const raw = new Database(db)
    for (const migration of MIGRATIONS.slice(0, version)) raw.exec(migration)
    raw.pragma(`user_version = ${version}`)
    fill(raw)
    raw.close()
    const upgraded = await createLocalClerk({ db })
    try {
      await check(upgraded)
    } finally {
      await upgraded.close()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
