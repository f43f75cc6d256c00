// Opening the SQLite file: private file modes, WAL and migrations, in one place.
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { LocalClerkError } from '../shared/errors.js'
import { type Narrowed, makePrivateDirectories, makePrivateFile, octal } from '../shared/privateFiles.js'
import { MIGRATIONS } from './migrations.js'

export type SqliteDatabase = Database.Database

/**
 * Opens (creating if needed) the SQLite file and brings its schema up to date. WAL keeps readers off the writer's
 * back, and with `synchronous = NORMAL` a committed transaction survives a killed process (not a power cut,
 * which a local development backend does not need to survive).
 */
export function openDatabase(path: string): SqliteDatabase {
  if (path !== ':memory:' && !path.startsWith('file:')) prepareFiles(path)
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  // A statement that fires a trigger inside a larger transaction (seed(), a request's) keeps a statement journal of
  // the pages it changes; in a temporary file, that cost each seeded user's e-mail address (whose insert copies it
  // into the user's row, migration 8) about 25 µs of system calls, measured at that change; in memory, about 5 µs.
  db.pragma('temp_store = MEMORY')
  migrate(db)
  return db
}

/**
 * The database holds the secret key and the signing key, so it is created 0600 before SQLite opens it, in
 * directories created 0700. SQLite gives the -wal, -shm and -journal files it creates later the mode of the
 * database file, so they are private too; ones left by an older version are narrowed here, with one warning.
 */
function prepareFiles(path: string): void {
  makePrivateDirectories(dirname(path))
  const narrowed = [
    makePrivateFile(path, true),
    ...['-wal', '-shm', '-journal'].map((suffix) => makePrivateFile(`${path}${suffix}`)),
  ]
  const changed = narrowed.filter((file): file is Narrowed => file !== undefined)
  if (changed.length === 0) return
  const files = changed.map((file) => `${file.path} (was ${octal(file.was)})`).join(', ')
  const modes = [...new Set(changed.map((file) => octal(file.now)))].join(', ')
  console.warn(
    `remix-clerk-local: ${files} could be read by other users; changed to mode ${modes}, because the database holds ` +
      'the secret key and the signing key of the instance.',
  )
}

function migrate(db: SqliteDatabase): void {
  const applied = db.pragma('user_version', { simple: true }) as number
  if (applied > MIGRATIONS.length) {
    throw new LocalClerkError(
      'REMIX_CLERK_LOCAL_DATABASE_TOO_NEW',
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
