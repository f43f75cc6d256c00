// The Clerk instances the conformance corpus runs against, all real: one local backend listening on
// 127.0.0.1 (Frontend and Backend API, JWKS) whose SQLite file a second local backend opens to mint the
// same sessions as claims v1; a third local backend with other keys (tokens of the wrong instance); and a
// JWKS server for an instance of our own making, whose hand-signed tokens carry what the local backend never
// mints (a pending session, an actor, an audience).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createLocalClerk, type LocalClerk, type LocalClerkOptions } from 'remix-clerk-local'
import {
  createTestKey,
  signToken,
  startJwksServer,
  type JwksServer,
  type TestKey,
} from '../../helpers/sessionTokens.js'

/** The app every request is for. A token's `azp` is this origin when the browser asked for it. */
export const APP_ORIGIN = 'http://127.0.0.1:3000'
export const APP_URL = `${APP_ORIGIN}/dashboard?tab=1`

export interface Instances {
  /** The instance the app is configured for: claims v2, listening. */
  main: LocalClerk
  /** The same instance (same SQLite file, keys and sessions) minting claims v1. */
  v1: LocalClerk
  /** Another instance with its own keys but the same Frontend API URL: only the signature tells. */
  other: LocalClerk
  /** `main`'s Frontend and Backend API. */
  url: string
  /**
   * `main`'s publishable key in the form Clerk issues (`pk_live_` + base64 of a bare host and `$`), which the
   * corpus uses. `main.publishableKey` names the Frontend API with its `http://` scheme instead, which the
   * official SDKs compare differently (see the `local-key-plain-cookies` difference).
   */
  publishableKey: string
  /** The same host as a development instance (`pk_test_`). */
  developmentKey: string
  userId: string
  orgId: string
  /** A session without an active organization. */
  sessionId: string
  /** A session with `acme` active, the user its `org:admin` with two custom permissions. */
  orgSessionId: string
  otherSessionId: string
  /** An RSA key whose public half `ownJwks` serves; `ownToken` signs with it. */
  ownKey: TestKey
  ownJwks: JwksServer
  /**
   * A token minted by `instance` as if its clock were `offsetMs` ahead of the real one (negative: behind),
   * so that every SDK, reading `Date.now()`, sees it expired, not yet valid or issued in the future.
   */
  mint(
    instance: LocalClerk,
    sessionId: string,
    options?: { offsetMs?: number; template?: string; origin?: string; frontendApi?: string },
  ): Promise<string>
  /** A session token signed with `ownKey`, issued now, with these claims (and header members) added. */
  ownToken(claims: Record<string, unknown>, header?: Record<string, unknown>): Promise<string>
  close(): Promise<void>
}

export async function startInstances(): Promise<Instances> {
  const directory = mkdtempSync(join(tmpdir(), 'remix-clerk-conformance-'))
  const db = join(directory, 'clerk.db')
  const clocks = new Map<LocalClerk, ShiftableClock>()
  const opened: LocalClerk[] = []
  const open = async (options: Omit<LocalClerkOptions, 'now'>) => {
    const clock = new ShiftableClock()
    const instance = await createLocalClerk({ ...options, now: clock.now })
    opened.push(instance)
    clocks.set(instance, clock)
    return instance
  }
  let ownJwks: JwksServer | undefined
  const close = async () => {
    await Promise.all([...opened.map((instance) => instance.close()), ownJwks?.close()])
    rmSync(directory, { recursive: true, force: true })
  }
  try {
    const main = await open({ db })
    const { url } = await main.listen()
    // Same file, same keys; the same `iss` too, so that cookies of either look like this instance's.
    const v1 = await open({ db, url, tokenVersion: 1 })
    const other = await open({ db: ':memory:', url })

    const seeded = main.seed({
      users: [{ email_address: 'ada@example.com', first_name: 'Ada' }],
      organizations: [
        {
          name: 'Acme',
          slug: 'acme',
          members: [
            { user: 'ada@example.com', role: 'org:admin', permissions: ['org:invoices:read', 'org:invoices:pay'] },
          ],
        },
      ],
      templates: [{ name: 'test', claims: { email: '{{user.primary_email_address}}' } }],
    })
    const userId = seeded.users[0]!.id
    const orgId = seeded.organizations[0]!.id
    const otherUser = other.seed({ users: [{ email_address: 'eve@example.com' }] }).users[0]!.id
    const ownKey = await createTestKey('ins_conformance_own')
    ownJwks = await startJwksServer([ownKey.publicJwk])

    return {
      main,
      v1,
      other,
      url,
      publishableKey: publishableKey('pk_live_', new URL(url).host),
      developmentKey: publishableKey('pk_test_', new URL(url).host),
      userId,
      orgId,
      sessionId: main.createSession({ userId }).id,
      orgSessionId: main.createSession({ userId, organizationId: 'acme' }).id,
      otherSessionId: other.createSession({ userId: otherUser }).id,
      ownKey,
      ownJwks,
      mint: (instance, sessionId, { offsetMs = 0, template, origin, frontendApi } = {}) =>
        clocks.get(instance)!.shifted(offsetMs, () => instance.getToken(sessionId, { template, origin, frontendApi })),
      ownToken(claims, header) {
        const iat = Math.floor(Date.now() / 1000)
        return signToken(ownKey, { exp: iat + 60, iat, iss: url, nbf: iat - 10, ...claims }, header)
      },
      close,
    }
  } catch (error) {
    await close()
    throw error
  }
}

function publishableKey(prefix: 'pk_live_' | 'pk_test_', frontendApi: string): string {
  return `${prefix}${Buffer.from(`${frontendApi}$`).toString('base64').replace(/=+$/, '')}`
}

/** Real time, moved by an offset only while one mint runs. */
class ShiftableClock {
  private offsetMs = 0
  readonly now = () => Date.now() + this.offsetMs

  async shifted<T>(offsetMs: number, run: () => Promise<T>): Promise<T> {
    this.offsetMs = offsetMs
    try {
      return await run()
    } finally {
      this.offsetMs = 0
    }
  }
}
