// ClerkJS's organization calls on the Frontend API, made as ClerkJS makes them (form-encoded, `_method`, the
// browser's `__client` cookie): creating and changing organizations, members and roles, invitations and their tickets
// (sign-up and sign-in), the invitee's side, logos and verified domains. The same flows in a real ClerkJS are in
// test/browser/clerkJsOrganizations.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TESTS_HOLD_THE_SERVER_CLOCK } from '../../helpers/backend.js'
import { type Harness, PNG, decodePart, startHarness } from '../../helpers/harness.js'
import { ClerkJsAgent, type FapiAnswer } from '../../helpers/clerkJsAgent.js'

const PASSWORD = 'correct horse battery staple'

let h: Harness
const users: Record<string, string> = {}

beforeAll(async () => {
  h = await startHarness()
  const seeded = h.clerk.seed({
    users: ['ada', 'bob', 'eve', 'mallory', 'dana'].map((name) => ({
      email_address: `${name}@${name === 'dana' ? 'acme.test' : 'example.com'}`,
      first_name: name[0]!.toUpperCase() + name.slice(1),
      password: PASSWORD,
    })),
  })
  for (const user of seeded.users) users[user.email_address!.split('@')[0]!] = user.id
})
afterAll(() => h.close())

function expectError(answer: FapiAnswer, status: number, code: string) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status)
  expect(answer.body.errors[0].code).toBe(code)
}

/** A browser signed in as one of the seeded users, calling with its session as ClerkJS does. */
async function browserOf(name: string) {
  const agent = new ClerkJsAgent(h.clerk.url)
  const signedIn = await agent.signInWithPassword(`${name}@${name === 'dana' ? 'acme.test' : 'example.com'}`, PASSWORD)
  expect(signedIn.status).toBe(200)
  const sessionId: string = signedIn.body.response.created_session_id
  const as = (
    method: string,
    path: string,
    fields: Parameters<ClerkJsAgent['call']>[2] = {},
    query: Record<string, string> = {},
  ) => agent.call(method, path, fields, { _clerk_session_id: sessionId, ...query })
  const memberships = async () =>
    (
      (await agent.call('GET', '/v1/client')).body.response.sessions[0].user.organization_memberships as Array<{
        organization: { id: string }
        role: string
      }>
    ).map((m) => [m.organization.id, m.role])
  /** The session token's organization claim, after making `organizationId` the session's active one. */
  const orgClaim = async (organizationId: string) => {
    expect(
      (await as('POST', `/v1/client/sessions/${sessionId}/touch`, { active_organization_id: organizationId })).status,
    ).toBe(200)
    return decodePart((await as('POST', `/v1/client/sessions/${sessionId}/tokens`)).body.jwt, 1).o
  }
  return { agent, sessionId, as, memberships, orgClaim }
}

describe('organizations from ClerkJS', () => {
  let ada: Awaited<ReturnType<typeof browserOf>>
  let bob: Awaited<ReturnType<typeof browserOf>>
  let org: string

  beforeAll(async () => {
    ada = await browserOf('ada')
    bob = await browserOf('bob')
  })

  it('the environment lets users create organizations, delete them as admins and verify domains', async () => {
    const environment = (await ada.agent.call('GET', '/v1/environment')).body.response
    expect(environment.user_settings.actions.create_organization).toBe(true)
    expect(environment.organization_settings).toMatchObject({
      enabled: true,
      actions: { admin_delete: true },
      domains: {
        enabled: true,
        enrollment_modes: ['manual_invitation', 'automatic_invitation'],
        default_role: 'org:member',
      },
    })
  })

  it('a user whose create_organization_enabled is off is told so, and may not create one', async () => {
    await h.call('PATCH', `/v1/users/${users.bob}`, { body: { create_organization_enabled: false } })
    try {
      expect(
        (await bob.agent.call('GET', '/v1/client')).body.response.sessions[0].user.create_organization_enabled,
      ).toBe(false)
      expectError(await bob.as('POST', '/v1/organizations', { name: 'Not Allowed' }), 403, 'not_allowed_access')
      expect((await h.call('GET', '/v1/organizations?query=Not%20Allowed')).body.total_count).toBe(0)
    } finally {
      await h.call('PATCH', `/v1/users/${users.bob}`, { body: { create_organization_enabled: true } })
    }
  })

  it('clerk.createOrganization: the creator is its admin, and the answer’s client shows the membership at once', async () => {
    const created = await ada.as('POST', '/v1/organizations', { name: 'Acme Labs', slug: '' })
    expect(created.status).toBe(200)
    expect(created.body.response).toMatchObject({
      object: 'organization',
      name: 'Acme Labs',
      slug: 'acme-labs',
      members_count: 1,
      pending_invitations_count: 0,
      created_by: users.ada,
    })
    expect(created.body.response.private_metadata).toBeUndefined()
    org = created.body.response.id
    expect(
      created.body.client.sessions[0].user.organization_memberships.map(
        (m: { organization: { id: string }; role: string }) => [m.organization.id, m.role],
      ),
    ).toEqual([[org, 'org:admin']])
    expectError(
      await ada.as('POST', '/v1/organizations', { name: 'Other', slug: 'acme-labs' }),
      422,
      'form_identifier_exists',
    )
    expect((await ada.as('GET', `/v1/organizations/${org}`)).body.response).toMatchObject({ id: org, members_count: 1 })
    // Not a member: as if it did not exist.
    expectError(await bob.as('GET', `/v1/organizations/${org}`), 404, 'resource_not_found')
  })

  it('organization.update needs org:sys_profile:manage; a member gets a 403 and stays signed in', async () => {
    const updated = await ada.as('PATCH', `/v1/organizations/${org}`, { name: 'Acme Research', slug: 'acme-research' })
    expect(updated.body.response).toMatchObject({ name: 'Acme Research', slug: 'acme-research' })
    await h.call('POST', `/v1/organizations/${org}/memberships`, { body: { user_id: users.bob, role: 'org:member' } })
    expectError(await bob.as('PATCH', `/v1/organizations/${org}`, { name: 'Mine now' }), 403, 'not_allowed_access')
    expect((await bob.agent.call('GET', '/v1/client')).body.response.sessions).toHaveLength(1)
  })

  it('getMemberships (query, role), updateMember: the next token carries the new role; the last admin stays one', async () => {
    const listed = await bob.as('GET', `/v1/organizations/${org}/memberships`, {}, { paginated: 'true' })
    expect(listed.body.response.total_count).toBe(2)
    expect(
      listed.body.response.data.map((m: { public_user_data: { user_id: string } }) => m.public_user_data.user_id),
    ).toEqual([users.ada, users.bob])
    const found = await bob.as('GET', `/v1/organizations/${org}/memberships`, {}, { query: 'BOB' })
    expect(found.body.response.data.map((m: { role: string }) => m.role)).toEqual(['org:member'])
    expect(
      (await bob.as('GET', `/v1/organizations/${org}/memberships`, {}, { role: 'org:admin' })).body.response
        .total_count,
    ).toBe(1)

    expect(await bob.orgClaim(org)).toMatchObject({ id: org, rol: 'member' })
    expectError(
      await bob.as('PATCH', `/v1/organizations/${org}/memberships/${users.bob}`, { role: 'org:admin' }),
      403,
      'not_allowed_access',
    )
    const promoted = await ada.as('PATCH', `/v1/organizations/${org}/memberships/${users.bob}`, { role: 'org:admin' })
    expect(promoted.body.response).toMatchObject({ role: 'org:admin', role_name: 'Admin' })
    expect(await bob.orgClaim(org)).toMatchObject({ id: org, rol: 'admin' })

    await ada.as('PATCH', `/v1/organizations/${org}/memberships/${users.bob}`, { role: 'org:member' })
    expectError(
      await ada.as('PATCH', `/v1/organizations/${org}/memberships/${users.ada}`, { role: 'org:member' }),
      403,
      'organization_minimum_permissions_needed',
    )
    expectError(
      await ada.as('DELETE', `/v1/organizations/${org}/memberships/${users.ada}`),
      403,
      'organization_minimum_permissions_needed',
    )
    expectError(
      await ada.as('DELETE', `/v1/me/organization_memberships/${org}`),
      403,
      'organization_minimum_permissions_needed',
    )
  })

  it('inviteMember, inviteMembers, getInvitations, revoke; duplicates and members are refused', async () => {
    const invited = await ada.as('POST', `/v1/organizations/${org}/invitations`, {
      email_address: 'eve@example.com',
      role: 'org:member',
    })
    expect(invited.body.response).toMatchObject({
      object: 'organization_invitation',
      email_address: 'eve@example.com',
      role: 'org:member',
      role_name: 'Member',
      status: 'pending',
      organization_id: org,
    })
    // No link and no private metadata in the Frontend API.
    expect(Object.keys(invited.body.response)).not.toContain('url')
    const bulk = await ada.as('POST', `/v1/organizations/${org}/invitations/bulk`, {
      email_address: ['x1@example.com', 'x2@example.com'],
      role: 'org:member',
    })
    expect(bulk.body.response.map((i: { email_address: string }) => i.email_address)).toEqual([
      'x1@example.com',
      'x2@example.com',
    ])

    const duplicate = await ada.as('POST', `/v1/organizations/${org}/invitations/bulk`, {
      email_address: ['x1@example.com', 'new@example.com'],
      role: 'org:member',
    })
    expectError(duplicate, 422, 'duplicate_record')
    expect(duplicate.body.errors[0].meta.email_addresses).toEqual(['x1@example.com'])
    const member = await ada.as('POST', `/v1/organizations/${org}/invitations`, {
      email_address: 'bob@example.com',
      role: 'org:member',
    })
    expectError(member, 422, 'already_a_member_in_organization')
    expect(member.body.errors[0].long_message).toContain('bob@example.com')
    expectError(
      await bob.as('POST', `/v1/organizations/${org}/invitations`, {
        email_address: 'z@example.com',
        role: 'org:member',
      }),
      403,
      'not_allowed_access',
    )

    const revoked = await ada.as('POST', `/v1/organizations/${org}/invitations/${bulk.body.response[1].id}/revoke`)
    expect(revoked.body.response.status).toBe('revoked')
    const pending = await ada.as('GET', `/v1/organizations/${org}/invitations`, {}, { status: 'pending' })
    expect(pending.body.response.data.map((i: { email_address: string }) => i.email_address)).toEqual([
      'x1@example.com',
      'eve@example.com',
    ])
    expect((await ada.as('GET', `/v1/organizations/${org}`)).body.response.pending_invitations_count).toBe(2)
    expectError(await bob.as('GET', `/v1/organizations/${org}/invitations`), 403, 'not_allowed_access')
  })

  it('the invitee sees the invitation (user.getOrganizationInvitations), accepts it, and can leave again', async () => {
    const eve = await browserOf('eve')
    const invitations = await eve.as('GET', '/v1/me/organization_invitations', {}, { status: 'pending' })
    expect(invitations.body.response.total_count).toBe(1)
    const [invitation] = invitations.body.response.data
    expect(invitation).toMatchObject({
      email_address: 'eve@example.com',
      status: 'pending',
      public_organization_data: { id: org, name: 'Acme Research', slug: 'acme-research', has_image: false },
    })

    const accepted = await eve.as('POST', `/v1/me/organization_invitations/${invitation.id}/accept`)
    expect(accepted.body.response.status).toBe('accepted')
    expect(
      accepted.body.client.sessions[0].user.organization_memberships.map(
        (m: { organization: { id: string }; role: string }) => [m.organization.id, m.role],
      ),
    ).toEqual([[org, 'org:member']])
    expectError(await eve.as('POST', `/v1/me/organization_invitations/${invitation.id}/accept`), 422, 'ticket_invalid')
    // Someone else's invitation is not found.
    const other = (
      await h.call('POST', `/v1/organizations/${org}/invitations`, {
        body: { email_address: 'nobody@example.com', role: 'org:member' },
      })
    ).body
    expectError(await eve.as('POST', `/v1/me/organization_invitations/${other.id}/accept`), 404, 'resource_not_found')

    expect(await eve.orgClaim(org)).toMatchObject({ id: org, rol: 'member' })
    const left = await eve.as('DELETE', `/v1/me/organization_memberships/${org}`)
    expect(left.body.response).toMatchObject({ object: 'organization_membership', deleted: true })
    expect(await eve.memberships()).toEqual([])
    // Her tokens carry the organization no more.
    expect(
      decodePart((await eve.as('POST', `/v1/client/sessions/${eve.sessionId}/tokens`)).body.jwt, 1).o,
    ).toBeUndefined()
  })

  it('organization.setLogo uploads a multipart image; the logo is served; a non-image is refused; deleting removes it', async () => {
    const form = new FormData()
    form.append('file', new Blob([PNG], { type: 'image/png' }), 'logo.png')
    const uploaded = await ada.as('PUT', `/v1/organizations/${org}/logo`, form)
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(200)
    expect(uploaded.body.response).toMatchObject({
      has_image: true,
      image_url: expect.stringMatching(/\/images\/img_\w{27}$/),
    })
    const image = await fetch(uploaded.body.response.image_url)
    expect([image.status, image.headers.get('content-type'), image.headers.get('x-content-type-options')]).toEqual([
      200,
      'image/png',
      'nosniff',
    ])

    const html = new FormData()
    html.append('file', new Blob(['<script>alert(1)</script>'], { type: 'image/png' }), 'evil.png')
    expectError(await ada.as('PUT', `/v1/organizations/${org}/logo`, html), 422, 'avatar_file_type_invalid')
    expect((await ada.as('DELETE', `/v1/organizations/${org}/logo`)).body.response).toMatchObject({
      has_image: false,
      image_url: '',
    })
  })

  it('verified domains: added unverified, verified with the e-mail code at the domain, then inviting its users automatically', async () => {
    const added = await ada.as('POST', `/v1/organizations/${org}/domains`, { name: 'acme.test' })
    expect(added.body.response).toMatchObject({
      object: 'organization_domain',
      name: 'acme.test',
      enrollment_mode: 'manual_invitation',
      verification: null,
    })
    const domain = added.body.response.id
    const base = `/v1/organizations/${org}/domains/${domain}`
    expectError(
      await ada.as('POST', `${base}/prepare_affiliation_verification`, {
        affiliation_email_address: 'it@elsewhere.test',
      }),
      422,
      'form_param_value_invalid',
    )
    const prepared = await ada.as('POST', `${base}/prepare_affiliation_verification`, {
      affiliation_email_address: 'IT@acme.test',
    })
    expect(prepared.body.response).toMatchObject({
      affiliation_email_address: 'it@acme.test',
      verification: { status: 'unverified', strategy: 'email_code' },
    })
    expectError(
      await ada.as('POST', `${base}/attempt_affiliation_verification`, { code: '000000' }),
      422,
      'form_code_incorrect',
    )
    expect(
      (await ada.as('POST', `${base}/attempt_affiliation_verification`, { code: '424242' })).body.response.verification
        .status,
    ).toBe('verified')
    const automatic = await ada.as('POST', `${base}/update_enrollment_mode`, {
      enrollment_mode: 'automatic_invitation',
    })
    expect(automatic.body.response.enrollment_mode).toBe('automatic_invitation')
    expect((await ada.as('GET', `/v1/organizations/${org}/domains`)).body.response.total_count).toBe(1)
    expectError(await bob.as('GET', `/v1/organizations/${org}/domains`), 403, 'not_allowed_access')

    const dana = await browserOf('dana')
    const [invitation] = (await dana.as('GET', '/v1/me/organization_invitations')).body.response.data
    expect(invitation).toMatchObject({
      email_address: 'dana@acme.test',
      role: 'org:member',
      public_organization_data: { id: org },
    })
    expect((await ada.as('GET', base)).body.response.total_pending_invitations).toBe(1)
    await dana.as('POST', `/v1/me/organization_invitations/${invitation.id}/accept`)
    expect(await dana.memberships()).toEqual([[org, 'org:member']])

    expect((await ada.as('DELETE', base)).body.response).toMatchObject({
      object: 'organization_domain',
      id: domain,
      deleted: true,
    })
  })

  it('organization.destroy needs org:sys_profile:delete and admin_delete_enabled; members lose it', async () => {
    expectError(await bob.as('DELETE', `/v1/organizations/${org}`), 403, 'not_allowed_access')
    await h.call('PATCH', `/v1/organizations/${org}`, { body: { admin_delete_enabled: false } })
    expectError(await ada.as('DELETE', `/v1/organizations/${org}`), 403, 'not_allowed_access')
    await h.call('PATCH', `/v1/organizations/${org}`, { body: { admin_delete_enabled: true } })
    expect(await bob.orgClaim(org)).toMatchObject({ id: org })
    const deleted = await ada.as('DELETE', `/v1/organizations/${org}`)
    expect(deleted.body.response).toEqual({ object: 'organization', id: org, deleted: true })
    expect(deleted.body.client.sessions[0].user.organization_memberships).toEqual([])
    expect(await bob.memberships()).toEqual([])
    expect(
      decodePart((await bob.as('POST', `/v1/client/sessions/${bob.sessionId}/tokens`)).body.jwt, 1).o,
    ).toBeUndefined()
  })
})

describe('invitation tickets', () => {
  let org: string

  beforeAll(async () => {
    org = (await h.call('POST', '/v1/organizations', { body: { name: 'Ticketed', created_by: users.ada } })).body.id
  })

  it('an organization invitation’s link leads to its redirect_url with the ticket; the ticket signs a new user up into the organization', async () => {
    const invitation = (
      await h.call('POST', `/v1/organizations/${org}/invitations`, {
        body: {
          email_address: 'new.hire@example.com',
          role: 'org:billing',
          redirect_url: 'http://localhost:3000/join?from=mail',
          public_metadata: { team: 'finance' },
        },
      })
    ).body
    const agent = new ClerkJsAgent(h.clerk.url)
    const landing = await agent.browser.request(invitation.url)
    expect(landing.status).toBe(303)
    const target = new URL(landing.location!)
    expect(target.origin + target.pathname).toBe('http://localhost:3000/join')
    expect(Object.fromEntries(target.searchParams)).toEqual({
      from: 'mail',
      __clerk_ticket: expect.stringMatching(/^\w{43}$/),
      __clerk_status: 'sign_up',
    })
    const ticket = target.searchParams.get('__clerk_ticket')!

    // What <SignUp/> does with `__clerk_ticket`: the address comes from the invitation, already verified.
    const started = await agent.call('POST', '/v1/client/sign_ups', { strategy: 'ticket', ticket })
    expect(started.body.response).toMatchObject({
      status: 'missing_requirements',
      email_address: 'new.hire@example.com',
      missing_fields: ['password'],
      unverified_fields: [],
      verifications: { email_address: { status: 'verified', strategy: 'ticket' } },
    })
    const done = await agent.call('PATCH', `/v1/client/sign_ups/${started.body.response.id}`, { password: PASSWORD })
    expect(done.body.response.status).toBe('complete')
    const [session] = done.body.client.sessions
    expect(session.id).toBe(done.body.response.created_session_id)
    expect(
      session.user.organization_memberships.map(
        (m: { organization: { id: string }; role: string; public_metadata: unknown }) => [
          m.organization.id,
          m.role,
          m.public_metadata,
        ],
      ),
    ).toEqual([[org, 'org:billing', { team: 'finance' }]])
    expect((await h.call('GET', `/v1/organizations/${org}/invitations/${invitation.id}`)).body.status).toBe('accepted')
    // Used up: the link says so, and the ticket works no more.
    expect((await agent.browser.request(invitation.url)).status).toBe(410)
    expectError(
      await new ClerkJsAgent(h.clerk.url).call('POST', '/v1/client/sign_ups', { strategy: 'ticket', ticket }),
      422,
      'ticket_invalid',
    )
  })

  it('for an address with an account, the link says sign_in and the ticket signs that user in as a member', async () => {
    const invitation = (
      await h.call('POST', `/v1/organizations/${org}/invitations`, {
        body: { email_address: 'mallory@example.com', role: 'org:member', redirect_url: 'http://localhost:3000/' },
      })
    ).body
    const agent = new ClerkJsAgent(h.clerk.url)
    const target = new URL((await agent.browser.request(invitation.url)).location!)
    expect(target.searchParams.get('__clerk_status')).toBe('sign_in')
    const signedIn = await agent.call('POST', '/v1/client/sign_ins', {
      strategy: 'ticket',
      ticket: target.searchParams.get('__clerk_ticket')!,
    })
    expect(signedIn.body.response).toMatchObject({
      status: 'complete',
      identifier: 'mallory@example.com',
      first_factor_verification: { strategy: 'ticket', status: 'verified' },
    })
    expect(signedIn.body.client.sessions[0].user.id).toBe(users.mallory)
    expect(signedIn.body.client.sessions[0].user.organization_memberships[0].organization.id).toBe(org)
    // Signing up with it instead would make a second account for the address: refused.
    const second = (
      await h.call('POST', `/v1/organizations/${org}/invitations`, {
        body: { email_address: 'eve@example.com', role: 'org:member' },
      })
    ).body
    const ticket = new URL(second.url).searchParams.get('ticket')!
    expectError(
      await new ClerkJsAgent(h.clerk.url).call('POST', '/v1/client/sign_ups', { strategy: 'ticket', ticket }),
      422,
      'form_identifier_exists',
    )
  })

  it('an application invitation’s ticket signs up in one call (with the password) and gives the invitation’s public metadata', async () => {
    const invitation = (
      await h.call('POST', '/v1/invitations', {
        body: {
          email_address: 'beta@example.com',
          public_metadata: { plan: 'beta' },
          redirect_url: 'http://localhost:3000/sign-up',
        },
      })
    ).body
    const ticket = new URL(invitation.url).searchParams.get('ticket')!
    const agent = new ClerkJsAgent(h.clerk.url)
    expectError(await agent.call('POST', '/v1/client/sign_ins', { strategy: 'ticket', ticket }), 422, 'ticket_invalid')
    const done = await agent.call('POST', '/v1/client/sign_ups', {
      strategy: 'ticket',
      ticket,
      password: PASSWORD,
      first_name: 'Beta',
    })
    expect(done.body.response).toMatchObject({
      status: 'complete',
      email_address: 'beta@example.com',
      first_name: 'Beta',
    })
    const user = (await h.call('GET', `/v1/users/${done.body.response.created_user_id}`)).body
    expect(user).toMatchObject({ first_name: 'Beta', public_metadata: { plan: 'beta' }, password_enabled: true })
    expect((await h.call('GET', '/v1/invitations?status=accepted')).body.map((i: { id: string }) => i.id)).toEqual([
      invitation.id,
    ])
  })

  const ticketOf = (invitation: { url: string }) => new URL(invitation.url).searchParams.get('ticket')!

  it('a revoked ticket is refused with what became of it; an unknown one is invalid', async () => {
    const revoked = (await h.call('POST', '/v1/invitations', { body: { email_address: 'gone@example.com' } })).body
    await h.call('POST', `/v1/invitations/${revoked.id}/revoke`)
    const agent = new ClerkJsAgent(h.clerk.url)
    expectError(
      await agent.call('POST', '/v1/client/sign_ups', { strategy: 'ticket', ticket: ticketOf(revoked) }),
      422,
      'ticket_invalid',
    )
    expect((await agent.browser.request(revoked.url)).status).toBe(410)
    expectError(
      await agent.call('POST', '/v1/client/sign_ups', { strategy: 'ticket', ticket: 'nope' }),
      422,
      'ticket_invalid',
    )
    expect((await agent.browser.request(`${h.clerk.url}/v1/tickets/accept?ticket=nope`)).status).toBe(404)
  })

  // The CLI process serves on the real clock, which the test cannot move a day on.
  it.runIf(TESTS_HOLD_THE_SERVER_CLOCK)(
    'an expired ticket is refused as expired, and the invitation lists as expired',
    async () => {
      const expiring = (
        await h.call('POST', '/v1/invitations', { body: { email_address: 'late@example.com', expires_in_days: 1 } })
      ).body
      h.clock.advance(24 * 3600 * 1000)
      const agent = new ClerkJsAgent(h.clerk.url)
      expectError(
        await agent.call('POST', '/v1/client/sign_ups', { strategy: 'ticket', ticket: ticketOf(expiring) }),
        422,
        'ticket_expired',
      )
      expect((await h.call('GET', `/v1/invitations?status=expired`)).body.map((i: { id: string }) => i.id)).toEqual([
        expiring.id,
      ])
    },
  )

  it('without a redirect_url, the link leads to the hosted sign-up page, or the sign-in page for an account, with the ticket', async () => {
    const agent = new ClerkJsAgent(h.clerk.url)
    const signUp = (await h.call('POST', '/v1/invitations', { body: { email_address: 'nowhere@example.com' } })).body
    const toSignUp = await agent.browser.request(signUp.url)
    expect(toSignUp.status).toBe(303)
    const ticket = new URL(signUp.url).searchParams.get('ticket')!
    expect(toSignUp.location).toBe(
      `${h.clerk.browserUrl}/accounts/sign-up?${new URLSearchParams({ __clerk_ticket: ticket, __clerk_status: 'sign_up' })}`,
    )
    const member = (
      await h.call('POST', `/v1/organizations/${org}/invitations`, {
        body: { email_address: 'bob@example.com', role: 'org:member' },
      })
    ).body
    const toSignIn = new URL((await agent.browser.request(member.url)).location!)
    expect([toSignIn.pathname, toSignIn.searchParams.get('__clerk_status')]).toEqual(['/accounts/sign-in', 'sign_in'])
    // Opening the link uses nothing up: the invitation is still pending.
    expect((await h.call('GET', `/v1/organizations/${org}/invitations/${member.id}`)).body.status).toBe('pending')
  })
})
