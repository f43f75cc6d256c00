// The single instance row: its id and keys, which must survive restarts.
import type { SqliteDatabase } from './database.js'

export interface InstanceRecord {
  id: string
  secret_key: string
  private_key_pem: string
  created_at: number
}

export class InstanceStore {
  private readonly selectStmt
  private readonly insertStmt

  constructor(db: SqliteDatabase) {
    this.selectStmt = db.prepare<[], InstanceRecord>(
      'SELECT id, secret_key, private_key_pem, created_at FROM instance WHERE singleton = 1',
    )
    this.insertStmt = db.prepare<InstanceRecord>(
      'INSERT INTO instance (singleton, id, secret_key, private_key_pem, created_at) VALUES (1, @id, @secret_key, @private_key_pem, @created_at)',
    )
  }

  get(): InstanceRecord | undefined {
    return this.selectStmt.get()
  }

  insert(record: InstanceRecord): void {
    this.insertStmt.run(record)
  }
}
