// `/v1/webhooks/endpoints` over HTTP, as the library and as the CLI process: an endpoint added while the backend runs
// gets the next events (signed, so that @clerk/backend's verifyWebhook accepts them), a removed one no more; bad
// input is Clerk's 4xx shape; the Svix routes beside it stay not supported; without the secret key, nothing.
import { verifyWebhook } from '@clerk/backend/webhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RecordingServer, startRecordingServer } from '../../../../test/helpers/recordingServer.js'
import { type Harness, expectClerkError, startHarness } from '../../helpers/harness.js'

let h: Harness
let receiver: RecordingServer
beforeAll(async () => {
  h = await startHarness()
  receiver = await startRecordingServer()
  receiver.on('POST', '/hook', { status: 200 })
})
afterAll(async () => {
  await h?.close()
  await receiver?.close()
})

/** Waits for `check` to hold, however long the machine takes (the test's own timeout is the limit). */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10))
}

const types = () => receiver.requests.map((request) => (request.json as { type: string }).type)

describe('/v1/webhooks/endpoints', () => {
  it('adds an endpoint while the backend runs: the next events reach it, signed as Clerk signs them', async () => {
    const hook = `${receiver.url}/hook`
    const added = await h.call('POST', '/v1/webhooks/endpoints', { body: { url: hook } })
    expect(added.status).toBe(200)
    expect(added.body).toEqual({ object: 'webhook_endpoint', url: hook })
    // Adding it again changes nothing.
    expect((await h.call('POST', '/v1/webhooks/endpoints', { body: { url: hook } })).status).toBe(200)
    expect((await h.call('GET', '/v1/webhooks/endpoints')).body).toEqual({
      data: [{ object: 'webhook_endpoint', url: hook }],
      total_count: 1,
    })

    await h.call('POST', '/v1/users', { body: { email_address: ['hooked@example.com'] } })
    await until(() => types().includes('user.created'))
    const delivery = receiver.requests.find((request) => (request.json as { type: string }).type === 'user.created')!
    const event = await verifyWebhook(
      new Request('http://127.0.0.1/hook', { method: 'POST', headers: delivery.headers, body: delivery.body }),
      { signingSecret: h.env.CLERK_WEBHOOK_SIGNING_SECRET! },
    )
    expect(event).toMatchObject({ type: 'user.created', data: { object: 'user' } })
  })

  it('removes it: later events no longer go there; removing it again is a 404', async () => {
    const hook = `${receiver.url}/hook`
    const removed = await h.call('DELETE', `/v1/webhooks/endpoints?url=${encodeURIComponent(hook)}`)
    expect(removed.body).toEqual({ object: 'webhook_endpoint', url: hook, deleted: true })
    const before = receiver.requests.length
    await h.call('POST', '/v1/users', { body: { email_address: ['unhooked@example.com'] } })
    // A user created after the removal: the backend answered, and nothing more was sent.
    expect((await h.call('GET', '/v1/users?email_address=unhooked@example.com')).body).toHaveLength(1)
    expect(receiver.requests.length).toBe(before)
    expectClerkError(
      await h.call('DELETE', `/v1/webhooks/endpoints?url=${encodeURIComponent(hook)}`),
      404,
      'resource_not_found',
    )
  })

  it("refuses what is not an endpoint with Clerk's 422, and keeps the Svix routes not supported", async () => {
    expectClerkError(await h.call('POST', '/v1/webhooks/endpoints', { body: {} }), 422, 'form_param_missing')
    expectClerkError(
      await h.call('POST', '/v1/webhooks/endpoints', { body: { url: 'ftp://example.com/hook' } }),
      422,
      'form_param_format_invalid',
    )
    expectClerkError(
      await h.call('POST', '/v1/webhooks/endpoints', { body: { url: 'http://user:pw@localhost/hook' } }),
      422,
      'form_param_format_invalid',
    )
    expectClerkError(await h.call('DELETE', '/v1/webhooks/endpoints'), 422, 'form_param_missing')
    expectClerkError(await h.call('POST', '/v1/webhooks/svix'), 404, 'not_supported')
    expect((await h.call('GET', '/v1/webhooks/endpoints')).body.total_count).toBe(0)
  })

  it('answers nothing without the secret key', async () => {
    const anonymous = await h.call('POST', '/v1/webhooks/endpoints', {
      body: { url: `${receiver.url}/hook` },
      anonymous: true,
    })
    expect(anonymous.status).toBe(401)
    expect((await h.call('GET', '/v1/webhooks/endpoints')).body.total_count).toBe(0)
  })
})
