import { type ClerkClient, createClerkClient, verifyToken } from '@clerk/backend'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from '../../helpers/harness.js'

/**
 * Conformance for issue 25's users side: `@clerk/backend`'s own client against the local backend over real HTTP, one
 * case per endpoint this backend answers (users, e-mail addresses, phone numbers, sessions, clients, tickets,
 * allowlist and blocklist, redirect URLs, domains, instance, waitlist) and the semantics that matter (metadata deep
 * merge, bans, locks, restrictions, impersonation).
 */
let h: Harness
let clerk: ClerkClient

beforeAll(async () => {
  h = await startHarness({ now: Date.now })
  clerk = createClerkClient({
    secretKey: h.clerk.secretKey,
    apiUrl: h.clerk.apiUrl,
    publishableKey: h.clerk.publishableKey,
  })
})
afterAll(() => h.close())

async function apiError(promise: Promise<unknown>) {
  try {
    await promise
  } catch (error) {
    return error as {
      status: number
      errors: Array<{ code: string; message: string; longMessage: string; meta: Record<string, unknown> }>
    }
  }
  throw new Error('expected the call to fail')
}

/** A PNG of one pixel. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)

describe('@clerk/backend users API against remix-clerk-local', () => {
  it('updateUser changes names, username, settings and the password', async () => {
    const user = await clerk.users.createUser({ emailAddress: ['upd@example.com'], password: 'first-password' })
    const updated = await clerk.users.updateUser(user.id, {
      firstName: 'Ada',
      lastName: 'Lovelace',
      username: 'ada_l',
      externalId: 'ext-1',
      deleteSelfEnabled: false,
      createOrganizationsLimit: 3,
      password: 'second-password',
    })
    expect(updated).toMatchObject({
      firstName: 'Ada',
      lastName: 'Lovelace',
      username: 'ada_l',
      externalId: 'ext-1',
      deleteSelfEnabled: false,
    })
    expect(updated.createOrganizationsLimit).toBe(3)
    expect(updated.updatedAt).toBeGreaterThanOrEqual(user.updatedAt)
    expect(await clerk.users.verifyPassword({ userId: user.id, password: 'second-password' })).toEqual({
      verified: true,
    })
    const wrong = await apiError(clerk.users.verifyPassword({ userId: user.id, password: 'first-password' }))
    expect(wrong.status).toBe(422)
    expect(wrong.errors[0]!.code).toBe('form_password_incorrect')

    const other = await clerk.users.createUser({ emailAddress: ['upd2@example.com'] })
    const taken = await apiError(clerk.users.updateUser(other.id, { username: 'ada_l' }))
    expect(taken.errors[0]).toMatchObject({ code: 'form_identifier_exists', meta: { paramName: 'username' } })
    const missing = await apiError(clerk.users.updateUser('user_missing', { firstName: 'x' }))
    expect(missing.status).toBe(404)
  })

  it('updateUserMetadata deep-merges and a null removes a key; replaceUserMetadata replaces', async () => {
    const user = await clerk.users.createUser({
      emailAddress: ['meta@example.com'],
      publicMetadata: { role: 'member', prefs: { theme: 'dark', lang: 'en' }, tags: ['a'] },
      privateMetadata: { stripe: 'cus_1' },
    })
    const merged = await clerk.users.updateUserMetadata(user.id, {
      publicMetadata: { role: 'admin', prefs: { lang: null, font: 'mono' }, tags: ['b'] },
      privateMetadata: { stripe: null },
    })
    expect(merged.publicMetadata).toEqual({ role: 'admin', prefs: { theme: 'dark', font: 'mono' }, tags: ['b'] })
    expect(merged.privateMetadata).toEqual({})
    expect(merged.unsafeMetadata).toEqual({})

    const replaced = await clerk.users.replaceUserMetadata(user.id, { publicMetadata: { only: true } })
    expect(replaced.publicMetadata).toEqual({ only: true })
    // Fields not given stay as they are.
    expect((await clerk.users.getUser(user.id)).privateMetadata).toEqual({})
    // updateUser with metadata is the SDK's deprecated path through PUT /metadata: replaces, and sets the rest.
    const both = await clerk.users.updateUser(user.id, { firstName: 'Meta', unsafeMetadata: { x: 1 } })
    expect(both).toMatchObject({ firstName: 'Meta', unsafeMetadata: { x: 1 }, publicMetadata: { only: true } })
  })

  it('getUserList filters by query, identifiers, time and banned; orders and pages; getCount agrees', async () => {
    const a = await clerk.users.createUser({
      emailAddress: ['list.zed@corp.example'],
      firstName: 'Zed',
      username: 'zed_user',
    })
    const b = await clerk.users.createUser({
      emailAddress: ['list.amy@corp.example'],
      firstName: 'Amy',
      phoneNumber: ['+15550001111'],
    })
    const byQuery = await clerk.users.getUserList({ query: 'corp.exam', orderBy: '+first_name' })
    expect(byQuery.data.map((u) => u.id)).toEqual([b.id, a.id])
    expect(byQuery.totalCount).toBe(2)
    expect((await clerk.users.getUserList({ query: 'ZED_U' })).data.map((u) => u.id)).toEqual([a.id])
    expect((await clerk.users.getUserList({ phoneNumber: ['+15550001111'] })).data.map((u) => u.id)).toEqual([b.id])
    expect((await clerk.users.getUserList({ username: ['zed_user'] })).data.map((u) => u.id)).toEqual([a.id])
    const page = await clerk.users.getUserList({ query: 'corp.example', orderBy: '-first_name', limit: 1, offset: 1 })
    expect(page.data.map((u) => u.id)).toEqual([b.id])
    expect(page.totalCount).toBe(2)
    expect(
      (await clerk.users.getUserList({ query: 'corp.example', createdAtAfter: a.createdAt })).data.map((u) => u.id),
    ).toContain(b.id)
    await clerk.users.banUser(a.id)
    expect(await clerk.users.getCount({ query: 'corp.example' })).toBe(2)
    expect(
      (await h.call('GET', '/v1/users?banned=true&query=corp.example')).body.map((u: { id: string }) => u.id),
    ).toEqual([a.id])
  })

  it('banUser revokes sessions and blocks sign-in; unbanUser lets the user back', async () => {
    const user = await clerk.users.createUser({ emailAddress: ['banned@example.com'] })
    const session = await clerk.sessions.createSession({ userId: user.id })
    const banned = await clerk.users.banUser(user.id)
    expect(banned.banned).toBe(true)
    expect((await clerk.sessions.getSession(session.id)).status).toBe('revoked')
    const ticket = await clerk.signInTokens.createSignInToken({ userId: user.id, expiresInSeconds: 60 })
    expect(await ticketSignIn(ticket.token)).toMatchObject({ status: 403, code: 'user_banned' })
    expect((await clerk.users.unbanUser(user.id)).banned).toBe(false)
    expect(await ticketSignIn(ticket.token)).toMatchObject({ status: 200 })
  })

  it('lockUser locks for an hour and blocks sign-in; unlockUser ends it', async () => {
    const user = await clerk.users.createUser({ emailAddress: ['locked@example.com'] })
    const locked = await clerk.users.lockUser(user.id)
    expect(locked.locked).toBe(true)
    const raw = (await h.call('GET', `/v1/users/${user.id}`)).body
    expect(raw.lockout_expires_in_seconds).toBeGreaterThan(3500)
    expect(raw.lockout_expires_in_seconds).toBeLessThanOrEqual(3600)
    expect(await signInAs(user.id)).toMatchObject({ status: 403, code: 'user_locked' })
    const unlocked = await clerk.users.unlockUser(user.id)
    expect(unlocked.locked).toBe(false)
    expect((await h.call('GET', `/v1/users/${user.id}`)).body.lockout_expires_in_seconds).toBeNull()
    expect((await signInAs(user.id)).status).toBe(200)
  })

  it('updateUserProfileImage uploads (multipart) and serves the image; deleteUserProfileImage removes it', async () => {
    const user = await clerk.users.createUser({ emailAddress: ['image@example.com'] })
    const withImage = await clerk.users.updateUserProfileImage(user.id, {
      file: new Blob([PNG], { type: 'image/png' }),
    })
    expect(withImage.hasImage).toBe(true)
    const image = await fetch(withImage.imageUrl)
    expect(image.status).toBe(200)
    expect(image.headers.get('content-type')).toBe('image/png')
    expect(image.headers.get('x-content-type-options')).toBe('nosniff')
    expect(Buffer.from(await image.arrayBuffer())).toEqual(PNG)
    const html = await apiError(
      clerk.users.updateUserProfileImage(user.id, { file: new Blob(['<script>x</script>'], { type: 'image/png' }) }),
    )
    expect(html.errors[0]!.code).toBe('avatar_file_type_invalid')
    const without = await clerk.users.deleteUserProfileImage(user.id)
    expect(without.hasImage).toBe(false)
    expect(without.imageUrl).toBe('')
    expect((await fetch(withImage.imageUrl)).status).toBe(404)
  })

  it('removePassword, disableUserMFA, deleteUserTOTP, deleteUserBackupCodes, deleteUserExternalAccount', async () => {
    const user = await clerk.users.createUser({ emailAddress: ['pw@example.com'], password: 'a-password' })
    const session = await clerk.sessions.createSession({ userId: user.id })
    const removed = await clerk.users.removePassword(user.id, { signOutOfOtherSessions: true })
    expect(removed.passwordEnabled).toBe(false)
    expect((await clerk.sessions.getSession(session.id)).status).toBe('revoked')
    expect(
      (await apiError(clerk.users.verifyPassword({ userId: user.id, password: 'a-password' }))).errors[0]!.code,
    ).toBe('password_not_set')
    expect(await clerk.users.disableUserMFA(user.id)).toEqual({ user_id: user.id })
    expect(await clerk.users.deleteUserTOTP(user.id)).toEqual({ user_id: user.id })
    expect(await clerk.users.deleteUserBackupCodes(user.id)).toEqual({ user_id: user.id })
    const account = await apiError(
      clerk.users.deleteUserExternalAccount({ userId: user.id, externalAccountId: 'eac_x' }),
    )
    expect(account).toMatchObject({ status: 404, errors: [{ code: 'resource_not_found' }] })
    const totp = await apiError(clerk.users.verifyTOTP({ userId: user.id, code: '123456' }))
    expect(totp).toMatchObject({
      status: 404,
      errors: [
        { code: 'not_supported', message: 'Multi-factor authentication (TOTP) is not supported by remix-clerk-local' },
      ],
    })
  })

  it('deleteUser removes the user, their identifiers and sessions', async () => {
    const user = await clerk.users.createUser({ emailAddress: ['gone@example.com'] })
    expect(await clerk.users.deleteUser(user.id)).toMatchObject({ id: user.id, deleted: true })
    expect((await apiError(clerk.users.getUser(user.id))).status).toBe(404)
    expect((await clerk.users.getUserList({ query: 'gone@example' })).totalCount).toBe(0)
  })
})

describe('@clerk/backend e-mail addresses and phone numbers against remix-clerk-local', () => {
  it('createEmailAddress, getEmailAddress, updateEmailAddress (primary, verified), deleteEmailAddress', async () => {
    const user = await clerk.users.createUser({ emailAddress: ['first@example.com'] })
    const second = await clerk.emailAddresses.createEmailAddress({
      userId: user.id,
      emailAddress: 'Second@Example.com',
      verified: false,
    })
    expect(second).toMatchObject({ emailAddress: 'second@example.com', verification: { status: 'unverified' } })
    expect((await clerk.emailAddresses.getEmailAddress(second.id)).id).toBe(second.id)
    const primary = await clerk.emailAddresses.updateEmailAddress(second.id, { primary: true, verified: true })
    expect(primary.verification?.status).toBe('verified')
    expect((await clerk.users.getUser(user.id)).primaryEmailAddressId).toBe(second.id)
    const taken = await apiError(
      clerk.emailAddresses.createEmailAddress({ userId: user.id, emailAddress: 'first@example.com' }),
    )
    expect(taken.errors[0]).toMatchObject({ code: 'form_identifier_exists', meta: { paramName: 'email_address' } })
    expect(await clerk.emailAddresses.deleteEmailAddress(second.id)).toMatchObject({ id: second.id, deleted: true })
    const after = await clerk.users.getUser(user.id)
    expect(after.emailAddresses.map((e) => e.emailAddress)).toEqual(['first@example.com'])
    expect(after.primaryEmailAddress?.emailAddress).toBe('first@example.com')
    expect((await clerk.users.getUserList({ query: 'second@example' })).totalCount).toBe(0)
  })

  it('replaceUserEmailAddress leaves one primary address', async () => {
    const user = await clerk.users.createUser({ emailAddress: ['old1@example.com', 'old2@example.com'] })
    const replaced = await clerk.users.replaceUserEmailAddress(user.id, { emailAddress: 'new@example.com' })
    expect(replaced.emailAddress).toBe('new@example.com')
    const after = await clerk.users.getUser(user.id)
    expect(after.emailAddresses.map((e) => e.emailAddress)).toEqual(['new@example.com'])
    expect(after.primaryEmailAddressId).toBe(replaced.id)
  })

  it('createPhoneNumber, getPhoneNumber, updatePhoneNumber, deletePhoneNumber, replaceUserPhoneNumber', async () => {
    const user = await clerk.users.createUser({ emailAddress: ['phone@example.com'] })
    const phone = await clerk.phoneNumbers.createPhoneNumber({ userId: user.id, phoneNumber: '+15557654321' })
    expect(phone).toMatchObject({ phoneNumber: '+15557654321', verification: { status: 'verified' } })
    expect((await clerk.users.getUser(user.id)).primaryPhoneNumberId).toBe(phone.id)
    expect((await clerk.phoneNumbers.getPhoneNumber(phone.id)).phoneNumber).toBe('+15557654321')
    expect((await clerk.phoneNumbers.updatePhoneNumber(phone.id, { verified: false })).verification?.status).toBe(
      'unverified',
    )
    const mfa = await apiError(clerk.phoneNumbers.updatePhoneNumber(phone.id, { reservedForSecondFactor: true }))
    expect(mfa.errors[0]!.code).toBe('not_supported')
    const replaced = await clerk.users.replaceUserPhoneNumber(user.id, { phoneNumber: '+15550009999' })
    expect((await clerk.users.getUser(user.id)).phoneNumbers.map((p) => p.id)).toEqual([replaced.id])
    expect(await clerk.phoneNumbers.deletePhoneNumber(replaced.id)).toMatchObject({ deleted: true })
    expect((await clerk.users.getUser(user.id)).primaryPhoneNumberId).toBeNull()
  })
})

/** A sign-in token for the user, redeemed at once. */
const signInAs = async (userId: string) =>
  ticketSignIn((await clerk.signInTokens.createSignInToken({ userId, expiresInSeconds: 600 })).token)

/** Signs in with a ticket as ClerkJS does (`signIn.create({ strategy: 'ticket', ticket })`). */
async function ticketSignIn(
  ticket: string,
): Promise<{ status: number; code?: string; sessionId?: string; jwt?: string }> {
  const url = new URL('/v1/client/sign_ins', h.clerk.url)
  url.searchParams.set('__clerk_api_version', '2025-11-10')
  url.searchParams.set('_clerk_js_version', '5.128.0')
  const response = await fetch(url, {
    method: 'POST',
    headers: { origin: 'http://localhost:3000', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ strategy: 'ticket', ticket }).toString(),
  })
  const body = (await response.json()) as {
    errors?: Array<{ code: string }>
    response?: { status: string; created_session_id: string }
    client?: { sessions: Array<{ id: string; last_active_token: { jwt: string } }> }
  }
  if (!response.ok) return { status: response.status, code: body.errors![0]!.code }
  const session = body.client!.sessions.find((s) => s.id === body.response!.created_session_id)!
  return { status: response.status, sessionId: session.id, jwt: session.last_active_token.jwt }
}

describe('@clerk/backend sessions, clients and tickets against remix-clerk-local', () => {
  it('getSessionList filters by user and status; getSession; revokeSession', async () => {
    const user = await clerk.users.createUser({ emailAddress: ['sessions@example.com'] })
    const first = await clerk.sessions.createSession({ userId: user.id })
    const second = await clerk.sessions.createSession({ userId: user.id })
    await clerk.sessions.revokeSession(first.id)
    const active = await clerk.sessions.getSessionList({ userId: user.id, status: 'active' })
    expect(active.data.map((s) => s.id)).toEqual([second.id])
    expect((await clerk.sessions.getSessionList({ userId: user.id })).totalCount).toBe(2)
    expect((await clerk.sessions.getSession(first.id)).status).toBe('revoked')
  })

  it('getClientList, getClient and verifyClient (the __client cookie value)', async () => {
    const user = await clerk.users.createUser({ emailAddress: ['client@example.com'] })
    const signedIn = await signInAs(user.id)
    const session = await clerk.sessions.getSession(signedIn.sessionId!)
    const client = await clerk.clients.getClient(session.clientId)
    expect(client).toMatchObject({ id: session.clientId, lastActiveSessionId: session.id, sessionIds: [session.id] })
    const list = await clerk.clients.getClientList({ limit: 100 })
    expect(list.data.map((c) => c.id)).toContain(session.clientId)
    const bad = await apiError(clerk.clients.verifyClient('not-a-client'))
    expect(bad.errors[0]!.code).toBe('client_token_invalid')
    expect((await apiError(clerk.clients.getClient('client_missing'))).status).toBe(404)
  })

  it('createSignInToken, signing in with it once, revokeSignInToken', async () => {
    const user = await clerk.users.createUser({ emailAddress: ['ticket@example.com'] })
    const token = await clerk.signInTokens.createSignInToken({ userId: user.id, expiresInSeconds: 600 })
    expect(token).toMatchObject({ userId: user.id, status: 'pending' })
    expect(token.url).toBe(`${h.clerk.browserUrl}/v1/tickets/accept?ticket=${token.token}`)
    const signedIn = await ticketSignIn(token.token)
    expect(signedIn.status).toBe(200)
    const claims = await verifyToken(signedIn.jwt!, { secretKey: h.clerk.secretKey, apiUrl: h.clerk.apiUrl })
    expect(claims.sub).toBe(user.id)
    expect(claims.act).toBeUndefined()
    expect(await ticketSignIn(token.token)).toMatchObject({ status: 422, code: 'ticket_invalid' })
    const usedRevoke = await apiError(clerk.signInTokens.revokeSignInToken(token.id))
    expect(usedRevoke.errors[0]!.code).toBe('sign_in_token_cannot_be_revoked')
    const other = await clerk.signInTokens.createSignInToken({ userId: user.id, expiresInSeconds: 600 })
    expect((await clerk.signInTokens.revokeSignInToken(other.id)).status).toBe('revoked')
    expect(await ticketSignIn(other.token)).toMatchObject({ status: 422, code: 'ticket_invalid' })
  })

  it('actorTokens.create: the session it starts carries the actor, and its token the act claim; revoke', async () => {
    const admin = await clerk.users.createUser({ emailAddress: ['admin.actor@example.com'] })
    const user = await clerk.users.createUser({ emailAddress: ['impersonated@example.com'] })
    const token = await clerk.actorTokens.create({
      userId: user.id,
      actor: { sub: admin.id },
      sessionMaxDurationInSeconds: 600,
    })
    expect(token).toMatchObject({ userId: user.id, actor: { sub: admin.id }, status: 'pending' })
    const signedIn = await ticketSignIn(token.token!)
    const claims = await verifyToken(signedIn.jwt!, { secretKey: h.clerk.secretKey, apiUrl: h.clerk.apiUrl })
    expect(claims).toMatchObject({ sub: user.id, act: { sub: admin.id } })
    const session = await clerk.sessions.getSession(signedIn.sessionId!)
    expect(session.actor).toEqual({ sub: admin.id })
    expect(session.expireAt - session.createdAt).toBeLessThanOrEqual(600_000)
    const minted = await clerk.sessions.getToken(session.id)
    expect((await verifyToken(minted.jwt, { secretKey: h.clerk.secretKey, apiUrl: h.clerk.apiUrl })).act).toEqual({
      sub: admin.id,
    })
    const unused = await clerk.actorTokens.create({ userId: user.id, actor: { sub: admin.id } })
    expect((await clerk.actorTokens.revoke(unused.id)).status).toBe('revoked')
    const noSub = await apiError(clerk.actorTokens.create({ userId: user.id, actor: {} as { sub: string } }))
    expect(noSub.errors[0]).toMatchObject({ code: 'form_param_value_invalid', meta: { paramName: 'actor' } })
  })

  it('testingTokens.createTestingToken', async () => {
    const token = (await clerk.testingTokens.createTestingToken()) as unknown as {
      token: string
      expiresAt?: number
      expires_at?: number
    }
    expect(token.token).toMatch(/^\d+-\w{32}$/)
  })
})

describe('@clerk/backend instance objects against remix-clerk-local', () => {
  it('allowlist: enforced at sign-in once switched on in the restrictions', async () => {
    const outsider = await clerk.users.createUser({ emailAddress: ['outsider@elsewhere.example'] })
    const insider = await clerk.users.createUser({ emailAddress: ['insider@allowed.example'] })
    const entry = await clerk.allowlistIdentifiers.createAllowlistIdentifier({
      identifier: '@allowed.example',
      notify: false,
    })
    expect(entry).toMatchObject({ identifier: 'allowed.example' })
    expect((await clerk.allowlistIdentifiers.getAllowlistIdentifierList()).data.map((e) => e.id)).toEqual([entry.id])
    // Not enforced until switched on, as on Clerk.
    expect((await signInAs(outsider.id)).status).toBe(200)
    const restrictions = await clerk.instance.updateRestrictions({ allowlist: true })
    expect(restrictions.allowlist).toBe(true)
    expect(await signInAs(outsider.id)).toMatchObject({ status: 403, code: 'not_allowed_access' })
    expect((await signInAs(insider.id)).status).toBe(200)
    expect(await clerk.allowlistIdentifiers.deleteAllowlistIdentifier(entry.id)).toMatchObject({ deleted: true })
    await clerk.instance.updateRestrictions({ allowlist: false })
  })

  it('blocklist: enforced at sign-in once switched on', async () => {
    const user = await clerk.users.createUser({ emailAddress: ['blocked@example.com'] })
    const entry = await clerk.blocklistIdentifiers.createBlocklistIdentifier({ identifier: 'blocked@example.com' })
    expect(entry).toMatchObject({ identifier: 'blocked@example.com', identifierType: 'email_address' })
    const duplicate = await apiError(
      clerk.blocklistIdentifiers.createBlocklistIdentifier({ identifier: 'BLOCKED@example.com' }),
    )
    expect(duplicate.status).toBe(422)
    await clerk.instance.updateRestrictions({ blocklist: true })
    expect(await signInAs(user.id)).toMatchObject({ status: 403, code: 'not_allowed_access' })
    expect((await clerk.blocklistIdentifiers.getBlocklistIdentifierList()).totalCount).toBe(1)
    await clerk.blocklistIdentifiers.deleteBlocklistIdentifier(entry.id)
    expect((await signInAs(user.id)).status).toBe(200)
    await clerk.instance.updateRestrictions({ blocklist: false })
  })

  it('redirectUrls: create, get, list, delete', async () => {
    const created = await clerk.redirectUrls.createRedirectUrl({ url: 'myapp://callback' })
    expect(created.url).toBe('myapp://callback')
    expect((await clerk.redirectUrls.getRedirectUrl(created.id)).url).toBe('myapp://callback')
    expect((await clerk.redirectUrls.getRedirectUrlList()).data.map((r) => r.id)).toEqual([created.id])
    expect((await apiError(clerk.redirectUrls.createRedirectUrl({ url: 'myapp://callback' }))).status).toBe(422)
    expect(await clerk.redirectUrls.deleteRedirectUrl(created.id)).toMatchObject({ id: created.id })
    expect((await apiError(clerk.redirectUrls.getRedirectUrl(created.id))).status).toBe(404)
  })

  it('domains: the primary domain, adding, updating and deleting a satellite', async () => {
    const initial = await clerk.domains.list()
    expect(initial.data).toHaveLength(1)
    const [primary] = initial.data
    expect(primary).toMatchObject({ isSatellite: false, name: new URL(h.clerk.url).host })
    const satellite = await clerk.domains.add({ name: 'satellite.example.com', is_satellite: true } as never)
    expect(satellite).toMatchObject({ name: 'satellite.example.com', isSatellite: true })
    const updated = await clerk.domains.update({
      domainId: satellite.id,
      proxy_url: 'https://satellite.example.com/__clerk',
    } as never)
    expect(updated.proxyUrl).toBe('https://satellite.example.com/__clerk')
    expect((await clerk.domains.list()).totalCount).toBe(2)
    expect((await apiError(clerk.domains.delete(primary!.id))).status).toBe(403)
    expect(await clerk.domains.delete(satellite.id)).toMatchObject({ deleted: true })
  })

  it('instance: get, update, updateRestrictions, getOrganizationSettings, updateOrganizationSettings', async () => {
    expect(await clerk.instance.get()).toMatchObject({ id: h.clerk.instanceId, environmentType: 'development' })
    await clerk.instance.update({ allowedOrigins: ['http://localhost:3000'] } as never)
    expect((await clerk.instance.get()).allowedOrigins).toEqual(['http://localhost:3000'])
    const restrictions = await clerk.instance.updateRestrictions({ blockEmailSubaddresses: true })
    expect(restrictions).toMatchObject({ blockEmailSubaddresses: true, allowlist: false })
    await clerk.instance.updateRestrictions({ blockEmailSubaddresses: false })
    expect(await clerk.instance.getOrganizationSettings()).toMatchObject({ enabled: true, creatorRole: 'org:admin' })
    const changed = await clerk.instance.updateOrganizationSettings({
      maxAllowedMemberships: 5,
      adminDeleteEnabled: false,
    })
    expect(changed).toMatchObject({ maxAllowedMemberships: 5, adminDeleteEnabled: false })
  })

  it('waitlistEntries: create (once per address), createBulk, list with filters, invite, reject, delete', async () => {
    const entry = await clerk.waitlistEntries.create({ emailAddress: 'Wait@Example.com' })
    expect(entry).toMatchObject({ emailAddress: 'wait@example.com', status: 'pending' })
    expect((await clerk.waitlistEntries.create({ emailAddress: 'wait@example.com' })).id).toBe(entry.id)
    const bulk = await clerk.waitlistEntries.createBulk([
      { emailAddress: 'w1@example.com' },
      { emailAddress: 'w2@example.com' },
    ] as never)
    expect(bulk).toHaveLength(2)
    expect((await clerk.waitlistEntries.list({ query: 'w1@' })).data.map((e) => e.emailAddress)).toEqual([
      'w1@example.com',
    ])
    expect((await clerk.waitlistEntries.invite(entry.id)).status).toBe('invited')
    const second = (bulk as unknown as Array<{ id: string }>)[1]!
    expect((await clerk.waitlistEntries.reject(second.id)).status).toBe('rejected')
    expect((await clerk.waitlistEntries.list({ status: 'pending' })).totalCount).toBe(1)
    expect((await apiError(clerk.waitlistEntries.delete(entry.id))).status).toBe(400)
    const pending = (bulk as unknown as Array<{ id: string }>)[0]!
    expect(await clerk.waitlistEntries.delete(pending.id)).toMatchObject({ deleted: true })
  })

  it('answers what it does not model with a not_supported 404 naming the feature', async () => {
    const billing = await apiError(clerk.billing.getPlanList())
    expect(billing).toMatchObject({
      status: 404,
      errors: [{ code: 'not_supported', message: 'Billing is not supported by remix-clerk-local' }],
    })
    const saml = await apiError(clerk.samlConnections.getSamlConnectionList())
    expect(saml.errors[0]!.message).toBe('SAML connections is not supported by remix-clerk-local')
    // The secret key is still required first.
    const wrongKey = createClerkClient({ secretKey: 'sk_live_wrong', apiUrl: h.clerk.apiUrl })
    expect((await apiError(wrongKey.billing.getPlanList())).status).toBe(401)
  })
})
