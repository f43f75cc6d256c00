// The official @clerk/backend client against the local backend for organizations, their memberships, invitations
// and domains, and the application's invitations: a case for every endpoint, over real HTTP, with the semantics apps
// rely on (metadata deep merge, a role change in the next session token and in the SDK's auth object, deletion).
import { type ClerkClient, createClerkClient } from '@clerk/backend'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, PNG, apiError, decodePart, startHarness } from '../../helpers/harness.js'

let h: Harness
let clerk: ClerkClient
let ada: string
let bob: string
let cy: string

beforeAll(async () => {
  // Real clock: the SDK verifies tokens with Date.now.
  h = await startHarness({ now: Date.now })
  clerk = createClerkClient({
    secretKey: h.clerk.secretKey,
    apiUrl: h.clerk.apiUrl,
    publishableKey: h.clerk.publishableKey,
  })
  ada = (await clerk.users.createUser({ emailAddress: ['ada@example.com'], firstName: 'Ada', lastName: 'Lovelace' })).id
  bob = (await clerk.users.createUser({ emailAddress: ['bob@example.com'], firstName: 'Bob', username: 'bobby' })).id
  cy = (await clerk.users.createUser({ emailAddress: ['cy@other.test'], firstName: 'Cy' })).id
})
afterAll(() => h.close())

/** The organization claims of a fresh session token for the session. */
async function orgClaim(sessionId: string) {
  return decodePart((await clerk.sessions.getToken(sessionId)).jwt, 1).o as
    { id: string; slg: string; rol: string } | undefined
}

describe('organizations', () => {
  it('createOrganization, getOrganization (id, slug, members count), updateOrganization', async () => {
    const org = await clerk.organizations.createOrganization({
      name: 'Analytical Engines',
      createdBy: ada,
      maxAllowedMemberships: 5,
      publicMetadata: { plan: 'pro' },
      privateMetadata: { crm: 'a-1' },
    })
    expect(org).toMatchObject({
      name: 'Analytical Engines',
      slug: 'analytical-engines',
      createdBy: ada,
      maxAllowedMemberships: 5,
      adminDeleteEnabled: true,
      hasImage: false,
    })
    expect(org.publicMetadata).toEqual({ plan: 'pro' })
    expect(org.privateMetadata).toEqual({ crm: 'a-1' })

    const bySlug = await clerk.organizations.getOrganization({ slug: 'analytical-engines', includeMembersCount: true })
    expect(bySlug).toMatchObject({ id: org.id, membersCount: 1 })
    expect((await clerk.organizations.getOrganization({ organizationId: org.id })).membersCount).toBeUndefined()

    const updated = await clerk.organizations.updateOrganization(org.id, {
      name: 'Engines',
      slug: 'engines',
      maxAllowedMemberships: 0,
      adminDeleteEnabled: false,
    })
    expect(updated).toMatchObject({
      id: org.id,
      name: 'Engines',
      slug: 'engines',
      maxAllowedMemberships: 0,
      adminDeleteEnabled: false,
    })
    expect(updated.updatedAt).toBeGreaterThanOrEqual(org.updatedAt)
    const taken = await clerk.organizations.createOrganization({ name: 'Taken' })
    const conflict = await apiError(clerk.organizations.updateOrganization(taken.id, { slug: 'engines' }))
    expect(conflict).toMatchObject({
      status: 422,
      errors: [{ code: 'form_identifier_exists', meta: { paramName: 'slug' } }],
    })
    await clerk.organizations.deleteOrganization(taken.id)
  })

  it('updateOrganizationMetadata deep-merges (null removes a key); replaceOrganizationMetadata replaces what is given', async () => {
    const org = await clerk.organizations.createOrganization({
      name: 'Metadata',
      publicMetadata: { plan: 'pro', limits: { seats: 5, storage: 10 }, tags: ['a'] },
      privateMetadata: { billing: { id: 'cus_1' } },
    })
    const merged = await clerk.organizations.updateOrganizationMetadata(org.id, {
      publicMetadata: { limits: { seats: 10, storage: null }, tags: ['b'], region: 'eu' },
    })
    expect(merged.publicMetadata).toEqual({ plan: 'pro', limits: { seats: 10 }, tags: ['b'], region: 'eu' })
    expect(merged.privateMetadata).toEqual({ billing: { id: 'cus_1' } })

    const replaced = await clerk.organizations.replaceOrganizationMetadata(org.id, { privateMetadata: { fresh: true } })
    expect(replaced.publicMetadata).toEqual(merged.publicMetadata)
    expect(replaced.privateMetadata).toEqual({ fresh: true })
    // The deprecated path (metadata through updateOrganization) replaces too, through PUT …/metadata.
    const viaUpdate = await clerk.organizations.updateOrganization(org.id, {
      name: 'Metadata 2',
      publicMetadata: { only: 1 },
    })
    expect(viaUpdate).toMatchObject({
      name: 'Metadata 2',
      publicMetadata: { only: 1 },
      privateMetadata: { fresh: true },
    })
  })

  it('updateOrganizationLogo uploads an image served from /images/…; deleteOrganizationLogo removes it', async () => {
    const org = await clerk.organizations.createOrganization({ name: 'Logo' })
    const withLogo = await clerk.organizations.updateOrganizationLogo(org.id, {
      file: new Blob([PNG], { type: 'image/png' }),
      uploaderUserId: ada,
    })
    expect(withLogo.hasImage).toBe(true)
    expect(withLogo.imageUrl).toMatch(new RegExp(`^${h.clerk.url}/images/img_[0-9A-Za-z]{27}$`))
    const image = await fetch(withLogo.imageUrl)
    expect(image.status).toBe(200)
    expect(image.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await image.arrayBuffer())).toEqual(PNG)

    const notImage = await apiError(
      clerk.organizations.updateOrganizationLogo(org.id, { file: new Blob(['<svg/>'], { type: 'image/svg+xml' }) }),
    )
    expect(notImage).toMatchObject({
      status: 422,
      errors: [{ code: 'avatar_file_type_invalid', meta: { paramName: 'file' } }],
    })

    const without = await clerk.organizations.deleteOrganizationLogo(org.id)
    expect(without).toMatchObject({ hasImage: false, imageUrl: '' })
    // The old image went with it.
    expect((await fetch(withLogo.imageUrl)).status).toBe(404)
  })

  it('getOrganizationList: query, orderBy (name, members_count), includeMembersCount, organizationId, pagination', async () => {
    const list = await clerk.organizations.getOrganizationList({ query: 'ngine', includeMembersCount: true })
    expect(list.data.map((o) => o.slug)).toEqual(['engines'])
    expect(list.data[0]!.membersCount).toBe(1)
    const all = await clerk.organizations.getOrganizationList({ orderBy: '+name', limit: 2, offset: 0 })
    expect(all.totalCount).toBe(3)
    expect(all.data.map((o) => o.name)).toEqual(['Engines', 'Logo'])
    const newest = await clerk.organizations.getOrganizationList({ limit: 1 })
    expect(newest.data[0]!.name).toBe('Logo')
    const byMembers = await clerk.organizations.getOrganizationList({ orderBy: '-members_count' })
    expect(byMembers.data[0]!.name).toBe('Engines')
    const [engines] = list.data
    const byId = await clerk.organizations.getOrganizationList({ organizationId: [engines!.id] })
    expect(byId.data.map((o) => o.id)).toEqual([engines!.id])
    const badOrder = await apiError(clerk.organizations.getOrganizationList({ orderBy: 'slug' as never }))
    expect(badOrder).toMatchObject({
      status: 422,
      errors: [{ code: 'form_param_value_invalid', meta: { paramName: 'order_by' } }],
    })
  })
})

describe('memberships', () => {
  let org: string

  beforeAll(async () => {
    org = (await clerk.organizations.createOrganization({ name: 'Members', createdBy: ada })).id
  })

  it('createOrganizationMembership, getOrganizationMembershipList (filters, order), users.getOrganizationMembershipList', async () => {
    const membership = await clerk.organizations.createOrganizationMembership({
      organizationId: org,
      userId: bob,
      role: 'org:member',
    })
    expect(membership).toMatchObject({
      role: 'org:member',
      organization: { id: org },
      publicUserData: { userId: bob, identifier: 'bob@example.com' },
    })
    await clerk.organizations.createOrganizationMembership({ organizationId: org, userId: cy, role: 'org:viewer' })

    const newestFirst = await clerk.organizations.getOrganizationMembershipList({ organizationId: org })
    expect(newestFirst.totalCount).toBe(3)
    expect(newestFirst.data.map((m) => m.publicUserData!.userId)).toEqual([cy, bob, ada])
    const byName = await clerk.organizations.getOrganizationMembershipList({
      organizationId: org,
      orderBy: '+first_name',
    })
    expect(byName.data.map((m) => m.publicUserData!.firstName)).toEqual(['Ada', 'Bob', 'Cy'])
    const admins = await clerk.organizations.getOrganizationMembershipList({ organizationId: org, role: ['org:admin'] })
    expect(admins.data.map((m) => m.publicUserData!.userId)).toEqual([ada])
    const found = await clerk.organizations.getOrganizationMembershipList({ organizationId: org, query: 'BOBB' })
    expect(found.data.map((m) => m.publicUserData!.userId)).toEqual([bob])
    const byEmail = await clerk.organizations.getOrganizationMembershipList({
      organizationId: org,
      emailAddress: ['CY@other.test'],
    })
    expect(byEmail.totalCount).toBe(1)
    const byNameQuery = await clerk.organizations.getOrganizationMembershipList({
      organizationId: org,
      nameQuery: 'ada love',
    })
    expect(byNameQuery.data.map((m) => m.publicUserData!.userId)).toEqual([ada])
    const page = await clerk.organizations.getOrganizationMembershipList({ organizationId: org, limit: 1, offset: 1 })
    expect(page.data.map((m) => m.publicUserData!.userId)).toEqual([bob])

    const ofBob = await clerk.users.getOrganizationMembershipList({ userId: bob })
    expect(ofBob.totalCount).toBeGreaterThanOrEqual(1)
    expect(ofBob.data[0]!.organization.id).toBe(org)
  })

  it('getInstanceOrganizationMembershipList lists every organization’s', async () => {
    const all = await clerk.organizations.getInstanceOrganizationMembershipList({ limit: 500 })
    expect(all.totalCount).toBe(all.data.length)
    expect(all.data.filter((m) => m.organization.id === org)).toHaveLength(3)
  })

  it('updateOrganizationMembership: the next session token and the SDK’s auth object carry the new role', async () => {
    const session = await h.call('POST', '/v1/sessions', { body: { user_id: bob, active_organization_id: org } })
    expect(await orgClaim(session.body.id)).toMatchObject({ id: org, rol: 'member' })
    const auth = async () => {
      const { jwt } = await clerk.sessions.getToken(session.body.id)
      const state = await clerk.authenticateRequest(
        new Request('http://app.example.test/', { headers: { authorization: `Bearer ${jwt}` } }),
        {
          jwtKey: h.clerk.jwtKey,
        },
      )
      return state.toAuth() as unknown as {
        orgRole: string
        has: (check: { role?: string; permission?: string }) => boolean
      }
    }
    expect((await auth()).orgRole).toBe('org:member')

    const promoted = await clerk.organizations.updateOrganizationMembership({
      organizationId: org,
      userId: bob,
      role: 'org:admin',
    })
    expect(promoted.role).toBe('org:admin')
    expect(await orgClaim(session.body.id)).toMatchObject({ id: org, rol: 'admin' })
    const after = await auth()
    expect(after.orgRole).toBe('org:admin')
    expect(after.has({ role: 'org:admin' })).toBe(true)
    expect(after.has({ role: 'org:member' })).toBe(false)
  })

  it('updateOrganizationMembershipMetadata deep-merges', async () => {
    await clerk.organizations.updateOrganizationMembershipMetadata({
      organizationId: org,
      userId: cy,
      publicMetadata: { team: { name: 'ops', lead: true } },
    })
    const merged = await clerk.organizations.updateOrganizationMembershipMetadata({
      organizationId: org,
      userId: cy,
      publicMetadata: { team: { lead: null, size: 3 } },
      privateMetadata: { note: 'x' },
    })
    expect(merged.publicMetadata).toEqual({ team: { name: 'ops', size: 3 } })
    expect(merged.privateMetadata).toEqual({ note: 'x' })
  })

  it('deleteOrganizationMembership removes the member and drops the organization from their session token', async () => {
    const session = await h.call('POST', '/v1/sessions', { body: { user_id: cy, active_organization_id: org } })
    expect((await orgClaim(session.body.id))?.id).toBe(org)
    const removed = await clerk.organizations.deleteOrganizationMembership({ organizationId: org, userId: cy })
    expect(removed.publicUserData!.userId).toBe(cy)
    expect(await orgClaim(session.body.id)).toBeUndefined()
    const again = await apiError(clerk.organizations.deleteOrganizationMembership({ organizationId: org, userId: cy }))
    expect(again.status).toBe(404)
  })
})

describe('organization invitations', () => {
  let org: string

  beforeAll(async () => {
    org = (await clerk.organizations.createOrganization({ name: 'Invites', createdBy: ada })).id
  })

  it('createOrganizationInvitation, createOrganizationInvitationBulk, getOrganizationInvitation, getOrganizationInvitationList (status)', async () => {
    const invitation = await clerk.organizations.createOrganizationInvitation({
      organizationId: org,
      emailAddress: 'New.Person@example.com',
      role: 'org:member',
      inviterUserId: ada,
      publicMetadata: { source: 'sdk' },
      redirectUrl: 'http://localhost:3000/accept',
    })
    expect(invitation).toMatchObject({
      emailAddress: 'new.person@example.com',
      role: 'org:member',
      roleName: 'Member',
      organizationId: org,
      status: 'pending',
    })
    expect(invitation.url).toMatch(new RegExp(`^${h.clerk.browserUrl}/v1/tickets/accept\\?ticket=\\w{43}$`))
    expect(invitation.expiresAt - invitation.createdAt).toBe(30 * 24 * 3600 * 1000)
    expect(invitation.publicOrganizationData).toMatchObject({ id: org, name: 'Invites', slug: 'invites' })

    const bulk = await clerk.organizations.createOrganizationInvitationBulk(org, [
      { emailAddress: 'one@example.com', role: 'org:admin', expiresInDays: 1 },
      { emailAddress: 'two@example.com', role: 'org:member' },
    ])
    expect(bulk.data.map((i) => i.emailAddress)).toEqual(['one@example.com', 'two@example.com'])
    expect(bulk.data[0]!.expiresAt - bulk.data[0]!.createdAt).toBe(24 * 3600 * 1000)

    expect(
      (await clerk.organizations.getOrganizationInvitation({ organizationId: org, invitationId: invitation.id })).id,
    ).toBe(invitation.id)
    const pending = await clerk.organizations.getOrganizationInvitationList({
      organizationId: org,
      status: ['pending'],
    })
    expect(pending.totalCount).toBe(3)
    // Newest first; the bulk's two share a timestamp and keep their order of creation, reversed.
    expect(pending.data.map((i) => i.emailAddress)).toEqual([
      'two@example.com',
      'one@example.com',
      'new.person@example.com',
    ])
  })

  it('refuses a pending duplicate (duplicate_record) and a member (already_a_member_in_organization)', async () => {
    const duplicate = await apiError(
      clerk.organizations.createOrganizationInvitation({
        organizationId: org,
        emailAddress: 'one@example.com',
        role: 'org:member',
      }),
    )
    expect(duplicate).toMatchObject({ status: 422, errors: [{ code: 'duplicate_record' }] })
    const member = await apiError(
      clerk.organizations.createOrganizationInvitation({
        organizationId: org,
        emailAddress: 'ada@example.com',
        role: 'org:member',
      }),
    )
    expect(member).toMatchObject({ status: 422, errors: [{ code: 'already_a_member_in_organization' }] })
    expect(member.errors[0]!.longMessage).toContain('ada@example.com')
  })

  it('pending invitations count against maxAllowedMemberships', async () => {
    const small = await clerk.organizations.createOrganization({
      name: 'Small',
      createdBy: ada,
      maxAllowedMemberships: 2,
    })
    await clerk.organizations.createOrganizationInvitation({
      organizationId: small.id,
      emailAddress: 'seat@example.com',
      role: 'org:member',
    })
    const full = await apiError(
      clerk.organizations.createOrganizationInvitation({
        organizationId: small.id,
        emailAddress: 'late@example.com',
        role: 'org:member',
      }),
    )
    expect(full).toMatchObject({ status: 403, errors: [{ code: 'organization_membership_quota_exceeded' }] })
    // Adding a member directly counts the members only (an invitation's seat is taken when it is accepted).
    expect(
      (
        await clerk.organizations.createOrganizationMembership({
          organizationId: small.id,
          userId: bob,
          role: 'org:member',
        })
      ).role,
    ).toBe('org:member')
    const third = await apiError(
      clerk.organizations.createOrganizationMembership({ organizationId: small.id, userId: cy, role: 'org:member' }),
    )
    expect(third).toMatchObject({ status: 403, errors: [{ code: 'organization_membership_quota_exceeded' }] })
    await clerk.organizations.deleteOrganization(small.id)
  })

  it('revokeOrganizationInvitation; the revoked one is listed under its status', async () => {
    const [two] = (
      await clerk.organizations.getOrganizationInvitationList({ organizationId: org, status: ['pending'] })
    ).data.filter((i) => i.emailAddress === 'two@example.com')
    const revoked = await clerk.organizations.revokeOrganizationInvitation({
      organizationId: org,
      invitationId: two!.id,
      requestingUserId: ada,
    })
    expect(revoked.status).toBe('revoked')
    const list = await clerk.organizations.getOrganizationInvitationList({ organizationId: org, status: ['revoked'] })
    expect(list.data.map((i) => i.id)).toEqual([two!.id])
    const twice = await apiError(
      clerk.organizations.revokeOrganizationInvitation({ organizationId: org, invitationId: two!.id }),
    )
    expect(twice).toMatchObject({ status: 422, errors: [{ code: 'invitation_not_pending' }] })
  })

  it('users.getOrganizationInvitationList lists the invitations to a user’s addresses', async () => {
    await clerk.organizations.createOrganizationInvitation({
      organizationId: org,
      emailAddress: 'cy@other.test',
      role: 'org:member',
    })
    const ofCy = await clerk.users.getOrganizationInvitationList({ userId: cy, status: 'pending' })
    expect(ofCy.totalCount).toBe(1)
    expect(ofCy.data[0]).toMatchObject({
      emailAddress: 'cy@other.test',
      organizationId: org,
      publicOrganizationData: { name: 'Invites' },
    })
  })
})

describe('organization domains', () => {
  let org: string

  beforeAll(async () => {
    org = (await clerk.organizations.createOrganization({ name: 'Domains', createdBy: ada })).id
  })

  it('createOrganizationDomain (verified by default), getOrganizationDomainList, updateOrganizationDomain, deleteOrganizationDomain', async () => {
    const domain = (await clerk.organizations.createOrganizationDomain({
      organizationId: org,
      name: 'Example.com',
      enrollmentMode: 'manual_invitation',
    })) as unknown as Record<string, unknown>
    expect(domain).toMatchObject({
      object: 'organization_domain',
      organization_id: org,
      name: 'example.com',
      enrollment_mode: 'manual_invitation',
      verification: { status: 'verified', strategy: 'admin' },
    })
    await clerk.organizations.createOrganizationDomain({
      organizationId: org,
      name: 'pending.example.com',
      enrollmentMode: 'automatic_invitation',
      verified: false,
    })
    const list = (await clerk.organizations.getOrganizationDomainList({ organizationId: org })) as unknown as {
      data: Array<Record<string, unknown>>
      totalCount: number
    }
    expect(list.totalCount).toBe(2)
    expect(list.data.map((d) => d.name)).toEqual(['pending.example.com', 'example.com'])

    const updated = (await clerk.organizations.updateOrganizationDomain({
      organizationId: org,
      domainId: domain.id as string,
      enrollmentMode: 'automatic_invitation',
    })) as unknown as Record<string, unknown>
    expect(updated).toMatchObject({ enrollment_mode: 'automatic_invitation', verification: { status: 'verified' } })

    const common = await apiError(
      clerk.organizations.createOrganizationDomain({
        organizationId: org,
        name: 'gmail.com',
        enrollmentMode: 'manual_invitation',
      }),
    )
    expect(common).toMatchObject({ status: 422, errors: [{ code: 'organization_domain_common' }] })
    const sso = await apiError(
      clerk.organizations.createOrganizationDomain({
        organizationId: org,
        name: 'sso.example.com',
        enrollmentMode: 'enterprise_sso',
      }),
    )
    expect(sso).toMatchObject({ status: 422, errors: [{ code: 'not_supported' }] })

    const deleted = (await clerk.organizations.deleteOrganizationDomain({
      organizationId: org,
      domainId: domain.id as string,
    })) as unknown as Record<string, unknown>
    expect(deleted).toMatchObject({ object: 'organization_domain', id: domain.id, deleted: true })
  })

  it('a verified automatic_invitation domain invites the users at it, who accept by signing in', async () => {
    await clerk.organizations.createOrganizationDomain({
      organizationId: org,
      name: 'other.test',
      enrollmentMode: 'automatic_invitation',
    })
    const invitations = await clerk.users.getOrganizationInvitationList({ userId: cy })
    const fromDomain = invitations.data.find((i) => i.organizationId === org)
    expect(fromDomain).toMatchObject({ emailAddress: 'cy@other.test', role: 'org:member', status: 'pending' })
    // An organization's own list leaves them out, as Clerk's does.
    expect((await clerk.organizations.getOrganizationInvitationList({ organizationId: org })).totalCount).toBe(0)
  })
})

describe('deleting an organization', () => {
  it('ends its memberships, invitations and its place in sessions', async () => {
    const org = await clerk.organizations.createOrganization({ name: 'Doomed', createdBy: ada })
    await clerk.organizations.createOrganizationMembership({ organizationId: org.id, userId: bob, role: 'org:member' })
    await clerk.organizations.createOrganizationInvitation({
      organizationId: org.id,
      emailAddress: 'later@example.com',
      role: 'org:member',
    })
    const session = await h.call('POST', '/v1/sessions', { body: { user_id: bob, active_organization_id: org.id } })
    expect((await orgClaim(session.body.id))?.id).toBe(org.id)

    const deleted = await clerk.organizations.deleteOrganization(org.id)
    expect(deleted).toMatchObject({ id: org.id })
    expect(await orgClaim(session.body.id)).toBeUndefined()
    expect((await clerk.sessions.getSession(session.body.id)).lastActiveOrganizationId).toBeNull()
    expect(
      (await clerk.users.getOrganizationMembershipList({ userId: bob })).data.map((m) => m.organization.id),
    ).not.toContain(org.id)
    expect((await apiError(clerk.organizations.getOrganizationMembershipList({ organizationId: org.id }))).status).toBe(
      404,
    )
    const invitations = await clerk.users.getOrganizationInvitationList({ userId: bob })
    expect(invitations.data.map((i) => i.organizationId)).not.toContain(org.id)
  })
})

describe('application invitations', () => {
  it('createInvitation, createInvitationBulk, getInvitationList (status, query), revokeInvitation, deleteInvitation', async () => {
    const invitation = await clerk.invitations.createInvitation({
      emailAddress: 'Invitee@Example.com',
      publicMetadata: { plan: 'beta' },
      redirectUrl: 'http://localhost:3000/sign-up',
      notify: false,
    })
    expect(invitation).toMatchObject({
      emailAddress: 'invitee@example.com',
      publicMetadata: { plan: 'beta' },
      status: 'pending',
      revoked: false,
    })
    expect(invitation.url).toMatch(new RegExp(`^${h.clerk.browserUrl}/v1/tickets/accept\\?ticket=\\w{43}$`))

    const bulk = await clerk.invitations.createInvitationBulk([
      { emailAddress: 'b1@example.com' },
      { emailAddress: 'b2@example.com', expiresInDays: 2 },
    ])
    expect(bulk.map((i) => i.emailAddress)).toEqual(['b1@example.com', 'b2@example.com'])

    const list = await clerk.invitations.getInvitationList()
    expect(list.totalCount).toBe(3)
    expect(list.data.map((i) => i.emailAddress)).toEqual(['b2@example.com', 'b1@example.com', 'invitee@example.com'])
    expect((await clerk.invitations.getInvitationList({ query: 'invitee' })).data.map((i) => i.id)).toEqual([
      invitation.id,
    ])
    expect(
      (await clerk.invitations.getInvitationList({ orderBy: '+email_address', limit: 1 })).data[0]!.emailAddress,
    ).toBe('b1@example.com')

    const revoked = await clerk.invitations.revokeInvitation(bulk[0]!.id)
    expect(revoked).toMatchObject({ status: 'revoked', revoked: true })
    // Revoked ones are left out unless asked for.
    expect((await clerk.invitations.getInvitationList()).totalCount).toBe(2)
    expect((await clerk.invitations.getInvitationList({ status: 'revoked' })).data.map((i) => i.id)).toEqual([
      bulk[0]!.id,
    ])

    const deleted = await clerk.invitations.deleteInvitation(bulk[1]!.id)
    expect(deleted).toMatchObject({ object: 'invitation', id: bulk[1]!.id, deleted: true })
    expect((await clerk.invitations.getInvitationList()).totalCount).toBe(1)
  })

  it('refuses an address with an account or a pending invitation, unless ignoreExisting', async () => {
    const existing = await apiError(clerk.invitations.createInvitation({ emailAddress: 'ada@example.com' }))
    expect(existing).toMatchObject({
      status: 422,
      errors: [{ code: 'form_identifier_exists', meta: { paramName: 'email_address' } }],
    })
    const duplicate = await apiError(clerk.invitations.createInvitation({ emailAddress: 'invitee@example.com' }))
    expect(duplicate).toMatchObject({ status: 422, errors: [{ code: 'duplicate_record' }] })
    const again = await clerk.invitations.createInvitation({
      emailAddress: 'invitee@example.com',
      ignoreExisting: true,
    })
    expect(again.status).toBe('pending')
    const elsewhere = await apiError(
      clerk.invitations.createInvitation({ emailAddress: 'x@example.com', redirectUrl: 'https://evil.example/' }),
    )
    expect(elsewhere).toMatchObject({
      status: 422,
      errors: [{ code: 'form_param_value_invalid', meta: { paramName: 'redirect_url' } }],
    })
  })
})
