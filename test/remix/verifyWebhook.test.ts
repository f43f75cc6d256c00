// remix-clerk/webhooks against real deliveries: a receiver on 127.0.0.1 gets the local backend's webhooks (from the
// library and from the CLI process started with --webhook-url) and checks each with our verifyWebhook and with
// @clerk/backend's own; both accept them, and both refuse a tampered body, a tampered or old timestamp and another
// secret. Then what our verifyWebhook says when the request or the configuration is wrong, never showing the secret.
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { verifyWebhook as clerkVerifyWebhook } from '@clerk/backend/webhooks'
import type { WebhookEventType as ClerkWebhookEventType } from '@clerk/backend/webhooks'
import { createLocalClerk, type LocalClerk } from 'remix-clerk-local'
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import { type CliProcess, parseStartOutput, runCli, stopIfRunning } from '../../local/test/helpers/cliProcess.js'
import {
  verifyWebhook,
  WebhookVerificationError,
  type WebhookEvent,
  type WebhookEventType,
} from '../../src/webhooks.js'

/** A delivery as it arrived: enough to replay it, changed or not, as a Web Request. */
interface Delivery {
  headers: Record<string, string>
  body: string
  /** What each verifier made of it on arrival. */
  ours: unknown
  clerks: unknown
}

/** A webhook endpoint on 127.0.0.1 that checks every delivery with both verifiers and answers 200 only if both accept. */
async function startReceiver(
  signingSecret: () => string,
): Promise<{ url: string; deliveries: Delivery[]; server: Server }> {
  const deliveries: Delivery[] = []
  const server = createServer((incoming, outgoing) => {
    void (async () => {
      const delivery = await readDelivery(incoming)
      const settle = (promise: Promise<unknown>) =>
        promise.then(
          (event) => event,
          (error: unknown) => error,
        )
      delivery.ours = await settle(verifyWebhook(webRequest(delivery), { signingSecret: signingSecret() }))
      delivery.clerks = await settle(clerkVerifyWebhook(webRequest(delivery), { signingSecret: signingSecret() }))
      deliveries.push(delivery)
      outgoing.writeHead(delivery.ours instanceof Error || delivery.clerks instanceof Error ? 400 : 200).end()
    })()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks`, deliveries, server }
}

async function readDelivery(incoming: IncomingMessage): Promise<Delivery> {
  const chunks: Buffer[] = []
  for await (const chunk of incoming) chunks.push(chunk as Buffer)
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === 'string') headers[name] = value
  return { headers, body: Buffer.concat(chunks).toString('utf8'), ours: undefined, clerks: undefined }
}

const webRequest = ({ headers, body }: Pick<Delivery, 'headers' | 'body'>) =>
  new Request('http://127.0.0.1/api/webhooks', { method: 'POST', headers, body })

/** Both verifiers on a (possibly changed) delivery: what each returned or threw. */
async function bothVerify(delivery: Pick<Delivery, 'headers' | 'body'>, signingSecret: string) {
  const settle = (promise: Promise<unknown>) =>
    promise.then(
      (event) => event,
      (error: unknown) => error,
    )
  return {
    ours: await settle(verifyWebhook(webRequest(delivery), { signingSecret })),
    clerks: await settle(clerkVerifyWebhook(webRequest(delivery), { signingSecret })),
  }
}

let clerk: LocalClerk
let receiver: Awaited<ReturnType<typeof startReceiver>>
let cli: CliProcess | undefined
let cliReceiver: Awaited<ReturnType<typeof startReceiver>> | undefined

beforeAll(async () => {
  clerk = await createLocalClerk({ db: ':memory:', webhooks: { retryDelays: [] } })
  receiver = await startReceiver(() => clerk.webhooks.signingSecret)
  clerk.webhooks.addEndpoint(receiver.url)
  await clerk.listen()
})
afterAll(async () => {
  stopIfRunning(cli)
  await clerk.close()
  for (const started of [receiver, cliReceiver])
    if (started) await new Promise((resolve) => started.server.close(resolve))
})

describe("the local backend's deliveries", () => {
  it("are accepted by our verifyWebhook and by @clerk/backend's, which return the same event", async () => {
    const { users } = clerk.seed({
      users: [{ email_address: 'ada@example.com', first_name: 'Ada' }],
      organizations: [{ name: 'Acme', members: [{ user: 'ada@example.com', role: 'org:admin' }] }],
    })
    clerk.createSession({ userId: users[0]!.id })
    await clerk.webhooks.settled()
    expect(receiver.deliveries.map((d) => (d.ours as WebhookEvent).type)).toEqual([
      'user.created',
      'organization.created',
      'organizationMembership.created',
      'session.created',
    ])
    for (const delivery of receiver.deliveries) {
      expect(delivery.ours).not.toBeInstanceOf(Error)
      expect(delivery.ours).toEqual(delivery.clerks)
      expect(delivery.ours).toEqual(JSON.parse(delivery.body))
    }
    const created = receiver.deliveries[0]!.ours as WebhookEvent
    if (created.type !== 'user.created') throw new Error('expected user.created first')
    expect(created.data.first_name).toBe('Ada')
  })

  it('from the CLI process started with --webhook-url are accepted by both, with the secret it prints', async () => {
    let printedSecret = ''
    cliReceiver = await startReceiver(() => printedSecret)
    cli = runCli(['start', '--port', '0', '--db', ':memory:', '--webhook-url', cliReceiver.url])
    await cli.waitFor('CLERK_WEBHOOK_SIGNING_SECRET=')
    printedSecret = /^CLERK_WEBHOOK_SIGNING_SECRET=(\S+)$/m.exec(cli.stdout())![1]!
    const { url, secretKey } = parseStartOutput(cli.stdout())
    const response = await fetch(`${url}/v1/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email_address: ['grace@example.com'] }),
    })
    expect(response.status).toBe(200)
    await cli.waitFor(`→ ${cliReceiver.url}: 200`)
    const [delivery] = cliReceiver.deliveries
    expect(delivery!.ours).toMatchObject({
      type: 'user.created',
      data: { email_addresses: [{ email_address: 'grace@example.com' }] },
    })
    expect(delivery!.clerks).toEqual(delivery!.ours)
  })

  it('are refused by both once changed: body, timestamp, an old signature, another secret', async () => {
    const delivery = receiver.deliveries[0]!
    const secret = clerk.webhooks.signingSecret
    const old = new Date(Date.now() - 6 * 60_000)
    const cases = {
      body: { headers: delivery.headers, body: delivery.body.replace('"Ada"', '"Eve"') },
      timestamp: {
        headers: { ...delivery.headers, 'svix-timestamp': String(Number(delivery.headers['svix-timestamp']) + 1) },
        body: delivery.body,
      },
      // A genuine signature, six minutes old: a replay.
      old: {
        headers: {
          ...delivery.headers,
          'svix-timestamp': String(Math.floor(old.getTime() / 1000)),
          'svix-signature': new Webhook(secret).sign(delivery.headers['svix-id']!, old, delivery.body),
        },
        body: delivery.body,
      },
    }
    for (const [name, changed] of Object.entries(cases)) {
      const { ours, clerks } = await bothVerify(changed, secret)
      expect(ours, name).toBeInstanceOf(WebhookVerificationError)
      expect(clerks, name).toBeInstanceOf(Error)
      // The same words as Clerk's, after each package's name.
      expect((ours as Error).message.replace(/^remix-clerk: /, '')).toBe(
        (clerks as Error).message.replace(/^@clerk\/backend: /, ''),
      )
    }
    expect((await bothVerify(cases.body, secret)).ours).toMatchObject({
      reason: 'invalid-signature',
      code: 'REMIX_CLERK_WEBHOOK_INVALID_SIGNATURE',
      message: 'remix-clerk: Unable to verify incoming webhook: No matching signature found',
    })
    expect((await bothVerify(cases.old, secret)).ours).toMatchObject({
      reason: 'timestamp-out-of-range',
      code: 'REMIX_CLERK_WEBHOOK_TIMESTAMP_OUT_OF_RANGE',
      message: 'remix-clerk: Unable to verify incoming webhook: Message timestamp too old',
    })
    const otherSecret = (
      await createLocalClerk({ db: ':memory:' }).then(async (other) => [
        other.webhooks.signingSecret,
        await other.close(),
      ])
    )[0] as string
    const withOtherSecret = await bothVerify(delivery, otherSecret)
    expect(withOtherSecret.ours).toMatchObject({
      reason: 'invalid-signature',
      code: 'REMIX_CLERK_WEBHOOK_INVALID_SIGNATURE',
    })
    expect(withOtherSecret.clerks).toBeInstanceOf(Error)
  })
})

describe('verifyWebhook', () => {
  const delivery = () => receiver.deliveries[0]!
  const secret = () => clerk.webhooks.signingSecret

  it('names the missing headers, as Clerk does', async () => {
    const headers = { ...delivery().headers }
    delete headers['svix-id']
    delete headers['svix-signature']
    const { ours, clerks } = await bothVerify({ headers, body: delivery().body }, secret())
    expect(ours).toMatchObject({
      reason: 'missing-headers',
      code: 'REMIX_CLERK_WEBHOOK_MISSING_HEADERS',
      message: 'remix-clerk: Missing required webhook headers: svix-id, svix-signature',
    })
    expect((clerks as Error).message).toBe('@clerk/backend: Missing required webhook headers: svix-id, svix-signature')
  })

  it('reads CLERK_WEBHOOK_SIGNING_SECRET from process.env, then globalThis, and says how to set it when neither has it', async () => {
    const saved = process.env.CLERK_WEBHOOK_SIGNING_SECRET
    delete process.env.CLERK_WEBHOOK_SIGNING_SECRET
    try {
      const missing = await verifyWebhook(webRequest(delivery())).catch((error: unknown) => error)
      expect(missing).toMatchObject({
        reason: 'missing-signing-secret',
        code: 'REMIX_CLERK_WEBHOOK_MISSING_SIGNING_SECRET',
        message:
          'remix-clerk: Missing webhook signing secret. Set the CLERK_WEBHOOK_SIGNING_SECRET environment variable with the webhook secret from the Clerk Dashboard (or the one remix-clerk-local prints), or pass { signingSecret }.',
      })
      ;(globalThis as Record<string, unknown>).CLERK_WEBHOOK_SIGNING_SECRET = secret()
      await expect(verifyWebhook(webRequest(delivery()))).resolves.toMatchObject({ type: 'user.created' })
      ;(globalThis as Record<string, unknown>).CLERK_WEBHOOK_SIGNING_SECRET = 'whsec_AAAA'
      process.env.CLERK_WEBHOOK_SIGNING_SECRET = secret()
      await expect(verifyWebhook(webRequest(delivery()))).resolves.toMatchObject({ type: 'user.created' })
      // An explicit option wins; an empty one counts as unset.
      await expect(verifyWebhook(webRequest(delivery()), { signingSecret: 'whsec_AAAA' })).rejects.toMatchObject({
        reason: 'invalid-signature',
        code: 'REMIX_CLERK_WEBHOOK_INVALID_SIGNATURE',
      })
      await expect(verifyWebhook(webRequest(delivery()), { signingSecret: '' })).resolves.toMatchObject({
        type: 'user.created',
      })
    } finally {
      delete (globalThis as Record<string, unknown>).CLERK_WEBHOOK_SIGNING_SECRET
      if (saved === undefined) delete process.env.CLERK_WEBHOOK_SIGNING_SECRET
      else process.env.CLERK_WEBHOOK_SIGNING_SECRET = saved
    }
  })

  it('refuses a secret that is not a whsec_ value, without repeating it', async () => {
    const bad = 'whsec_not*base64*at*all'
    const error = await verifyWebhook(webRequest(delivery()), { signingSecret: bad }).catch((caught: unknown) => caught)
    expect(error).toMatchObject({
      name: 'WebhookVerificationError',
      reason: 'invalid-signing-secret',
      code: 'REMIX_CLERK_WEBHOOK_INVALID_SIGNING_SECRET',
    })
    expect((error as Error).message).toContain('copy it again')
    expect((error as Error).message).not.toContain('not*base64')
  })

  it('says so when the body was read before, rather than failing on an empty one', async () => {
    const request = webRequest(delivery())
    await request.text()
    await expect(verifyWebhook(request, { signingSecret: secret() })).rejects.toMatchObject({
      reason: 'body-already-read',
      code: 'REMIX_CLERK_WEBHOOK_BODY_ALREADY_READ',
      message: expect.stringContaining('call verifyWebhook(request) before reading it, or pass request.clone()'),
    })
  })

  it('refuses a signed body that is not an event', async () => {
    const signer = new Webhook(secret())
    const now = new Date()
    const headers = {
      'svix-id': 'msg_1',
      'svix-timestamp': String(Math.floor(now.getTime() / 1000)),
      'svix-signature': signer.sign('msg_1', now, ''),
    }
    await expect(verifyWebhook(webRequest({ headers, body: '' }), { signingSecret: secret() })).rejects.toMatchObject({
      reason: 'invalid-payload',
      code: 'REMIX_CLERK_WEBHOOK_INVALID_PAYLOAD',
    })
  })

  it('never puts the secret in an error', async () => {
    const errors = await Promise.all([
      verifyWebhook(webRequest({ headers: {}, body: '' }), { signingSecret: secret() }).catch(
        (error: unknown) => error,
      ),
      verifyWebhook(webRequest({ ...delivery(), body: `${delivery().body} ` }), { signingSecret: secret() }).catch(
        (error: unknown) => error,
      ),
    ])
    for (const error of errors)
      expect(JSON.stringify({ message: (error as Error).message, stack: (error as Error).stack })).not.toContain(
        secret().slice(6),
      )
  })

  it("types the event as @clerk/backend's: the same event names, data narrowed by type", () => {
    expectTypeOf<WebhookEventType>().toEqualTypeOf<ClerkWebhookEventType>()
    expectTypeOf(verifyWebhook).returns.resolves.toEqualTypeOf<WebhookEvent>()
    const handle = (event: WebhookEvent) => {
      if (event.type === 'user.deleted') expectTypeOf(event.data.external_id).toEqualTypeOf<string | undefined>()
      if (event.type === 'session.ended') expectTypeOf(event.data.user?.id).toEqualTypeOf<string | undefined>()
      if (event.type === 'email.created') expectTypeOf(event.data.delivered_by_clerk).toEqualTypeOf<boolean>()
      if (event.type === 'organizationMembership.created')
        expectTypeOf(event.data.organization.slug).toEqualTypeOf<string>()
    }
    void handle
  })
})
