import { type SqliteDatabase, openDatabase } from './database.js'
import { InstanceStore } from './instanceStore.js'
import { NonceStore } from './nonceStore.js'
import { OrganizationStore } from './organizationStore.js'
import { SessionStore } from './sessionStore.js'
import { TemplateStore } from './templateStore.js'
import { UserStore } from './userStore.js'

/** Every table's prepared statements, built once per database. */
export class Store {
  readonly instance: InstanceStore
  readonly users: UserStore
  readonly sessions: SessionStore
  readonly organizations: OrganizationStore
  readonly templates: TemplateStore
  readonly nonces: NonceStore

  constructor(readonly db: SqliteDatabase) {
    this.instance = new InstanceStore(db)
    this.users = new UserStore(db)
    this.sessions = new SessionStore(db)
    this.organizations = new OrganizationStore(db)
    this.templates = new TemplateStore(db)
    this.nonces = new NonceStore(db)
  }

  static open(path: string): Store {
    return new Store(openDatabase(path))
  }

  /** Runs `work` in one transaction: if it throws, nothing it wrote stays. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)()
  }

  close(): void {
    if (!this.db.open) return
    // Folds the WAL back into the main file so a copied .db is complete on its own.
    if (this.db.name !== ':memory:') this.db.pragma('wal_checkpoint(TRUNCATE)')
    this.db.close()
  }
}
