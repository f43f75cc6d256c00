import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from '../../helpers/harness.js'
import { ClerkJsAgent } from '../../helpers/clerkJsAgent.js'

/**
 * What `<UserProfile/>` may send that must be refused: another user's e-mail address, a wrong current password,
 * deleting one's account when not allowed, removing the last way to sign in, and any change without the browser's
 * own session.
 */
let h: Harness
beforeAll(async () => {
  h = await startHarness()
  h.clerk.seed({
    users: [
      { email_address: 'me@example.com', password: 'correct horse' },
      { email_address: 'other@example.com', password: 'correct horse' },
    ],
  })
})
afterAll(() => h.close())

async function signedIn(email: string): Promise<{ agent: ClerkJsAgent; sessionId: string; userId: string }> {
  const agent = new ClerkJsAgent(h.clerk.url)
  const answer = await agent.signInWithPassword(email, 'correct horse')
  const session = answer.body.client.sessions[0]
  return { agent, sessionId: session.id, userId: session.user.id }
}

const me = (sessionId: string) => ({ _clerk_session_id: sessionId })

describe('<UserProfile/> calls that are refused', () => {
  it("does not touch another user's e-mail address", async () => {
    const { agent, sessionId } = await signedIn('me@example.com')
    const other = (await h.call('GET', '/v1/users?email_address=other@example.com')).body[0]
    const answer = await agent.call(
      'DELETE',
      `/v1/me/email_addresses/${other.email_addresses[0].id}`,
      {},
      me(sessionId),
    )
    expect(answer.status).toBe(404)
    expect((await h.call('GET', `/v1/users/${other.id}`)).body.email_addresses).toHaveLength(1)
  })

  it('does not remove the last way to sign in', async () => {
    const { agent, sessionId, userId } = await signedIn('me@example.com')
    const user = (await h.call('GET', `/v1/users/${userId}`)).body
    const answer = await agent.call('DELETE', `/v1/me/email_addresses/${user.email_addresses[0].id}`, {}, me(sessionId))
    expect(answer.status).toBe(400)
    expect(answer.body.errors[0].code).toBe('identification_deletion_failed')
  })

  it('asks for the current password, and refuses a wrong one', async () => {
    const { agent, sessionId } = await signedIn('me@example.com')
    const missing = await agent.call(
      'POST',
      '/v1/me/change_password',
      { new_password: 'another password' },
      me(sessionId),
    )
    expect(missing.body.errors[0]).toMatchObject({
      code: 'form_param_missing',
      meta: { param_name: 'current_password' },
    })
    const wrong = await agent.call(
      'POST',
      '/v1/me/change_password',
      { new_password: 'another password', current_password: 'nope' },
      me(sessionId),
    )
    expect(wrong.body.errors[0]).toMatchObject({
      code: 'form_password_incorrect',
      meta: { param_name: 'current_password' },
    })
    const short = await agent.call(
      'POST',
      '/v1/me/change_password',
      { new_password: 'short', current_password: 'correct horse' },
      me(sessionId),
    )
    expect(short.body.errors[0].code).toBe('form_password_length_too_short')
  })

  it('signs out the other sessions when asked, and keeps this one', async () => {
    const first = await signedIn('other@example.com')
    const second = await signedIn('other@example.com')
    const answer = await second.agent.call(
      'POST',
      '/v1/me/change_password',
      { new_password: 'a new password', current_password: 'correct horse', sign_out_of_other_sessions: 'true' },
      me(second.sessionId),
    )
    expect(answer.status).toBe(200)
    expect((await h.call('GET', `/v1/sessions/${first.sessionId}`)).body.status).toBe('revoked')
    expect((await h.call('GET', `/v1/sessions/${second.sessionId}`)).body.status).toBe('active')
  })

  it('refuses deleting the account when delete_self_enabled is off', async () => {
    const { agent, sessionId, userId } = await signedIn('me@example.com')
    await h.call('PATCH', `/v1/users/${userId}`, { body: { delete_self_enabled: false } })
    const answer = await agent.call('DELETE', '/v1/me', {}, me(sessionId))
    expect(answer.status).toBe(403)
    expect(answer.body.errors[0].code).toBe('delete_self_not_enabled')
    expect((await h.call('GET', `/v1/users/${userId}`)).status).toBe(200)
  })

  it("changes nothing without the browser's own session", async () => {
    const { sessionId, userId } = await signedIn('me@example.com')
    const stranger = new ClerkJsAgent(h.clerk.url)
    const answer = await stranger.call('PATCH', '/v1/me', { first_name: 'Hijacked' }, me(sessionId))
    expect(answer.status).toBe(401)
    expect((await h.call('GET', `/v1/users/${userId}`)).body.first_name).toBeNull()
  })
})
