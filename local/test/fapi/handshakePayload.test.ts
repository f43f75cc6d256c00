import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/assembly/app.js'
import { type Core, createCore } from '../../src/core/core.js'
import { resolveOptions } from '../../src/core/options.js'
import { TestClock, expectClerkError } from '../helpers/harness.js'

/** Nonces are written by the Frontend API handshake; here they go straight into the store it will use. */
let core: Core
let app: ReturnType<typeof createApp>
const clock = new TestClock()

beforeAll(async () => {
  ;({ core } = await createCore(resolveOptions({ db: ':memory:', now: clock.now })))
  app = createApp(core)
})
afterAll(() => core.store.close())

async function redeem(nonce: string) {
  const response = await app.fetch(
    new Request(`http://local.test/v1/clients/handshake_payload?nonce=${encodeURIComponent(nonce)}`, {
      headers: { authorization: `Bearer ${core.keys.secretKey}` },
    }),
  )
  return { status: response.status, contentType: response.headers.get('content-type'), body: await response.json() }
}

describe('GET /v1/clients/handshake_payload', () => {
  const directives = [
    '__session=abc; Path=/; SameSite=Lax',
    '__client_uat=1700000000; Path=/; Max-Age=31536000; SameSite=Lax',
  ]

  it('returns the directives once, then refuses the nonce', async () => {
    core.store.nonces.insert({ nonce: 'n-once', directives, created_at: clock.ms, expires_at: clock.ms + 60_000 })
    const first = await redeem('n-once')
    expect(first).toEqual({ status: 200, contentType: 'application/json', body: { directives } })
    expectClerkError(await redeem('n-once'), 400, 'invalid_nonce')
  })

  it('refuses an expired nonce and removes it', async () => {
    core.store.nonces.insert({ nonce: 'n-old', directives, created_at: clock.ms, expires_at: clock.ms + 1000 })
    clock.advance(1000)
    expectClerkError(await redeem('n-old'), 400, 'invalid_nonce')
    core.store.nonces.insert({ nonce: 'n-old', directives: [], created_at: clock.ms, expires_at: clock.ms + 1000 })
    expect((await redeem('n-old')).body).toEqual({ directives: [] })
  })

  it('purges expired nonces', async () => {
    core.store.nonces.insert({ nonce: 'n-purge', directives, created_at: clock.ms, expires_at: clock.ms + 10 })
    clock.advance(10)
    core.store.nonces.purgeExpired(clock.ms)
    const count = core.store.db.prepare('SELECT count(*) AS n FROM handshake_nonces').get() as { n: number }
    expect(count.n).toBe(0)
  })
})
