// Webhooks from the library: real receivers on 127.0.0.1 get Clerk's events for each operation, signed so that
// @clerk/backend's own verifyWebhook accepts them; failed deliveries are retried with backoff, and nothing a receiver
// does (fail, hang, redirect, fill the queue) holds the API or close().
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inspect } from 'node:util'
import { createClerkClient } from '@clerk/backend'
import { verifyWebhook } from '@clerk/backend/webhooks'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import {
  type RecordedRequest,
  type RecordingServer,
  type ScriptedResponse,
  startRecordingServer,
} from '../../../test/helpers/recordingServer.js'
import { createLocalClerk, type LocalClerkErrorCode, type LocalClerkWebhookOptions } from '../../src/index.js'
import { ClerkJsAgent } from '../helpers/clerkJsAgent.js'
import { type Harness, PNG, startHarness } from '../helpers/harness.js'

const receivers: RecordingServer[] = []
const harnesses: Harness[] = []
const dirs: string[] = []
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.close()))
  await Promise.all(receivers.splice(0).map((r) => r.close()))
})
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

/** A receiver on 127.0.0.1 answering POST /hook with `responders` (the last repeats), 200 by default. */
async function receiver(
  ...responders: Array<
    ScriptedResponse | ((request: RecordedRequest, index: number) => ScriptedResponse | Promise<ScriptedResponse>)
  >
) {
  const server = await startRecordingServer()
  receivers.push(server)
  server.on('POST', '/hook', ...(responders.length > 0 ? responders : [{ status: 200 }]))
  return server
}

/** A backend in memory on a free port, sending to `endpoints`, its log lines collected. */
async function backend(webhooks: LocalClerkWebhookOptions) {
  const lines: Array<{ line: string; failed: boolean }> = []
  const h = await startHarness({
    webhooks: {
      retryDelays: [50, 100],
      timeout: 2000,
      log: (line, failed) => lines.push({ line, failed }),
      ...webhooks,
    },
  })
  harnesses.push(h)
  return { h, lines }
}

/** The deliveries as Web Requests, which is what verifyWebhook takes. */
const asRequest = (recorded: RecordedRequest) =>
  new Request('http://127.0.0.1/hook', { method: 'POST', headers: recorded.headers, body: recorded.body })

const types = (server: RecordingServer) => server.requests.map((r) => (r.json as { type: string }).type)

/** Waits for `check` to hold, however long the machine takes (the test's own timeout is the limit). */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10))
}

describe('events', () => {
  it("sends each operation's event, in order, in Clerk's envelope, signed so that @clerk/backend's verifyWebhook accepts it", async () => {
    const hook = await receiver()
    const { h } = await backend({ endpoints: [`${hook.url}/hook`] })
    const ada = (
      await h.call('POST', '/v1/users', { body: { email_address: ['ada@example.com'], external_id: 'ext-ada' } })
    ).body
    const org = (await h.call('POST', '/v1/organizations', { body: { name: 'Acme', created_by: ada.id } })).body
    const bob = (await h.call('POST', '/v1/users', { body: { email_address: ['bob@example.com'] } })).body
    await h.call('POST', `/v1/organizations/${org.id}/memberships`, { body: { user_id: bob.id, role: 'org:member' } })
    const session = (await h.call('POST', '/v1/sessions', { body: { user_id: bob.id } })).body
    await h.call('POST', `/v1/sessions/${session.id}/revoke`)
    await h.call('DELETE', `/v1/organizations/${org.id}/memberships/${bob.id}`)
    await h.call('DELETE', `/v1/organizations/${org.id}`)
    await h.call('DELETE', `/v1/users/${ada.id}`)
    await h.clerk.webhooks.settled()

    expect(types(hook)).toEqual([
      'user.created',
      'organization.created',
      'organizationMembership.created',
      'user.created',
      'organizationMembership.created',
      'session.created',
      'session.revoked',
      'organizationMembership.deleted',
      'organization.deleted',
      'user.deleted',
    ])
    const secret = h.clerk.webhooks.signingSecret
    const events = []
    for (const delivery of hook.requests) {
      expect(delivery.headers).toMatchObject({
        'content-type': 'application/json',
        'svix-id': expect.stringMatching(/^msg_\w{27}$/),
      })
      expect(delivery.headers['svix-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/)
      expect(Math.abs(Number(delivery.headers['svix-timestamp']) - Date.now() / 1000)).toBeLessThan(60)
      const event = await verifyWebhook(asRequest(delivery), { signingSecret: secret })
      expect(event).toEqual(delivery.json)
      events.push(event)
    }
    expect(new Set(hook.requests.map((r) => r.headers['svix-id'])).size).toBe(hook.requests.length)

    const [
      userCreated,
      orgCreated,
      creatorMembership,
      ,
      ,
      sessionCreated,
      sessionRevoked,
      membershipDeleted,
      orgDeleted,
      userDeleted,
    ] = events
    // Clerk's envelope, keys in Clerk's order; the timestamp is the backend's clock, in milliseconds.
    expect(Object.keys(hook.requests[0]!.json as object)).toEqual([
      'data',
      'event_attributes',
      'instance_id',
      'object',
      'timestamp',
      'type',
    ])
    expect(userCreated).toMatchObject({ object: 'event', instance_id: h.clerk.instanceId, timestamp: h.clock.ms })
    expect(userCreated!.event_attributes.http_request).toEqual({
      client_ip: expect.stringMatching(/127\.0\.0\.1$/),
      user_agent: 'node',
    })
    // The data is the Backend API's JSON of the object as it was.
    expect(userCreated!.data).toEqual(ada)
    expect(orgCreated!.data).toMatchObject({ object: 'organization', id: org.id, slug: 'acme', created_by: ada.id })
    expect(creatorMembership!.data).toMatchObject({
      object: 'organization_membership',
      role: 'org:admin',
      organization: { id: org.id },
      public_user_data: { user_id: ada.id },
    })
    expect(sessionCreated!.data).toMatchObject({
      object: 'session',
      id: session.id,
      status: 'active',
      user: { id: bob.id, object: 'user' },
    })
    expect(sessionRevoked!.data).toMatchObject({ id: session.id, status: 'revoked', user: { id: bob.id } })
    expect(membershipDeleted!.data).toMatchObject({
      role: 'org:member',
      organization: { id: org.id },
      public_user_data: { user_id: bob.id, identifier: 'bob@example.com' },
    })
    expect(orgDeleted!.data).toEqual({ object: 'organization', id: org.id, slug: 'acme', deleted: true })
    expect(userDeleted!.data).toEqual({ object: 'user', id: ada.id, deleted: true, external_id: 'ext-ada' })
  })

  it('announces nothing that rolled back; calls made in-process carry no HTTP request', async () => {
    const hook = await receiver()
    const { h } = await backend({ endpoints: [`${hook.url}/hook`] })
    // One transaction: the first user is created, then the second fails, and the first is gone again.
    expect(() =>
      h.clerk.seed({ users: [{ email_address: 'kept@example.com' }, { email_address: 'not an address' }] }),
    ).toThrow(
      expect.objectContaining({
        code: 'REMIX_CLERK_LOCAL_INVALID_SEED',
        message: expect.stringMatching(/^users\[1\]/),
      }),
    )
    h.clerk.seed({ users: [{ email_address: 'grace@example.com' }] })
    await h.clerk.webhooks.settled()
    expect(types(hook)).toEqual(['user.created'])
    expect(hook.requests[0]!.json).toMatchObject({
      data: { email_addresses: [{ email_address: 'grace@example.com' }] },
      event_attributes: { http_request: { client_ip: '', user_agent: '' } },
    })
  })

  it("sends what ClerkJS's flows cause: the e-mail with the code, sessions created, ended and removed", async () => {
    const hook = await receiver()
    const { h } = await backend({ endpoints: [`${hook.url}/hook`] })
    const { users } = h.clerk.seed({ users: [{ email_address: 'ada@example.com' }] })
    await h.clerk.webhooks.settled()
    hook.clearRequests()
    const agent = new ClerkJsAgent(h.clerk.url)
    const signIn = async () => {
      const started = (
        await agent.call('POST', '/v1/client/sign_ins', { identifier: 'ada@example.com', strategy: 'email_code' })
      ).body.response
      const done = await agent.call('POST', `/v1/client/sign_ins/${started.id}/attempt_first_factor`, {
        strategy: 'email_code',
        code: '424242',
      })
      return done.body.response.created_session_id as string
    }
    const first = await signIn()
    await agent.call('POST', `/v1/client/sessions/${first}/end`)
    const second = await signIn()
    await agent.call('POST', `/v1/client/sessions/${second}/remove`)
    await signIn()
    await agent.call('DELETE', '/v1/client/sessions')
    const signUp = (
      await agent.call('POST', '/v1/client/sign_ups', { email_address: 'new@example.com', password: 'a-long-password' })
    ).body.response
    await agent.call('POST', `/v1/client/sign_ups/${signUp.id}/prepare_verification`, { strategy: 'email_code' })
    await h.clerk.webhooks.settled()

    expect(types(hook)).toEqual([
      'email.created',
      'session.created',
      'session.ended',
      'email.created',
      'session.created',
      'session.removed',
      'email.created',
      'session.created',
      'session.ended',
      'email.created',
    ])
    const emails = hook.requests
      .filter((r) => (r.json as { type: string }).type === 'email.created')
      .map((r) => (r.json as { data: Record<string, unknown> }).data)
    const adaEmail = users[0]!
    expect(emails[0]).toMatchObject({
      object: 'email',
      id: expect.stringMatching(/^ema_/),
      slug: 'verification_code',
      to_email_address: 'ada@example.com',
      email_address_id: expect.stringMatching(/^idn_/),
      user_id: adaEmail.id,
      subject: '424242 is your verification code',
      body_plain: expect.stringContaining('424242'),
      delivered_by_clerk: false,
      data: { otp_code: '424242', requested_by: expect.any(String) },
    })
    expect(emails[3]).toMatchObject({ to_email_address: 'new@example.com', email_address_id: null, user_id: null })
    const ended = hook.requests[2]!.json as { data: { status: string; user: { id: string } } }
    expect(ended.data).toMatchObject({ status: 'ended', user: { id: adaEmail.id } })
    // The browser's request caused these: its origin's page made the call.
    expect((hook.requests[1]!.json as { event_attributes: unknown }).event_attributes).toEqual({
      http_request: { client_ip: expect.stringMatching(/127\.0\.0\.1$/), user_agent: expect.any(String) },
    })
  })
})

/** The deliveries of `hook`, each verified by @clerk/backend's verifyWebhook, as `{ type, data }`. */
async function verifiedEvents(hook: RecordingServer, h: Harness) {
  const events = []
  for (const delivery of hook.requests) {
    const event = (await verifyWebhook(asRequest(delivery), {
      signingSecret: h.clerk.webhooks.signingSecret,
    })) as unknown as { type: string; data: Record<string, unknown> }
    events.push({ type: event.type, data: event.data })
  }
  return events
}

/** A backend with a receiver, its setup's events (`seed`) already delivered and forgotten. */
async function listening() {
  const hook = await receiver()
  const { h } = await backend({ endpoints: [`${hook.url}/hook`] })
  return { hook, h }
}

describe('events of the users side and of invitations', () => {
  it('user.updated for every Backend API change of a user, with the user as it now is; a ban revokes sessions (session.revoked)', async () => {
    const { hook, h } = await listening()
    const user = (
      await h.call('POST', '/v1/users', { body: { email_address: ['ada@example.com'], password: 'a long password' } })
    ).body
    const session = (await h.call('POST', '/v1/sessions', { body: { user_id: user.id } })).body
    await h.clerk.webhooks.settled()
    hook.clearRequests()
    const path = `/v1/users/${user.id}`
    const form = new FormData()
    form.append('file', new Blob([PNG], { type: 'image/png' }))
    const calls: Array<[string, string, unknown?]> = [
      ['PATCH', path, { first_name: 'Ada' }],
      ['PATCH', `${path}/metadata`, { public_metadata: { role: 'admin', prefs: { theme: 'dark' } } }],
      ['PUT', `${path}/metadata`, { private_metadata: { stripe: 'cus_1' } }],
      ['POST', `${path}/ban`],
      ['POST', `${path}/unban`],
      ['POST', `${path}/lock`],
      ['POST', `${path}/unlock`],
      ['POST', `${path}/remove_password`],
      ['DELETE', `${path}/mfa`],
      ['PUT', `${path}/email_address`, { email_address: 'lovelace@example.com' }],
    ]
    for (const [method, at, body] of calls)
      expect((await h.call(method, at, body === undefined ? {} : { body })).status).toBe(200)
    const image = await fetch(`${h.clerk.apiUrl}${path}/profile_image`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.clerk.secretKey}` },
      body: form,
    })
    expect(image.status).toBe(200)
    expect((await h.call('DELETE', `${path}/profile_image`)).status).toBe(200)
    const email = (
      await h.call('POST', '/v1/email_addresses', { body: { user_id: user.id, email_address: 'second@example.com' } })
    ).body
    await h.call('PATCH', `/v1/email_addresses/${email.id}`, { body: { primary: true } })
    await h.call('DELETE', `/v1/email_addresses/${email.id}`)
    await h.call('POST', '/v1/phone_numbers', { body: { user_id: user.id, phone_number: '+15551234567' } })
    await h.clerk.webhooks.settled()

    const events = await verifiedEvents(hook, h)
    expect(events.map((e) => e.type)).toEqual([
      'user.updated',
      'user.updated',
      'user.updated',
      'session.revoked',
      'user.updated',
      ...Array<string>(12).fill('user.updated'),
    ])
    const updates = events.filter((e) => e.type === 'user.updated').map((e) => e.data)
    expect(updates[0]).toMatchObject({ object: 'user', id: user.id, first_name: 'Ada' })
    expect(updates[1]).toMatchObject({ public_metadata: { role: 'admin', prefs: { theme: 'dark' } } })
    expect(updates[2]).toMatchObject({ private_metadata: { stripe: 'cus_1' } })
    expect(updates[3]).toMatchObject({ banned: true })
    expect(events[3]!.data).toMatchObject({
      object: 'session',
      id: session.id,
      status: 'revoked',
      user: { id: user.id },
    })
    expect(updates.slice(4, 7).map((u) => [u.banned, u.locked])).toEqual([
      [false, false],
      [false, true],
      [false, false],
    ])
    expect(updates[7]).toMatchObject({ password_enabled: false })
    expect(updates[9]).toMatchObject({ email_addresses: [{ email_address: 'lovelace@example.com' }] })
    expect([updates[10]!.has_image, updates[11]!.has_image]).toEqual([true, false])
    expect((updates[12]!.email_addresses as unknown[]).length).toBe(2)
    expect(updates[13]!.primary_email_address_id).toBe(email.id)
    expect((updates[14]!.email_addresses as unknown[]).length).toBe(1)
    expect(updates[15]).toMatchObject({ phone_numbers: [{ phone_number: '+15551234567' }] })
    // The last event is the user as the Backend API now reads it.
    expect(updates[15]).toEqual((await h.call('GET', path)).body)
  })

  it("ClerkJS's user mutations: user.updated for each change, email.created for the address's code, user.deleted for user.delete", async () => {
    const { hook, h } = await listening()
    h.clerk.seed({ users: [{ email_address: 'me@example.com', password: 'a long password' }] })
    const agent = new ClerkJsAgent(h.clerk.url)
    const signedIn = (await agent.signInWithPassword('me@example.com', 'a long password')).body
    const me = { _clerk_session_id: signedIn.response.created_session_id as string }
    const userId = signedIn.client.sessions[0].user.id as string
    await h.clerk.webhooks.settled()
    hook.clearRequests()

    await agent.call('PATCH', '/v1/me', { first_name: 'New' }, me)
    const added = (await agent.call('POST', '/v1/me/email_addresses', { email_address: 'second@example.com' }, me)).body
      .response
    await agent.call('POST', `/v1/me/email_addresses/${added.id}/prepare_verification`, { strategy: 'email_code' }, me)
    await agent.call('POST', `/v1/me/email_addresses/${added.id}/attempt_verification`, { code: '424242' }, me)
    await agent.call(
      'POST',
      '/v1/me/change_password',
      { current_password: 'a long password', new_password: 'another long password' },
      me,
    )
    // A data URL as the raw body: how ClerkJS sends setProfileImage({ file: 'data:…' }).
    const image = await agent.call(
      'POST',
      '/v1/me/profile_image',
      `data:image/png;base64,${PNG.toString('base64')}`,
      me,
    )
    expect(image.status, JSON.stringify(image.body)).toBe(200)
    await agent.call('DELETE', '/v1/me/profile_image', {}, me)
    await agent.call('POST', '/v1/me/remove_password', { current_password: 'another long password' }, me)
    await agent.call('DELETE', `/v1/me/email_addresses/${added.id}`, {}, me)
    await agent.call('DELETE', '/v1/me', {}, me)
    await h.clerk.webhooks.settled()

    const events = await verifiedEvents(hook, h)
    expect(events.map((e) => e.type)).toEqual([
      'user.updated',
      'user.updated',
      'email.created',
      'user.updated',
      'user.updated',
      'user.updated',
      'user.updated',
      'user.updated',
      'user.updated',
      'user.deleted',
    ])
    expect(events[0]!.data).toMatchObject({ id: userId, first_name: 'New' })
    expect(events[2]!.data).toMatchObject({
      object: 'email',
      slug: 'verification_code',
      to_email_address: 'second@example.com',
      email_address_id: added.id,
      user_id: userId,
      data: { otp_code: '424242' },
    })
    expect(events[3]!.data).toMatchObject({
      email_addresses: expect.arrayContaining([
        expect.objectContaining({ id: added.id, verification: expect.objectContaining({ status: 'verified' }) }),
      ]),
    })
    expect([events[5]!.data.has_image, events[6]!.data.has_image, events[7]!.data.password_enabled]).toEqual([
      true,
      false,
      false,
    ])
    expect(events[9]!.data).toEqual({ object: 'user', id: userId, deleted: true })
  })

  it('session.created for a sign-in with a sign-in token or an actor token (the actor in the session)', async () => {
    const { hook, h } = await listening()
    const user = (await h.call('POST', '/v1/users', { body: { email_address: ['ticket@example.com'] } })).body
    const token = (await h.call('POST', '/v1/sign_in_tokens', { body: { user_id: user.id } })).body
    const actor = (
      await h.call('POST', '/v1/actor_tokens', { body: { user_id: user.id, actor: { sub: 'user_support' } } })
    ).body
    await h.clerk.webhooks.settled()
    hook.clearRequests()
    for (const ticket of [token.token, actor.token]) {
      expect(
        (await new ClerkJsAgent(h.clerk.url).call('POST', '/v1/client/sign_ins', { strategy: 'ticket', ticket }))
          .status,
      ).toBe(200)
    }
    await h.clerk.webhooks.settled()
    const events = await verifiedEvents(hook, h)
    expect(events.map((e) => e.type)).toEqual(['session.created', 'session.created'])
    expect(events[0]!.data).toMatchObject({ object: 'session', status: 'active', actor: null, user: { id: user.id } })
    expect(events[1]!.data).toMatchObject({ actor: { sub: 'user_support' }, user: { id: user.id } })
  })

  it('invitations: email.created with the link (unless notify: false), organizationInvitation.created, .revoked and .accepted', async () => {
    const { hook, h } = await listening()
    const admin = (
      await h.call('POST', '/v1/users', {
        body: { email_address: ['admin@example.com'], first_name: 'Grace', last_name: 'Hopper' },
      })
    ).body
    const bob = (
      await h.call('POST', '/v1/users', { body: { email_address: ['bob@example.com'], password: 'a long password' } })
    ).body
    const org = (await h.call('POST', '/v1/organizations', { body: { name: 'Acme', created_by: admin.id } })).body
    await h.clerk.webhooks.settled()
    hook.clearRequests()

    const invitation = (await h.call('POST', '/v1/invitations', { body: { email_address: 'new@example.com' } })).body
    await h.call('POST', '/v1/invitations', { body: { email_address: 'quiet@example.com', notify: false } })
    const toBob = (
      await h.call('POST', `/v1/organizations/${org.id}/invitations`, {
        body: { email_address: 'bob@example.com', role: 'org:member', inviter_user_id: admin.id },
      })
    ).body
    const toEve = (
      await h.call('POST', `/v1/organizations/${org.id}/invitations`, {
        body: { email_address: 'eve@example.com', role: 'org:member', notify: false },
      })
    ).body
    await h.call('POST', `/v1/organizations/${org.id}/invitations/${toEve.id}/revoke`)
    const accepted = await new ClerkJsAgent(h.clerk.url).call('POST', '/v1/client/sign_ins', {
      strategy: 'ticket',
      ticket: new URL(toBob.url).searchParams.get('ticket')!,
    })
    expect(accepted.status).toBe(200)
    await h.clerk.webhooks.settled()

    const events = await verifiedEvents(hook, h)
    expect(events.map((e) => e.type)).toEqual([
      'email.created',
      'organizationInvitation.created',
      'email.created',
      'organizationInvitation.created',
      'organizationInvitation.revoked',
      'organizationMembership.created',
      'organizationInvitation.accepted',
      'session.created',
    ])
    expect(events[0]!.data).toMatchObject({
      object: 'email',
      slug: 'invitation',
      to_email_address: 'new@example.com',
      email_address_id: null,
      user_id: null,
      data: { action_url: invitation.url },
      delivered_by_clerk: false,
    })
    expect(events[1]!.data).toEqual({ ...toBob, status: 'pending' })
    expect(events[2]!.data).toMatchObject({
      slug: 'organization_invitation',
      to_email_address: 'bob@example.com',
      email_address_id: bob.email_addresses[0].id,
      user_id: bob.id,
      subject: 'Invitation to join Acme',
      body_plain: expect.stringContaining('Grace Hopper has invited you to join Acme'),
      data: { action_url: toBob.url, inviter_name: 'Grace Hopper', org: { name: 'Acme' } },
    })
    expect(events[3]!.data).toMatchObject({ id: toEve.id, status: 'pending' })
    expect(events[4]!.data).toMatchObject({ object: 'organization_invitation', id: toEve.id, status: 'revoked' })
    expect(events[6]!.data).toMatchObject({
      object: 'organization_invitation',
      id: toBob.id,
      status: 'accepted',
      user_id: bob.id,
      organization_id: org.id,
    })
  })
})

describe('delivery', () => {
  it('retries a failed delivery after each delay (same svix-id, signed anew), until it succeeds; one log line per attempt', async () => {
    const arrivals: number[] = []
    const stamp = (response: ScriptedResponse) => () => (arrivals.push(performance.now()), response)
    const hook = await receiver(stamp({ status: 500 }), stamp({ destroy: true }), stamp({ status: 204 }))
    const { h, lines } = await backend({ endpoints: [`${hook.url}/hook`], retryDelays: [200, 400] })
    h.clerk.seed({ users: [{ email_address: 'ada@example.com' }] })
    await h.clerk.webhooks.settled()

    expect(hook.requests).toHaveLength(3)
    expect(new Set(hook.requests.map((r) => r.headers['svix-id'])).size).toBe(1)
    for (const attempt of hook.requests) {
      await expect(
        verifyWebhook(asRequest(attempt), { signingSecret: h.clerk.webhooks.signingSecret }),
      ).resolves.toMatchObject({ type: 'user.created' })
    }
    // The backoff is a floor: each retry came at least its delay after the attempt before it.
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(195)
    expect(arrivals[2]! - arrivals[1]!).toBeGreaterThanOrEqual(395)
    const id = hook.requests[0]!.headers['svix-id']
    const where = `remix-clerk-local: webhook user.created ${id} → ${hook.url}/hook`
    expect(lines).toEqual([
      {
        line: expect.stringMatching(
          new RegExp(`^${escape(where)}: 500 in \\d+ ms \\(attempt 1 of 3\\); retrying in 200 ms$`),
        ),
        failed: true,
      },
      {
        line: expect.stringMatching(
          new RegExp(`^${escape(where)}: network error \\S+ \\(attempt 2 of 3\\); retrying in 400 ms$`),
        ),
        failed: true,
      },
      { line: expect.stringMatching(new RegExp(`^${escape(where)}: 204 in \\d+ ms$`)), failed: false },
    ])
    expect(lines.map((l) => l.line).join('\n')).not.toContain(h.clerk.webhooks.signingSecret)
  })

  it('gives up after the last retry, and says so', async () => {
    const hook = await receiver({ status: 503 })
    const { h, lines } = await backend({ endpoints: [`${hook.url}/hook?token=abc`], retryDelays: [50] })
    h.clerk.seed({ users: [{ email_address: 'ada@example.com' }] })
    await h.clerk.webhooks.settled()
    expect(hook.requests).toHaveLength(2)
    expect(hook.requests[0]!.search).toBe('token=abc')
    expect(lines.at(-1)).toEqual({
      line: expect.stringMatching(/: 503 in \d+ ms \(attempt 2 of 2\); giving up$/),
      failed: true,
    })
    // The endpoint's query (where a token would be) stays out of the log.
    expect(lines.map((l) => l.line).join('\n')).not.toContain('token=abc')
  })

  it('an endpoint that does not answer holds neither the API nor the other endpoints', async () => {
    let open = () => {}
    const gate = new Promise<void>((resolve) => (open = resolve))
    const stalled = await receiver(async () => (await gate, { status: 200 }))
    const healthy = await receiver()
    const { h } = await backend({ endpoints: [`${stalled.url}/hook`, `${healthy.url}/hook`], timeout: 60_000 })
    for (const name of ['a', 'b', 'c']) {
      expect((await h.call('POST', '/v1/users', { body: { email_address: [`${name}@example.com`] } })).status).toBe(200)
    }
    // Every call answered while the first delivery still waits: the API never waits for a receiver, nor does
    // another endpoint.
    await until(() => healthy.requests.length === 3)
    expect(stalled.requests).toHaveLength(1)
    open()
    await h.clerk.webhooks.settled()
    expect(types(stalled)).toEqual(['user.created', 'user.created', 'user.created'])
  })

  it('an attempt without an answer within the timeout fails', async () => {
    const hanging = await receiver({ hang: true })
    const { h, lines } = await backend({ endpoints: [`${hanging.url}/hook`], retryDelays: [], timeout: 300 })
    h.clerk.seed({ users: [{ email_address: 'ada@example.com' }] })
    await h.clerk.webhooks.settled()
    expect(lines).toEqual([
      { line: expect.stringMatching(/: no answer within 300 ms \(attempt 1 of 1\); giving up$/), failed: true },
    ])
  })

  it('bounds what waits for an endpoint: beyond queueLimit, events are dropped, with one line; close() aborts the rest', async () => {
    const hanging = await receiver({ hang: true })
    const { h, lines } = await backend({ endpoints: [`${hanging.url}/hook`], queueLimit: 2, timeout: 60_000 })
    h.clerk.seed({ users: ['a', 'b', 'c', 'd', 'e'].map((name) => ({ email_address: `${name}@example.com` })) })
    const dropped = lines.filter((l) => l.line.includes('dropped'))
    expect(dropped).toEqual([
      {
        line: expect.stringMatching(
          /: dropped, 2 deliveries are waiting already; dropping events for it until they are done$/,
        ),
        failed: true,
      },
    ])
    await h.close()
    harnesses.splice(harnesses.indexOf(h), 1)
    expect(hanging.requests).toHaveLength(1)
    expect(lines.slice(-2)).toEqual([
      { line: 'remix-clerk-local: webhooks: 1 deliveries not made before close', failed: true },
      { line: expect.stringMatching(/: aborted by close\(\) \(attempt 1 of 3\); giving up$/), failed: true },
    ])
  })

  it('does not follow a redirect: it is an answer like any other non-2xx', async () => {
    const elsewhere = await receiver()
    const hook = await receiver({ status: 307, headers: { location: `${elsewhere.url}/hook` } })
    const { h, lines } = await backend({ endpoints: [`${hook.url}/hook`], retryDelays: [] })
    h.clerk.seed({ users: [{ email_address: 'ada@example.com' }] })
    await h.clerk.webhooks.settled()
    expect(elsewhere.requests).toHaveLength(0)
    expect(lines).toEqual([
      { line: expect.stringMatching(/: 307 in \d+ ms \(attempt 1 of 1\); giving up$/), failed: true },
    ])
  })

  it('close() still makes the deliveries that are due', async () => {
    const hook = await receiver()
    const { h } = await backend({ endpoints: [`${hook.url}/hook`] })
    h.clerk.seed({ users: [{ email_address: 'ada@example.com' }] })
    await h.close()
    harnesses.splice(harnesses.indexOf(h), 1)
    expect(types(hook)).toEqual(['user.created'])
  })

  it('takes endpoints added and removed while it runs; its handle never shows the secret', async () => {
    const first = await receiver()
    const second = await receiver()
    const { h } = await backend({})
    expect(h.clerk.webhooks.endpoints).toEqual([])
    h.clerk.seed({ users: [{ email_address: 'nobody-listens@example.com' }] })
    h.clerk.webhooks.addEndpoint(`${first.url}/hook`)
    h.clerk.webhooks.addEndpoint(`${second.url}/hook#fragment`)
    h.clerk.webhooks.addEndpoint(`${first.url}/hook`)
    expect(h.clerk.webhooks.endpoints).toEqual([`${first.url}/hook`, `${second.url}/hook`])
    h.clerk.seed({ users: [{ email_address: 'both@example.com' }] })
    await h.clerk.webhooks.settled()
    expect(h.clerk.webhooks.removeEndpoint(`${second.url}/hook`)).toBe(true)
    expect(h.clerk.webhooks.removeEndpoint(`${second.url}/hook`)).toBe(false)
    h.clerk.seed({ users: [{ email_address: 'first-only@example.com' }] })
    await h.clerk.webhooks.settled()
    expect(
      first.requests.map(
        (r) =>
          (r.json as { data: { email_addresses: Array<{ email_address: string }> } }).data.email_addresses[0]!
            .email_address,
      ),
    ).toEqual(['both@example.com', 'first-only@example.com'])
    expect(second.requests).toHaveLength(1)
    const secret = h.clerk.webhooks.signingSecret
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/)
    expect(JSON.stringify(h.clerk.webhooks)).not.toContain(secret)
    expect(inspect(h.clerk.webhooks)).not.toContain(secret)
    expect(inspect(h.clerk)).not.toContain(secret)
    expect(() => h.clerk.webhooks.addEndpoint('ftp://example.com/hook')).toThrow(
      expect.objectContaining({
        code: 'REMIX_CLERK_LOCAL_INVALID_WEBHOOK_ENDPOINT',
        message:
          'remix-clerk-local: webhook endpoint "ftp://example.com/hook" is not valid; use an absolute http(s) URL such as "http://localhost:3000/api/webhooks".',
      }),
    )
  })
})

describe('the signing secret and the options', () => {
  it("is the instance's: the same after a restart on one database, another for another database", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'local-clerk-webhooks-'))
    dirs.push(dir)
    const open = async (name: string) => {
      const clerk = await createLocalClerk({ db: join(dir, name) })
      const secret = clerk.webhooks.signingSecret
      await clerk.close()
      return secret
    }
    const first = await open('one.db')
    expect(await open('one.db')).toBe(first)
    expect(await open('two.db')).not.toBe(first)
  })

  it.each<[unknown, string, LocalClerkErrorCode?]>([
    [
      ['http://localhost:3000/hook'],
      'webhooks must be an object such as { endpoints: ["http://localhost:3000/api/webhooks"] }.',
    ],
    [
      { endpoints: 'http://localhost:3000/hook' },
      'webhooks.endpoints must be an array of URLs such as "http://localhost:3000/api/webhooks".',
    ],
    [
      { endpoints: ['localhost:3000/hook'] },
      'webhook endpoint "localhost:3000/hook" is not valid; use an absolute http(s) URL such as "http://localhost:3000/api/webhooks".',
      'REMIX_CLERK_LOCAL_INVALID_WEBHOOK_ENDPOINT',
    ],
    [
      { endpoints: ['http://user:pass@localhost:3000/hook'] },
      'a webhook endpoint cannot carry a user name or password in its URL; put a token in its path or query instead.',
      'REMIX_CLERK_LOCAL_INVALID_WEBHOOK_ENDPOINT',
    ],
    [
      { endpoints: Array.from({ length: 21 }, (_, i) => `http://localhost:${3000 + i}/`) },
      'webhooks.endpoints may name at most 20 URLs (got 21).',
      'REMIX_CLERK_LOCAL_TOO_MANY_WEBHOOK_ENDPOINTS',
    ],
    [
      { retryDelays: [1000, -1] },
      'webhooks.retryDelays must be an array of at most 20 delays in milliseconds, each from 0 to 3600000.',
    ],
    [{ timeout: 0 }, 'webhooks.timeout must be a whole number of milliseconds from 1 to 600000 (got 0).'],
    [{ queueLimit: 1.5 }, 'webhooks.queueLimit must be a whole number from 1 to 100000 (got 1.5).'],
  ])(
    'refuses webhooks: %j with a message that names the fix',
    async (webhooks, message, code = 'REMIX_CLERK_LOCAL_INVALID_OPTION') => {
      await expect(
        createLocalClerk({ db: ':memory:', webhooks: webhooks as LocalClerkWebhookOptions }),
      ).rejects.toMatchObject({
        code,
        message: `remix-clerk-local: ${message}`,
      })
    },
  )

  it("answers the official client's Svix portal calls with a not_supported that says where endpoints come from", async () => {
    const { h } = await backend({})
    const client = createClerkClient({ secretKey: h.clerk.secretKey, apiUrl: h.clerk.apiUrl })
    for (const call of [
      () => client.webhooks.createSvixApp(),
      () => client.webhooks.generateSvixAuthURL(),
      () => client.webhooks.deleteSvixApp(),
    ]) {
      const error = await call().catch((caught: unknown) => caught)
      expect(error).toMatchObject({
        status: 404,
        errors: [{ code: 'not_supported', longMessage: expect.stringContaining('--webhook-url URL') }],
      })
    }
  })
})

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
