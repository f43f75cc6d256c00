import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TESTS_HOLD_THE_SERVER_CLOCK } from '../../helpers/backend.js'
import { type Harness, startHarness } from '../../helpers/harness.js'
import { BrowserAgent } from '../../helpers/browserAgent.js'
import { ClerkJsAgent } from '../../helpers/clerkJsAgent.js'

/**
 * The instance's restrictions (allowlist, blocklist) and a user's ban and lock, enforced where people sign up and
 * sign in: ClerkJS's sign-up and sign-in calls and the sign-in page without JavaScript.
 */
let h: Harness
const APP = 'http://localhost:3000/'

beforeAll(async () => {
  h = await startHarness()
  h.clerk.seed({
    users: [
      { email_address: 'member@team.example', password: 'correct horse' },
      { email_address: 'guest@outside.example', password: 'correct horse' },
    ],
  })
})
afterAll(() => h.close())

const restrict = (changes: Record<string, boolean>) => h.call('PATCH', '/v1/instance/restrictions', { body: changes })
const signUp = (email: string) =>
  new ClerkJsAgent(h.clerk.url).call('POST', '/v1/client/sign_ups', {
    email_address: email,
    password: 'a long password',
  })
const signIn = (identifier: string) => new ClerkJsAgent(h.clerk.url).signInWithPassword(identifier, 'correct horse')

/** The sign-in page's form, typing an address: the page answers with the form again and the problem, or a redirect. */
async function pageSignIn(email: string): Promise<{ status: number; html: string }> {
  const hop = await new BrowserAgent().postForm(`${h.clerk.url}/sign-in`, { redirect_url: APP, email }, h.clerk.url)
  return { status: hop.status, html: hop.status === 303 ? '' : await hop.response.text() }
}

describe('the allowlist', () => {
  beforeAll(async () => {
    await h.call('POST', '/v1/allowlist_identifiers', { body: { identifier: 'team.example' } })
    await restrict({ allowlist: true })
  })
  afterAll(() => restrict({ allowlist: false }))

  it('keeps addresses outside it from signing up through ClerkJS, with not_allowed_access', async () => {
    const refused = await signUp('new@outside.example')
    expect(refused.status).toBe(403)
    expect(refused.body.errors[0].code).toBe('not_allowed_access')
    expect((await signUp('new@team.example')).status).toBe(200)
  })

  it('keeps users outside it from signing in through ClerkJS, before any password', async () => {
    const refused = await new ClerkJsAgent(h.clerk.url).call('POST', '/v1/client/sign_ins', {
      identifier: 'guest@outside.example',
    })
    expect(refused.status).toBe(403)
    expect(refused.body.errors[0].code).toBe('not_allowed_access')
    expect((await signIn('member@team.example')).body.response.status).toBe('complete')
  })

  it('keeps them out of the sign-in page too, new and existing alike', async () => {
    const existing = await pageSignIn('guest@outside.example')
    expect(existing.status).toBe(422)
    expect(existing.html).toContain('guest@outside.example is not on the allowlist.')
    const fresh = await pageSignIn('someone@outside.example')
    expect(fresh.status).toBe(422)
    expect((await h.call('GET', '/v1/users?email_address=someone@outside.example')).body).toEqual([])
    expect((await pageSignIn('member@team.example')).status).toBe(303)
  })

  it('can be lifted at sign-in only (allowlist_blocklist_disabled_on_sign_in)', async () => {
    await restrict({ allowlist_blocklist_disabled_on_sign_in: true })
    expect((await signIn('guest@outside.example')).body.response.status).toBe('complete')
    expect((await signUp('other@outside.example')).status).toBe(403)
    await restrict({ allowlist_blocklist_disabled_on_sign_in: false })
  })
})

describe('the blocklist', () => {
  it('keeps a blocked address or domain out of sign-up and sign-in once switched on', async () => {
    await h.call('POST', '/v1/blocklist_identifiers', { body: { identifier: '@outside.example' } })
    expect((await signIn('guest@outside.example')).body.response.status).toBe('complete')
    await restrict({ blocklist: true })
    expect((await signIn('guest@outside.example')).body.errors[0].code).toBe('not_allowed_access')
    expect((await signUp('x@outside.example')).body.errors[0].code).toBe('not_allowed_access')
    expect((await pageSignIn('guest@outside.example')).html).toContain('guest@outside.example is on the blocklist.')
    await restrict({ blocklist: false })
  })

  it('blocks subaddresses at sign-up when asked', async () => {
    await restrict({ block_email_subaddresses: true })
    const refused = await signUp('name+tag@team.example')
    expect(refused.status).toBe(422)
    expect(refused.body.errors[0]).toMatchObject({
      code: 'form_email_address_blocked',
      meta: { param_name: 'email_address' },
    })
    await restrict({ block_email_subaddresses: false })
  })
})

describe('bans and locks', () => {
  it('refuse ClerkJS sign-in (user_banned, user_locked with the seconds left) and the sign-in page', async () => {
    const id = (await h.call('GET', '/v1/users?email_address=member@team.example')).body[0].id
    await h.call('POST', `/v1/users/${id}/ban`)
    const banned = await new ClerkJsAgent(h.clerk.url).call('POST', '/v1/client/sign_ins', {
      identifier: 'member@team.example',
    })
    expect(banned.status).toBe(403)
    expect(banned.body.errors[0].code).toBe('user_banned')
    expect((await pageSignIn('member@team.example')).html).toContain('This account is banned')
    await h.call('POST', `/v1/users/${id}/unban`)
    await h.call('POST', `/v1/users/${id}/lock`)
    const locked = await new ClerkJsAgent(h.clerk.url).call('POST', '/v1/client/sign_ins', {
      identifier: 'member@team.example',
    })
    expect(locked.body.errors[0]).toMatchObject({ code: 'user_locked', meta: { lockout_expires_in_seconds: 3600 } })
    // The lock lapses after Clerk's hour; the CLI process serves on the real clock, where unlocking ends it instead.
    if (TESTS_HOLD_THE_SERVER_CLOCK) h.clock.advance(60 * 60 * 1000)
    else await h.call('POST', `/v1/users/${id}/unlock`)
    expect((await signIn('member@team.example')).body.response.status).toBe('complete')
  })
})
