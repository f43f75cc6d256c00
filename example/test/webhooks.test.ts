// The example app's webhook route (app/routes/api.webhooks.ts) with the local backend sending to it, as `npm start`
// wires them: the app verifies each delivery with remix-clerk/webhooks and keeps its own users table in sync, refuses
// what is not signed with its secret, and shows the table on /users.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createLocalClerk, type LocalClerk } from 'remix-clerk-local'
import { createSignedInHeaders } from 'remix-clerk-local/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { claimPort, startAppServer, type AppServer } from '../scripts/appServer.mjs'
import { DEMO_ADMIN_EMAIL, DEMO_MEMBER_EMAIL, readDemoSeed } from '../scripts/demoSeed.mjs'

const dir = mkdtempSync(join(tmpdir(), 'remix-clerk-example-webhooks-'))
const tableFile = join(dir, 'webhook-users.json')
let clerk: LocalClerk
let app: AppServer
const appOutput: string[] = []

/** The app's table as its route wrote it. */
const table = (): Array<{ id: string; email: string | null; name: string | null }> =>
  JSON.parse(readFileSync(tableFile, 'utf8'))

const bapi = (method: string, path: string, body?: unknown) =>
  fetch(`${clerk.apiUrl}/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${clerk.secretKey}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })

beforeAll(async () => {
  // The app's port first: the backend needs the webhook URL before the app has started, as in scripts/start.mjs.
  const port = await claimPort(0, '127.0.0.1', '')
  clerk = await createLocalClerk({
    db: ':memory:',
    webhooks: { endpoints: [`http://127.0.0.1:${port}/api/webhooks`], retryDelays: [200, 500] },
  })
  await clerk.listen(0)
  app = await startAppServer({
    port,
    env: { PATH: process.env.PATH, ...clerk.env(), WEBHOOK_USERS_FILE: tableFile },
    onOutput: (line) => appOutput.push(line),
  })
  clerk.seed(readDemoSeed())
  await clerk.webhooks.settled()
})

afterAll(async () => {
  await app?.stop()
  await clerk?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the webhook route of the example app', () => {
  it('receives the demo users from the seed, each delivery verified', () => {
    expect(table().map((user) => user.email)).toEqual([DEMO_ADMIN_EMAIL, DEMO_MEMBER_EMAIL])
    expect(table()[0]).toMatchObject({ id: expect.stringMatching(/^user_/), name: 'Ada Lovelace' })
    expect(appOutput.filter((line) => line.startsWith('POST /api/webhooks'))).not.toEqual([])
    expect(appOutput.filter((line) => line.includes('webhook refused'))).toEqual([])
  })

  it('follows users created and deleted through the Backend API', async () => {
    const created = (await (
      await bapi('POST', '/users', { email_address: ['grace@example.com'], first_name: 'Grace' })
    ).json()) as { id: string }
    await clerk.webhooks.settled()
    expect(table().map((user) => user.email)).toEqual([DEMO_ADMIN_EMAIL, DEMO_MEMBER_EMAIL, 'grace@example.com'])
    expect((await bapi('DELETE', `/users/${created.id}`)).status).toBe(200)
    await clerk.webhooks.settled()
    expect(table().map((user) => user.id)).not.toContain(created.id)
  })

  it('refuses a delivery that is not signed with its secret, and the table stays as it was', async () => {
    const before = readFileSync(tableFile, 'utf8')
    const forged = JSON.stringify({
      type: 'user.deleted',
      object: 'event',
      data: { object: 'user', id: table()[0]!.id, deleted: true },
    })
    const unsigned = await fetch(`${app.url}/api/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: forged,
    })
    expect(unsigned.status).toBe(400)
    const badlySigned = await fetch(`${app.url}/api/webhooks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'svix-id': 'msg_forged',
        'svix-timestamp': String(Math.floor(Date.now() / 1000)),
        'svix-signature': 'v1,AAAA',
      },
      body: forged,
    })
    expect(badlySigned.status).toBe(400)
    expect(await badlySigned.json()).toEqual({ message: 'Webhook verification failed' })
    expect(readFileSync(tableFile, 'utf8')).toBe(before)
    expect(appOutput).toEqual(
      expect.arrayContaining(['webhook refused: missing-headers', 'webhook refused: invalid-signature']),
    )
  })

  it('shows the table on /users to a signed-in user', async () => {
    const url = `${app.url}/users`
    const headers = await createSignedInHeaders(clerk, url, { user: DEMO_MEMBER_EMAIL })
    const response = await fetch(url, { headers })
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('2 users')
    expect(html).toContain(DEMO_ADMIN_EMAIL)
    expect(html).toContain(DEMO_MEMBER_EMAIL)
  })
})
