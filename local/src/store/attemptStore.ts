// ClerkJS's sign-in and sign-up attempts in progress (`client.sign_in`, `client.sign_up`) in SQLite.
import type { SqliteDatabase } from './database.js'

/** The state of one verification (a password, an e-mail code or an invitation's ticket), as ClerkJS shows it. */
export interface VerificationState {
  strategy: 'password' | 'email_code' | 'ticket'
  status: 'unverified' | 'verified' | 'failed' | 'expired'
  attempts: number
  /** Milliseconds; null for a password, which does not expire. */
  expire_at: number | null
}

type SignInStatus = 'needs_identifier' | 'needs_first_factor' | 'complete' | 'abandoned'

/** A sign-in form a browser client is filling in (ClerkJS's `client.sign_in`). */
export interface SignInRecord {
  id: string
  client_id: string
  status: SignInStatus
  /** As the user typed it. */
  identifier: string | null
  user_id: string | null
  first_factor: VerificationState | null
  created_session_id: string | null
  abandon_at: number
  created_at: number
  updated_at: number
}

type SignUpStatus = 'missing_requirements' | 'complete' | 'abandoned'

/** What a sign-up collects before it becomes a user. */
export interface SignUpFields {
  email_address: string | null
  first_name: string | null
  last_name: string | null
  unsafe_metadata: Record<string, unknown>
  locale: string | null
  /** An invitation's ticket the sign-up started with: it vouches for the address and is used up on completion. */
  ticket?: string
}

/** A sign-up form a browser client is filling in (ClerkJS's `client.sign_up`). */
export interface SignUpRecord {
  id: string
  client_id: string
  status: SignUpStatus
  fields: SignUpFields
  /** The chosen password as a scrypt digest: the password itself is never stored. */
  password_digest: string | null
  email_verification: VerificationState | null
  created_user_id: string | null
  created_session_id: string | null
  abandon_at: number
  created_at: number
  updated_at: number
}

type SignInRow = Omit<SignInRecord, 'first_factor'> & { first_factor: string | null }
type SignUpRow = Omit<SignUpRecord, 'fields' | 'email_verification'> & {
  fields: string
  email_verification: string | null
}

const json = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T))
const text = (value: unknown): string | null => (value === null ? null : JSON.stringify(value))

/**
 * Sign-in and sign-up attempts. A client has at most one of each in progress: starting a new one abandons the
 * old, which is what `client.sign_in` / `client.sign_up` show.
 */
export class AttemptStore {
  private readonly stmts

  constructor(db: SqliteDatabase) {
    this.stmts = {
      putSignIn: db.prepare<SignInRow>(`INSERT OR REPLACE INTO sign_ins (id, client_id, status, identifier, user_id,
        first_factor, created_session_id, abandon_at, created_at, updated_at) VALUES (@id, @client_id, @status,
        @identifier, @user_id, @first_factor, @created_session_id, @abandon_at, @created_at, @updated_at)`),
      signIn: db.prepare<[string, string], SignInRow>('SELECT * FROM sign_ins WHERE id = ? AND client_id = ?'),
      currentSignIn: db.prepare<[string, number], SignInRow>(`SELECT * FROM sign_ins WHERE client_id = ?
        AND status IN ('needs_identifier', 'needs_first_factor') AND abandon_at > ? ORDER BY created_at DESC, rowid DESC LIMIT 1`),
      abandonSignIns: db.prepare<[number, string]>(`UPDATE sign_ins SET status = 'abandoned', updated_at = ?
        WHERE client_id = ? AND status IN ('needs_identifier', 'needs_first_factor')`),
      putSignUp: db.prepare<SignUpRow>(`INSERT OR REPLACE INTO sign_ups (id, client_id, status, fields, password_digest,
        email_verification, created_user_id, created_session_id, abandon_at, created_at, updated_at) VALUES (@id,
        @client_id, @status, @fields, @password_digest, @email_verification, @created_user_id, @created_session_id,
        @abandon_at, @created_at, @updated_at)`),
      signUp: db.prepare<[string, string], SignUpRow>('SELECT * FROM sign_ups WHERE id = ? AND client_id = ?'),
      currentSignUp: db.prepare<[string, number], SignUpRow>(`SELECT * FROM sign_ups WHERE client_id = ?
        AND status = 'missing_requirements' AND abandon_at > ? ORDER BY created_at DESC, rowid DESC LIMIT 1`),
      abandonSignUps: db.prepare<[number, string]>(`UPDATE sign_ups SET status = 'abandoned', updated_at = ?
        WHERE client_id = ? AND status = 'missing_requirements'`),
    }
  }

  putSignIn(record: SignInRecord): void {
    this.stmts.putSignIn.run({ ...record, first_factor: text(record.first_factor) })
  }

  /** Only the client's own attempts: another browser's id finds nothing. */
  signIn(id: string, clientId: string): SignInRecord | undefined {
    const row = this.stmts.signIn.get(id, clientId)
    return row && { ...row, first_factor: json<VerificationState>(row.first_factor) }
  }

  currentSignIn(clientId: string, now: number): SignInRecord | undefined {
    const row = this.stmts.currentSignIn.get(clientId, now)
    return row && { ...row, first_factor: json<VerificationState>(row.first_factor) }
  }

  abandonSignIns(clientId: string, now: number): void {
    this.stmts.abandonSignIns.run(now, clientId)
  }

  putSignUp(record: SignUpRecord): void {
    this.stmts.putSignUp.run({
      ...record,
      fields: JSON.stringify(record.fields),
      email_verification: text(record.email_verification),
    })
  }

  signUp(id: string, clientId: string): SignUpRecord | undefined {
    return signUpFromRow(this.stmts.signUp.get(id, clientId))
  }

  currentSignUp(clientId: string, now: number): SignUpRecord | undefined {
    return signUpFromRow(this.stmts.currentSignUp.get(clientId, now))
  }

  abandonSignUps(clientId: string, now: number): void {
    this.stmts.abandonSignUps.run(now, clientId)
  }
}

function signUpFromRow(row: SignUpRow | undefined): SignUpRecord | undefined {
  return (
    row && {
      ...row,
      fields: JSON.parse(row.fields) as SignUpFields,
      email_verification: json<VerificationState>(row.email_verification),
    }
  )
}
