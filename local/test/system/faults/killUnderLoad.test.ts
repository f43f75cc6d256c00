// SIGKILL while 50 clients are signing in and minting tokens, then a restart on the same database file:
// every session the server acknowledged before it died is there, the instance keys are the same, and
// tokens minted before the kill verify against the restarted server's JWKS. Writes that were in flight
// when the process died may or may not have landed; nothing is assumed about them.
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose'
import { expect, it } from 'vitest'
import { documentedCount } from '../../../../test/helpers/documentedCount.js'
import { emptyStats, listedSessions, runLoad, seed, summary, useBackends } from '../load/driver.js'

const CLIENTS = 50
/** Acknowledged sessions to wait for before the kill: enough that many writes are in flight. */
const KILL_AFTER_SESSIONS = 1_500

const { dbPath, start } = useBackends('local-clerk-kill-load-')

it('kills after as many sessions, under as many clients, as docs/reliability.md says', () => {
  expect([CLIENTS, KILL_AFTER_SESSIONS]).toEqual([
    documentedCount('load-clients'),
    documentedCount('kill-after-sessions'),
  ])
})

it(`SIGKILL under the load of ${CLIENTS} clients: every acknowledged session survives the restart`, async () => {
  const db = dbPath('killed.db')
  const first = await start(db)
  const users = await seed(first, CLIENTS)
  const stats = emptyStats()

  let alive = true
  const started = performance.now()
  const load = runLoad(first, users, CLIENTS, stats, () => alive)
  const acknowledged = () => [...stats.sessions.values()].reduce((n, list) => n + list.length, 0)
  while (acknowledged() < KILL_AFTER_SESSIONS) await new Promise((resolve) => setTimeout(resolve, 10))
  alive = false
  first.cli.child.kill('SIGKILL')
  expect(await first.cli.exited).toBe('SIGKILL')
  await load
  console.log(
    `kill under load: ${JSON.stringify(summary(stats, Math.round((performance.now() - started) / 100) / 10))}`,
  )

  expect(stats.networkErrors).toEqual([])
  expect(Object.keys(stats.statuses)).toEqual(['200'])

  const second = await start(db)
  expect(second.secretKey).toBe(first.secretKey)
  let present = 0
  for (const [userId, sessions] of stats.sessions) {
    const listed = new Set((await listedSessions(second, userId)).ids)
    const missing = sessions.filter((id) => !listed.has(id))
    expect({ userId, missing }).toEqual({ userId, missing: [] })
    present += sessions.length
  }
  expect(present).toBeGreaterThanOrEqual(KILL_AFTER_SESSIONS)

  const jwks = createLocalJWKSet((await second.call('GET', '/v1/jwks')).body as unknown as JSONWebKeySet)
  for (const sample of stats.samples) {
    expect((await jwtVerify(sample.jwt, jwks, { clockTolerance: 5 })).payload.sub).toBe(sample.userId)
  }
  // The restarted server keeps serving the same users and mints for the sessions from before the kill.
  const [userId, sessions] = [...stats.sessions][0]!
  const minted = await second.call('POST', `/v1/sessions/${sessions[0]}/tokens`)
  expect(minted.status).toBe(200)
  expect((await jwtVerify(minted.body.jwt as string, jwks)).payload).toMatchObject({ sub: userId, sid: sessions[0] })

  second.cli.child.kill('SIGTERM')
  expect(await second.cli.exited).toBe(0)
}, 120_000)
