// Uploaded images (organization logos) in SQLite, served to browsers by the Frontend API.
import type { SqliteDatabase } from './database.js'

export interface ImageRecord {
  id: string
  /** One of the types the upload accepted (checked against the file's own bytes). */
  content_type: string
  data: Buffer
  created_at: number
}

/** Images are written once and never changed: a new upload is a new id, so browsers may cache one forever. */
export class ImageStore {
  private readonly stmts

  constructor(db: SqliteDatabase) {
    this.stmts = {
      insert: db.prepare<ImageRecord>(
        'INSERT INTO uploaded_images (id, content_type, data, created_at) VALUES (@id, @content_type, @data, @created_at)',
      ),
      get: db.prepare<[string], ImageRecord>('SELECT * FROM uploaded_images WHERE id = ?'),
    }
  }

  insert(record: ImageRecord): void {
    this.stmts.insert.run(record)
  }

  get(id: string): ImageRecord | undefined {
    return this.stmts.get.get(id)
  }
}
