// The instance's own Backend API objects in SQLite: tickets (sign-in and actor tokens), allowlist and blocklist
// identifiers, redirect URLs, domains, waitlist entries and instance settings.
import type { SqliteDatabase } from './database.js'
import { type RowCodec, RecordTable } from './recordTable.js'

export type TicketKind = 'sign_in_token' | 'actor_token'
type TicketStatus = 'pending' | 'accepted' | 'revoked'

/** A one-time credential that signs a user in through `strategy: 'ticket'`: a sign-in token or an actor token. */
export interface TicketRecord {
  id: string
  kind: TicketKind
  /** The secret the URL and the ticket strategy carry. */
  token: string
  user_id: string
  /** Actor tokens: who acts as the user, at least `{ sub }`. */
  actor: Record<string, unknown> | null
  /** Actor tokens: how long the impersonation session may last, in seconds. */
  session_max_duration: number | null
  status: TicketStatus
  expires_at: number
  created_at: number
  updated_at: number
}

export type AccessList = 'allow' | 'block'
export type IdentifierType = 'email_address' | 'phone_number' | 'web3_wallet' | 'domain'

export interface AccessIdentifierRecord {
  id: string
  list: AccessList
  /** Lower-cased e-mail address, phone number, wallet, or a domain such as `example.com`. */
  identifier: string
  identifier_type: IdentifierType
  created_at: number
  updated_at: number
}

export interface RedirectUrlRecord {
  id: string
  url: string
  created_at: number
  updated_at: number
}

export interface DomainRecord {
  id: string
  name: string
  is_satellite: boolean
  proxy_url: string | null
  created_at: number
  updated_at: number
}

export type WaitlistStatus = 'pending' | 'invited' | 'rejected' | 'completed'

export interface WaitlistEntryRecord {
  id: string
  email_address: string
  status: WaitlistStatus
  created_at: number
  updated_at: number
}

const ticketCodec: RowCodec<TicketRecord> = {
  toRow: (record) => ({ ...record, actor: record.actor === null ? null : JSON.stringify(record.actor) }),
  fromRow: (row) => ({
    ...(row as unknown as TicketRecord),
    actor: row.actor === null ? null : (JSON.parse(row.actor as string) as Record<string, unknown>),
  }),
}

const domainCodec: RowCodec<DomainRecord> = {
  toRow: (record) => ({ ...record, is_satellite: record.is_satellite ? 1 : 0 }),
  fromRow: (row) => ({ ...(row as unknown as DomainRecord), is_satellite: row.is_satellite === 1 }),
}

/** Instance settings, one JSON value per name (`restrictions`, `organization_settings`, `instance`). */
export class SettingsStore {
  private readonly stmts

  constructor(db: SqliteDatabase) {
    this.stmts = {
      get: db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE name = ?'),
      put: db.prepare<[string, string]>(
        'INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
      ),
    }
  }

  get<T extends object>(name: string): Partial<T> {
    const row = this.stmts.get.get(name)
    return row ? (JSON.parse(row.value) as Partial<T>) : {}
  }

  put(name: string, value: object): void {
    this.stmts.put.run(name, JSON.stringify(value))
  }
}

/** Every table of the instance's objects, built once per database. */
export class InstanceRecords {
  readonly tickets: RecordTable<TicketRecord>
  readonly accessIdentifiers: RecordTable<AccessIdentifierRecord>
  readonly redirectUrls: RecordTable<RedirectUrlRecord>
  readonly domains: RecordTable<DomainRecord>
  readonly waitlist: RecordTable<WaitlistEntryRecord>
  readonly settings: SettingsStore

  constructor(db: SqliteDatabase) {
    this.tickets = new RecordTable<TicketRecord>(
      db,
      'tickets',
      [
        'id',
        'kind',
        'token',
        'user_id',
        'actor',
        'session_max_duration',
        'status',
        'expires_at',
        'created_at',
        'updated_at',
      ],
      ticketCodec,
    )
    this.accessIdentifiers = new RecordTable<AccessIdentifierRecord>(db, 'access_identifiers', [
      'id',
      'list',
      'identifier',
      'identifier_type',
      'created_at',
      'updated_at',
    ])
    this.redirectUrls = new RecordTable<RedirectUrlRecord>(db, 'redirect_urls', [
      'id',
      'url',
      'created_at',
      'updated_at',
    ])
    this.domains = new RecordTable<DomainRecord>(
      db,
      'domains',
      ['id', 'name', 'is_satellite', 'proxy_url', 'created_at', 'updated_at'],
      domainCodec,
    )
    this.waitlist = new RecordTable<WaitlistEntryRecord>(db, 'waitlist_entries', [
      'id',
      'email_address',
      'status',
      'created_at',
      'updated_at',
    ])
    this.settings = new SettingsStore(db)
  }
}
