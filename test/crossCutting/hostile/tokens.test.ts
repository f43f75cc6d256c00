// Hostile session tokens through getAuth, as a loader receives them: every case of the shared refusal
// table and of the hostile table, in the `__session` cookie (with `__client_uat`) and in
// `Authorization: Bearer`, as a fetch and as a navigation. Each ends signed out (or, where upstream does
// the same, in a handshake) with the exact reason and message, nothing else escapes getAuth, and the
// loopback JWKS server sees exactly the requests the case may cause: none, or one for an unknown kid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useSyncSignatures } from '../../../src/jwt/syncSignature.js'
import { documentedCount } from '../../helpers/documentedCount.js'
import { refusalCases } from '../../jwt/refusalCases.js'
import {
  calls,
  outcomeOf,
  requestCarrying,
  useHostileWorld,
  warmUp,
  type Carrier,
  type Navigation,
  type Outcome,
} from './fixtures.js'
import { hostileTokenCases, type HostileTokenCase } from './hostileTokens.js'

const world = useHostileWorld()

/** The shared refusal table, keyed for this instance: the impostor plays "another instance's key". */
const sharedCases: HostileTokenCase[] = refusalCases(() => ({
  rs256: world().instanceKey,
  otherKey: world().impostorKey,
}))
  .filter((refusal) => !refusal.keyless)
  .map((refusal) => ({
    name: `${refusal.name} (shared table)`,
    token: () => refusal.token(),
    options: refusal.options,
    reason: refusal.reason,
    text: refusal.action ? `${refusal.message} ${refusal.action}` : refusal.message,
    // An empty cookie is no cookie: `__client_uat` alone asks the Frontend API (row 9 of the decision table).
    cookie:
      refusal.name === 'an empty string'
        ? { reason: 'client-uat-but-no-session-token', message: '', handshake: true, fetches: 0 }
        : undefined,
  }))

const cases = [...sharedCases, ...hostileTokenCases]

/** A token too old or too young for this clock asks for a fresh one on navigations, as upstream. */
const HANDSHAKE_REASONS: Record<string, string> = {
  'token-expired': 'session-token-expired-refresh-non-eligible-no-refresh-cookie',
  'token-not-active-yet': 'session-token-nbf',
  'token-iat-in-the-future': 'session-token-iat-in-the-future',
}

function expected(
  c: HostileTokenCase,
  carrier: Carrier,
  navigation: Navigation,
): { outcome: Outcome; fetches: number } {
  if (carrier === 'cookie' && c.cookie) {
    const { reason, message, handshake, fetches } = c.cookie
    return {
      outcome: { status: handshake && navigation === 'document' ? 'handshake' : 'signed-out', reason, message },
      fetches,
    }
  }
  const message = `${c.text} (reason=${c.reason}, token-carrier=${carrier})`
  const handshakeReason = HANDSHAKE_REASONS[c.reason]
  const fetches = c.fetches ?? 0
  if (handshakeReason === undefined) return { outcome: { status: 'signed-out', reason: c.reason, message }, fetches }
  return {
    outcome: { status: navigation === 'document' ? 'handshake' : 'signed-out', reason: handshakeReason, message },
    fetches,
  }
}

it(`holds ${cases.length} distinct hostile tokens`, () => {
  expect(cases.length).toBe(documentedCount('hostile-tokens'))
  expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length)
})

// Both ways of checking a signature must give the very same outcome: `node:crypto` (synchronous, where the runtime
// has it) and jose on WebCrypto (everywhere else). warmUp empties the caches, so every case checks its signature.
describe.each(['node:crypto', 'WebCrypto'] as const)('signatures checked with %s', (path) => {
  let previous: boolean
  beforeAll(() => {
    previous = useSyncSignatures(path === 'node:crypto')
  })
  afterAll(() => {
    useSyncSignatures(previous)
  })

  describe.each<Carrier>(['cookie', 'header'])('in the %s', (carrier) => {
    it.each(cases)('$name', async (c) => {
      const token = await c.token(world())
      for (const navigation of ['fetch', 'document'] as const) {
        await warmUp(world())
        const want = expected(c, carrier, navigation)
        const got = await outcomeOf(requestCarrying(token, carrier, navigation), world().options(c.options))
        expect({ navigation, ...got }).toEqual({ navigation, ...want.outcome })
        expect(calls(world())).toEqual(Array(want.fetches).fill('GET /v1/jwks'))
      }
    })
  })
})
