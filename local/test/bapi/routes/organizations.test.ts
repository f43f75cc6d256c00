import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, expectClerkError, startHarness } from '../../helpers/harness.js'

let h: Harness
let ada: string
let bob: string

beforeAll(async () => {
  h = await startHarness()
  ada = (await h.call('POST', '/v1/users', { body: { email_address: ['ada@example.com'], first_name: 'Ada' } })).body.id
  bob = (await h.call('POST', '/v1/users', { body: { username: 'bobby' } })).body.id
})
afterAll(() => h.close())

describe('organizations', () => {
  it('creates one with a slug derived from the name; the creator becomes admin', async () => {
    const response = await h.call('POST', '/v1/organizations', {
      body: { name: 'Acme, Inc.', created_by: ada, public_metadata: { tier: 'gold' }, private_metadata: { crm: 1 } },
    })
    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      object: 'organization',
      id: expect.stringMatching(/^org_[0-9A-Za-z]{27}$/),
      name: 'Acme, Inc.',
      slug: 'acme-inc',
      image_url: '',
      has_image: false,
      max_allowed_memberships: 0,
      admin_delete_enabled: true,
      public_metadata: { tier: 'gold' },
      private_metadata: { crm: 1 },
      created_by: ada,
      created_at: h.clock.ms,
      updated_at: h.clock.ms,
    })
    const members = await h.call('GET', `/v1/organizations/${response.body.id}/memberships`)
    expect(members.body.total_count).toBe(1)
    expect(members.body.data[0]).toEqual({
      object: 'organization_membership',
      id: expect.stringMatching(/^orgmem_/),
      role: 'org:admin',
      role_name: 'Admin',
      permissions: [
        'org:sys_profile:manage',
        'org:sys_profile:delete',
        'org:sys_memberships:read',
        'org:sys_memberships:manage',
        'org:sys_domains:read',
        'org:sys_domains:manage',
      ],
      public_metadata: {},
      private_metadata: {},
      created_at: h.clock.ms,
      updated_at: h.clock.ms,
      organization: response.body,
      public_user_data: {
        user_id: ada,
        identifier: 'ada@example.com',
        first_name: 'Ada',
        last_name: null,
        image_url: '',
        has_image: false,
      },
    })
  })

  it('gets by id or slug, with members_count on request', async () => {
    const { body: org } = await h.call('POST', '/v1/organizations', { body: { name: 'Gamma', slug: 'gamma-team' } })
    expect((await h.call('GET', `/v1/organizations/${org.id}`)).body).toEqual(org)
    expect((await h.call('GET', '/v1/organizations/gamma-team')).body).toEqual(org)
    expect((await h.call('GET', '/v1/organizations/gamma-team?include_members_count=true')).body.members_count).toBe(0)
    expectClerkError(await h.call('GET', '/v1/organizations/org_missing'), 404, 'resource_not_found', {
      longMessage: 'No organization was found with id or slug org_missing',
    })
  })

  it('lists newest first as {data,total_count}, searchable', async () => {
    const { body } = await h.call('GET', '/v1/organizations?query=gamma')
    expect(body.total_count).toBe(1)
    expect(body.data.map((o: { slug: string }) => o.slug)).toEqual(['gamma-team'])
    const all = await h.call('GET', '/v1/organizations?limit=1')
    expect(all.body.data).toHaveLength(1)
    expect(all.body.total_count).toBeGreaterThanOrEqual(2)
  })

  it.each([
    [{}, 422, 'form_param_missing', 'name must be included.'],
    [
      { name: 'X', slug: 'Not A Slug' },
      422,
      'form_param_format_invalid',
      'slug must be lowercase letters, digits and single dashes, e.g. acme-inc.',
    ],
    [{ name: '!!!' }, 422, 'form_param_value_invalid', 'slug is required when the name has no letters or digits.'],
    [{ name: 'X', created_by: 'user_missing' }, 404, 'resource_not_found', 'No user was found with id user_missing'],
    [
      { name: 'X', max_allowed_memberships: -1 },
      422,
      'form_param_value_invalid',
      'max_allowed_memberships must be between 0 and 1000000.',
    ],
  ])('refuses %j', async (body, status, code, message) => {
    expectClerkError(await h.call('POST', '/v1/organizations', { body }), status, code, { longMessage: message })
  })

  it('refuses a taken slug', async () => {
    await h.call('POST', '/v1/organizations', { body: { name: 'Taken' } })
    expectClerkError(
      await h.call('POST', '/v1/organizations', { body: { name: 'Taken' } }),
      422,
      'form_identifier_exists',
      {
        paramName: 'slug',
        longMessage: 'An organization with the slug taken already exists. Choose another slug.',
      },
    )
  })

  it('deletes an organization with its memberships and clears it from sessions', async () => {
    const { body: org } = await h.call('POST', '/v1/organizations', { body: { name: 'Doomed', created_by: bob } })
    const { body: session } = await h.call('POST', '/v1/sessions', {
      body: { user_id: bob, active_organization_id: org.id },
    })
    expect((await h.call('DELETE', `/v1/organizations/${org.id}`)).body).toEqual({
      object: 'organization',
      id: org.id,
      deleted: true,
    })
    expectClerkError(await h.call('GET', `/v1/organizations/${org.id}`), 404, 'resource_not_found')
    expect((await h.call('GET', `/v1/sessions/${session.id}`)).body.last_active_organization_id).toBeNull()
    expect((await h.call('GET', `/v1/users/${bob}/organization_memberships`)).body.total_count).toBe(0)
  })
})

describe('memberships', () => {
  let org: string
  beforeAll(async () => {
    org = (await h.call('POST', '/v1/organizations', { body: { name: 'Members Inc', max_allowed_memberships: 2 } }))
      .body.id
  })

  it('adds a member with custom permissions on top of the role', async () => {
    const response = await h.call('POST', `/v1/organizations/${org}/memberships`, {
      body: {
        user_id: bob,
        role: 'org:billing_manager',
        permissions: ['org:invoices:read', 'org:invoices:read'],
        public_metadata: { seat: 1 },
      },
    })
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({
      role: 'org:billing_manager',
      role_name: 'Billing manager',
      permissions: ['org:invoices:read'],
      public_metadata: { seat: 1 },
      public_user_data: { user_id: bob, identifier: 'bobby' },
    })
    const member = await h.call('POST', `/v1/organizations/${org}/memberships`, {
      body: { user_id: ada, role: 'org:member' },
    })
    expect(member.body.permissions).toEqual(['org:sys_memberships:read'])
  })

  it('enforces max_allowed_memberships', async () => {
    const carol = (await h.call('POST', '/v1/users', { body: {} })).body.id
    expectClerkError(
      await h.call('POST', `/v1/organizations/${org}/memberships`, { body: { user_id: carol, role: 'org:member' } }),
      403,
      'organization_membership_quota_exceeded',
      {
        longMessage: `Organization ${org} allows at most 2 memberships.`,
      },
    )
  })

  it.each([
    [
      { user_id: 'u', role: 'admin' },
      'form_param_format_invalid',
      'role must look like org:admin, org:member or org:<custom_key> (got "admin").',
    ],
    [{ user_id: 'u' }, 'form_param_missing', 'role must be included.'],
    [
      { user_id: 'u', role: 'org:member', permissions: ['invoices:read'] },
      'form_param_format_invalid',
      'permissions[0] must look like org:<feature>:<action>, e.g. org:invoices:read.',
    ],
    [
      { user_id: 'u', role: 'org:member', permissions: ['org:sys_profile:manage'] },
      'form_param_format_invalid',
      'permissions[0] is a system permission: those follow from the role, grant custom ones here.',
    ],
    [
      { user_id: 'u', role: 'org:member', permissions: 'org:a:b' },
      'form_param_format_invalid',
      'permissions must be an array of strings.',
    ],
  ])('refuses %j', async (body, code, message) => {
    expectClerkError(await h.call('POST', `/v1/organizations/${org}/memberships`, { body }), 422, code, {
      longMessage: message,
    })
  })

  it('refuses a duplicate member, an unknown user and an unknown organization', async () => {
    expectClerkError(
      await h.call('POST', `/v1/organizations/${org}/memberships`, { body: { user_id: bob, role: 'org:member' } }),
      422,
      'already_a_member_in_organization',
    )
    expectClerkError(
      await h.call('POST', `/v1/organizations/${org}/memberships`, {
        body: { user_id: 'user_missing', role: 'org:member' },
      }),
      404,
      'resource_not_found',
    )
    expectClerkError(
      await h.call('POST', '/v1/organizations/org_missing/memberships', { body: { user_id: bob, role: 'org:member' } }),
      404,
      'resource_not_found',
    )
  })

  it('lists, then removes a member', async () => {
    const list = await h.call('GET', `/v1/organizations/${org}/memberships?order_by=%2Bcreated_at&limit=1&offset=1`)
    expect(list.body.total_count).toBe(2)
    expect(list.body.data.map((m: { public_user_data: { user_id: string } }) => m.public_user_data.user_id)).toEqual([
      ada,
    ])
    const removed = await h.call('DELETE', `/v1/organizations/${org}/memberships/${ada}`)
    expect(removed.status).toBe(200)
    expect(removed.body).toMatchObject({
      object: 'organization_membership',
      role: 'org:member',
      public_user_data: { user_id: ada },
    })
    expectClerkError(await h.call('DELETE', `/v1/organizations/${org}/memberships/${ada}`), 404, 'resource_not_found', {
      longMessage: `User ${ada} is not a member of organization ${org}`,
    })
    expect((await h.call('GET', `/v1/organizations/${org}/memberships`)).body.total_count).toBe(1)
  })
})
