import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { MIGRATIONS } from './migrations.js'

export type SqliteDatabase = Database.Database

/**
 * Opens (creating if needed) the SQLite file and brings its schema up to date. WAL keeps readers off the writer's
 * back, and with `synchronous = NORMAL` a committed transaction survives a killed process (not a power cut,
 * which a local development backend does not need to survive).
 */
export function openDatabase(path: string): SqliteDatabase {
  if (path !== ':memory:' && !path.startsWith('file:')) mkdirSync(dirname(path), { recursive: true })
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  migrate(db)
  return db
}

function migrate(db: SqliteDatabase): void {
  const applied = db.pragma('user_version', { simple: true }) as number
  if (applied > MIGRATIONS.length) {
    throw new Error(
      `The database was created by a newer remix-clerk-local (schema version ${applied}, this one knows ${MIGRATIONS.length}). Upgrade remix-clerk-local or use another --db file.`,
    )
  }
  for (let version = applied; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!)
      db.pragma(`user_version = ${version + 1}`)
    })()
  }
}
