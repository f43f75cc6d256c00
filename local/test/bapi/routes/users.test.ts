import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, expectClerkError, startHarness } from '../../helpers/harness.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.close())

describe('POST /v1/users', () => {
  it('creates a user with verified, lower-cased e-mail addresses; the first is primary', async () => {
    const response = await h.call('POST', '/v1/users', {
      body: {
        email_address: ['Ada@Example.com', 'ada.work@example.com'],
        phone_number: ['+15551234567'],
        first_name: 'Ada',
        last_name: 'Lovelace',
        username: 'Ada_L',
        external_id: 'ext-1',
        public_metadata: { plan: 'pro' },
        private_metadata: { note: 'x' },
        unsafe_metadata: { theme: 'dark' },
        password: 'correct horse',
      },
    })
    expect(response.status).toBe(200)
    expect(response.contentType).toBe('application/json')
    const user = response.body
    expect(user.id).toMatch(/^user_[0-9A-Za-z]{27}$/)
    expect(user.email_addresses.map((e: { email_address: string }) => e.email_address)).toEqual([
      'ada@example.com',
      'ada.work@example.com',
    ])
    expect(user.primary_email_address_id).toBe(user.email_addresses[0].id)
    expect(user.email_addresses[0]).toEqual({
      id: expect.stringMatching(/^idn_/),
      object: 'email_address',
      email_address: 'ada@example.com',
      reserved: false,
      verification: {
        object: 'verification_admin',
        status: 'verified',
        strategy: 'admin',
        attempts: null,
        expire_at: null,
      },
      linked_to: [],
      matches_sso_connection: false,
      created_at: h.clock.ms,
      updated_at: h.clock.ms,
    })
    expect(user.phone_numbers).toHaveLength(1)
    expect(user.phone_numbers[0].phone_number).toBe('+15551234567')
    expect(user.primary_phone_number_id).toBe(user.phone_numbers[0].id)
    expect(user).toMatchObject({
      object: 'user',
      username: 'ada_l',
      first_name: 'Ada',
      last_name: 'Lovelace',
      external_id: 'ext-1',
      public_metadata: { plan: 'pro' },
      private_metadata: { note: 'x' },
      unsafe_metadata: { theme: 'dark' },
      password_enabled: true,
      banned: false,
      locked: false,
      two_factor_enabled: false,
      web3_wallets: [],
      external_accounts: [],
      last_sign_in_at: null,
      created_at: h.clock.ms,
      updated_at: h.clock.ms,
    })
  })

  it('returns every field the OpenAPI schema requires', async () => {
    const { body } = await h.call('POST', '/v1/users', { body: {} })
    const required = [
      'id',
      'username',
      'first_name',
      'last_name',
      'has_image',
      'primary_email_address_id',
      'primary_phone_number_id',
      'primary_web3_wallet_id',
      'password_enabled',
      'two_factor_enabled',
      'totp_enabled',
      'backup_code_enabled',
      'email_addresses',
      'phone_numbers',
      'web3_wallets',
      'passkeys',
      'external_accounts',
      'saml_accounts',
      'enterprise_accounts',
      'public_metadata',
      'external_id',
      'last_sign_in_at',
      'banned',
      'locked',
      'lockout_expires_in_seconds',
      'verification_attempts_remaining',
      'created_at',
      'updated_at',
      'delete_self_enabled',
      'create_organization_enabled',
      'last_active_at',
      'mfa_enabled_at',
      'mfa_disabled_at',
      'legal_accepted_at',
      'image_url',
      'private_metadata',
      'unsafe_metadata',
    ]
    for (const field of required) expect(body, field).toHaveProperty(field)
    expect(body.email_addresses).toEqual([])
    expect(body.primary_email_address_id).toBeNull()
    expect(body.password_enabled).toBe(false)
  })

  it('takes created_at as RFC 3339', async () => {
    const { body } = await h.call('POST', '/v1/users', { body: { created_at: '2024-05-01T12:00:00Z' } })
    expect(body.created_at).toBe(Date.UTC(2024, 4, 1, 12))
  })

  it('refuses a taken e-mail address (any case) with form_identifier_exists and writes nothing', async () => {
    await h.call('POST', '/v1/users', { body: { email_address: ['taken@example.com'] } })
    const before = (await h.call('GET', '/v1/users/count')).body.total_count
    const response = await h.call('POST', '/v1/users', {
      body: { email_address: ['fresh@example.com', 'TAKEN@example.com'] },
    })
    expectClerkError(response, 422, 'form_identifier_exists', {
      paramName: 'email_address',
      longMessage: 'That email address is taken: taken@example.com. Please try another.',
    })
    expect((await h.call('GET', '/v1/users/count')).body.total_count).toBe(before)
    expect((await h.call('GET', '/v1/users?email_address=fresh@example.com')).body).toEqual([])
  })

  it('refuses the same address twice in one request', async () => {
    expectClerkError(
      await h.call('POST', '/v1/users', { body: { email_address: ['twice@example.com', 'twice@example.com'] } }),
      422,
      'form_identifier_exists',
    )
  })

  it('refuses a taken username and a taken phone number', async () => {
    await h.call('POST', '/v1/users', { body: { username: 'grace', phone_number: ['+15550000001'] } })
    const response = await h.call('POST', '/v1/users', { body: { username: 'GRACE', phone_number: ['+15550000001'] } })
    expectClerkError(response, 422, 'form_identifier_exists', { count: 2, paramName: 'phone_number' })
    expect(response.body.errors[1].meta.param_name).toBe('username')
  })

  it.each([
    [
      { email_address: ['not-an-email'] },
      'form_param_format_invalid',
      'email_address[0] must be a valid email address.',
    ],
    [
      { phone_number: ['555-1234'] },
      'form_param_format_invalid',
      'phone_number[0] must be in E.164 format, e.g. +15551234567.',
    ],
    [{ username: 'ab' }, 'form_param_format_invalid', 'username must be 4 to 64 letters, digits, "_" or "-".'],
    [
      { created_at: 'yesterday' },
      'form_param_format_invalid',
      'created_at must be an RFC 3339 date-time, e.g. 2024-05-01T12:00:00Z.',
    ],
    [{ skip_password_checks: 'yes' }, 'form_param_format_invalid', 'skip_password_checks must be a boolean.'],
    [
      { password: 'short' },
      'form_password_length_too_short',
      'password must be at least 8 characters long (or send skip_password_checks: true).',
    ],
  ])('refuses %j', async (body, code, message) => {
    expectClerkError(await h.call('POST', '/v1/users', { body }), 422, code, { longMessage: message })
  })

  it('accepts a short password with skip_password_checks', async () => {
    expect(
      (await h.call('POST', '/v1/users', { body: { password: 'short', skip_password_checks: true } })).status,
    ).toBe(200)
  })
})

describe('GET /v1/users/{id} and DELETE', () => {
  it('gets a user, deletes it (DeletedObject), then 404s', async () => {
    const { body: user } = await h.call('POST', '/v1/users', { body: { email_address: ['delete-me@example.com'] } })
    expect((await h.call('GET', `/v1/users/${user.id}`)).body).toEqual(user)
    const deleted = await h.call('DELETE', `/v1/users/${user.id}`)
    expect(deleted.status).toBe(200)
    expect(deleted.body).toEqual({ object: 'user', id: user.id, deleted: true })
    expectClerkError(await h.call('GET', `/v1/users/${user.id}`), 404, 'resource_not_found', {
      longMessage: `No user was found with id ${user.id}`,
    })
    expectClerkError(await h.call('DELETE', `/v1/users/${user.id}`), 404, 'resource_not_found')
    // The address is free again.
    expect((await h.call('POST', '/v1/users', { body: { email_address: ['delete-me@example.com'] } })).status).toBe(200)
  })

  it('removes the sessions of a deleted user', async () => {
    const { body: user } = await h.call('POST', '/v1/users', { body: {} })
    const { body: session } = await h.call('POST', '/v1/sessions', { body: { user_id: user.id } })
    await h.call('DELETE', `/v1/users/${user.id}`)
    expectClerkError(await h.call('GET', `/v1/sessions/${session.id}`), 404, 'resource_not_found')
  })
})

describe('GET /v1/users and /v1/users/count', () => {
  let ids: string[]
  let org: string
  beforeAll(async () => {
    const other = await startHarness()
    h2 = other
    const create = async (body: Record<string, unknown>) => {
      h2.clock.advance(1000)
      return (await h2.call('POST', '/v1/users', { body })).body.id as string
    }
    ids = [
      await create({ email_address: ['alice@example.com'], first_name: 'Alice', username: 'alice', external_id: 'e1' }),
      await create({
        email_address: ['bob@example.com'],
        first_name: 'Bob',
        last_name: 'Builder',
        phone_number: ['+15550000002'],
      }),
      await create({ email_address: ['carol@corp.test'], first_name: 'Carol', external_id: 'e3' }),
    ]
    org = (await h2.call('POST', '/v1/organizations', { body: { name: 'Corp', created_by: ids[2] } })).body.id
  })
  let h2: Harness
  afterAll(() => h2.close())

  const list = async (query: string) => {
    const response = await h2.call('GET', `/v1/users${query}`)
    expect(response.status).toBe(200)
    expect(Array.isArray(response.body)).toBe(true)
    return response.body.map((u: { id: string }) => u.id) as string[]
  }
  const count = async (query: string) => (await h2.call('GET', `/v1/users/count${query}`)).body

  it('lists newest first by default, as a bare array', async () => {
    expect(await list('')).toEqual([ids[2], ids[1], ids[0]])
  })

  it.each([
    ['?order_by=%2Bcreated_at', [0, 1, 2]],
    ['?order_by=created_at', [0, 1, 2]],
    ['?order_by=-first_name', [2, 1, 0]],
    ['?limit=2', [2, 1]],
    ['?limit=2&offset=2', [0]],
    ['?email_address=BOB@example.com', [1]],
    ['?email_address=alice@example.com&email_address=carol@corp.test', [2, 0]],
    ['?email_address[]=alice@example.com', [0]],
    ['?phone_number=%2B15550000002', [1]],
    ['?external_id=e1&external_id=e3', [2, 0]],
    ['?username=ALICE', [0]],
    ['?query=corp', [2]],
    ['?query=builder', [1]],
    ['?query=nobody', []],
  ])('filters %s', async (query, expected) => {
    expect(await list(query)).toEqual(expected.map((i) => ids[i]))
  })

  it('filters by user_id and organization_id', async () => {
    expect(await list(`?user_id=${ids[0]}&user_id=${ids[1]}`)).toEqual([ids[1], ids[0]])
    expect(await list(`?organization_id=${org}`)).toEqual([ids[2]])
  })

  it('counts with the same filters', async () => {
    expect(await count('')).toEqual({ object: 'total_count', total_count: 3 })
    expect(await count('?query=example.com')).toEqual({ object: 'total_count', total_count: 2 })
    expect(await count(`?organization_id=${org}`)).toEqual({ object: 'total_count', total_count: 1 })
  })

  it('refuses an unsupported order_by', async () => {
    expectClerkError(await h2.call('GET', '/v1/users?order_by=-password'), 422, 'form_param_value_invalid', {
      paramName: 'order_by',
      longMessage:
        'order_by must be one of created_at, updated_at, first_name, last_name, username, last_active_at, last_sign_in_at, email_address, phone_number, web3wallet, optionally prefixed with + or -.',
    })
  })

  it('lists the organization memberships of a user', async () => {
    const response = await h2.call('GET', `/v1/users/${ids[2]}/organization_memberships`)
    expect(response.status).toBe(200)
    expect(response.body.total_count).toBe(1)
    expect(response.body.data[0]).toMatchObject({
      object: 'organization_membership',
      role: 'org:admin',
      organization: { id: org },
    })
    expectClerkError(await h2.call('GET', '/v1/users/user_missing/organization_memberships'), 404, 'resource_not_found')
  })
})
