// The whole store behind one object, so services share one database and one transaction function.
import { type SqliteDatabase, openDatabase } from './database.js'
import { AttemptStore } from './attemptStore.js'
import { ClientStore } from './clientStore.js'
import { ImageStore } from './imageStore.js'
import { InstanceRecords } from './instanceRecords.js'
import { InstanceStore } from './instanceStore.js'
import { InvitationStore } from './invitationStore.js'
import { MachineAuthStores } from './machineAuthStores.js'
import { NonceStore } from './nonceStore.js'
import { OrganizationDomainStore } from './organizationDomainStore.js'
import { OrganizationInvitationStore } from './organizationInvitationStore.js'
import { OrganizationStore } from './organizationStore.js'
import { SessionStore } from './sessionStore.js'
import { TemplateStore } from './templateStore.js'
import { UserStore } from './userStore.js'

/** Every table's prepared statements, built once per database. */
export class Store {
  readonly instance: InstanceStore
  readonly users: UserStore
  readonly clients: ClientStore
  readonly sessions: SessionStore
  readonly organizations: OrganizationStore
  readonly organizationInvitations: OrganizationInvitationStore
  readonly organizationDomains: OrganizationDomainStore
  readonly invitations: InvitationStore
  readonly images: ImageStore
  readonly templates: TemplateStore
  readonly nonces: NonceStore
  readonly attempts: AttemptStore
  /** Machines, M2M tokens, API keys and OAuth access tokens (issue 27). */
  readonly machineAuth: MachineAuthStores
  /** Sign-in and actor tokens, access lists, redirect URLs, domains, waitlist and settings. */
  readonly records: InstanceRecords

  private readonly ownChanges
  private readonly otherCommits
  /** Work waiting for the outermost transaction to commit (see onCommit). */
  private afterCommit: Array<() => void> = []
  /** Inside bulkTransaction(): nested transactions run inline. */
  private inBulk = false

  constructor(readonly db: SqliteDatabase) {
    // total_changes() moves with every row this connection writes, data_version with every commit by another
    // connection (the seed CLI, a second server on the same file): together they say "something changed".
    // Two statements rather than one SELECT over the pragma_data_version table: the plain pragma costs half as much,
    // and total_changes() opens no read transaction at all.
    this.ownChanges = db.prepare<[], number>('SELECT total_changes()').pluck()
    this.otherCommits = db.prepare<[], number>('PRAGMA data_version').pluck()
    this.instance = new InstanceStore(db)
    this.users = new UserStore(db)
    this.clients = new ClientStore(db)
    this.sessions = new SessionStore(db)
    this.organizations = new OrganizationStore(db)
    this.organizationInvitations = new OrganizationInvitationStore(db)
    this.organizationDomains = new OrganizationDomainStore(db)
    this.invitations = new InvitationStore(db)
    this.images = new ImageStore(db)
    this.templates = new TemplateStore(db)
    this.nonces = new NonceStore(db)
    this.attempts = new AttemptStore(db)
    this.machineAuth = new MachineAuthStores(db)
    this.records = new InstanceRecords(db)
  }

  static open(path: string): Store {
    return new Store(openDatabase(path))
  }

  /** Changes whenever any row of the database may have changed; caches of rows compare it to stay exact. */
  changeStamp(): string {
    return `${this.ownChanges.get()!}:${this.otherCommits.get()!}`
  }

  /**
   * Runs `work` in one transaction: if it throws, nothing it wrote stays, and nothing it asked to run on commit runs.
   * Nested calls are savepoints: one that throws drops only its own on-commit work.
   */
  transaction<T>(work: () => T): T {
    if (this.inBulk) return work()
    const mark = this.afterCommit.length
    const outermost = !this.db.inTransaction
    let result: T
    try {
      result = this.db.transaction(work)()
    } catch (error) {
      this.afterCommit.length = mark
      throw error
    }
    if (outermost) {
      const committed = this.afterCommit
      this.afterCommit = []
      for (const callback of committed) callback()
    }
    return result
  }

  /**
   * One all-or-nothing transaction for bulk work (seeding), where nothing is caught half-way and nothing searches:
   * nested transaction() calls open no savepoint, which would copy every page an item touches to SQLite's statement
   * journal (measured: 2.5× the cost of the inserts themselves at 10 000 users), and new users' search index lines
   * are written at the end in one statement (see UserStore.withDeferredSearch).
   */
  bulkTransaction<T>(work: () => T): T {
    return this.transaction(() => {
      const outer = this.inBulk
      this.inBulk = true
      try {
        return this.users.withDeferredSearch(work)
      } finally {
        this.inBulk = outer
      }
    })
  }

  /**
   * Runs `callback` once what was written so far is committed: at the end of the outermost transaction, or at once
   * outside one. Never when the transaction rolls back, so that nothing announces a change that did not happen
   * (webhooks).
   */
  onCommit(callback: () => void): void {
    if (this.db.inTransaction) this.afterCommit.push(callback)
    else callback()
  }

  close(): void {
    if (!this.db.open) return
    // Folds the WAL back into the main file so a copied .db is complete on its own.
    if (this.db.name !== ':memory:') this.db.pragma('wal_checkpoint(TRUNCATE)')
    this.db.close()
  }
}
