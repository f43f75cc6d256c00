// remix-clerk-local keeps its private key out of its public API on purpose (only the public key is exported), so a
// benchmark that must sign with the very same key reads it from the instance's SQLite file.
import Database from 'better-sqlite3'

/** The instance's RSA private key (PKCS#8 PEM) from a remix-clerk-local database file. */
export function readInstancePrivateKey(dbPath) {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true })
  try {
    const row = db.prepare('SELECT private_key_pem FROM instance WHERE singleton = 1').get()
    if (!row) throw new Error(`no remix-clerk-local instance in ${dbPath}`)
    return row.private_key_pem
  } finally {
    db.close()
  }
}
