// The local backend under load, as a separate process from the built CLI on a file database: 50
// concurrent clients sign in and mint tokens for 20 s. Zero 5xx (every answer is a 200), zero network
// errors, zero lost writes: every acknowledged session is listed afterwards, and still after a restart;
// sampled tokens verify against the instance JWKS with the right session and user.
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose'
import { expect, it } from 'vitest'
import { documentedCount } from '../../../../test/helpers/documentedCount.js'
import { type Backend, emptyStats, listedSessions, runLoad, seed, summary, useBackends } from './driver.js'

const CLIENTS = 50
const DURATION_MS = 20_000

const { dbPath, start } = useBackends('local-clerk-load-')

async function expectEverySessionListed(backend: Backend, sessions: Map<string, string[]>): Promise<void> {
  for (const [userId, acknowledged] of sessions) {
    const listed = await listedSessions(backend, userId)
    // Nothing lost, and nothing made up: with no network error, every session written was acknowledged.
    expect({ userId, total: listed.total, ids: [...listed.ids].sort() }).toEqual({
      userId,
      total: acknowledged.length,
      ids: [...acknowledged].sort(),
    })
  }
}

it('runs as many clients for as long as docs/reliability.md says', () => {
  expect([CLIENTS, DURATION_MS / 1000]).toEqual([documentedCount('load-clients'), documentedCount('load-seconds')])
})

it(`${CLIENTS} clients for ${DURATION_MS / 1000} s: only 200s, no lost session, tokens that verify`, async () => {
  const db = dbPath('load.db')
  const backend = await start(db)
  const users = await seed(backend, CLIENTS)
  const stats = emptyStats()

  const started = performance.now()
  await runLoad(backend, users, CLIENTS, stats, () => performance.now() - started < DURATION_MS)
  const report = summary(stats, Math.round((performance.now() - started) / 100) / 10)
  console.log(`load: ${JSON.stringify(report)}`)

  expect(stats.networkErrors).toEqual([])
  expect(Object.keys(stats.statuses)).toEqual(['200'])
  expect(stats.sessions.size).toBe(CLIENTS)
  const sessions = [...stats.sessions.values()].reduce((n, list) => n + list.length, 0)
  // Each acknowledged session got its session token; every fourth round also a template token.
  expect(stats.tokens).toBe(sessions)
  expect(stats.templateTokens).toBeGreaterThanOrEqual(CLIENTS)
  await expectEverySessionListed(backend, stats.sessions)

  const jwks = createLocalJWKSet((await backend.call('GET', '/v1/jwks')).body as unknown as JSONWebKeySet)
  expect(stats.samples.length).toBeGreaterThan(0)
  for (const sample of stats.samples) {
    const { payload, protectedHeader } = await jwtVerify(sample.jwt, jwks, { clockTolerance: 5 })
    expect(payload.sub).toBe(sample.userId)
    if (sample.template) {
      expect(protectedHeader.cat).toBe('cl_B7d4PD222AAA')
      expect(payload.email).toBe(`load${users.indexOf(sample.userId)}@example.com`)
      expect(payload.n).toBe(users.indexOf(sample.userId))
    } else {
      expect(payload.sid).toBe(sample.sessionId)
    }
  }

  // A graceful restart keeps everything too.
  backend.cli.child.kill('SIGTERM')
  expect(await backend.cli.exited).toBe(0)
  await expectEverySessionListed(await start(db), stats.sessions)
}, 120_000)
