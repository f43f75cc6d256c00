import { type KeyObject, generateKeyPairSync } from 'node:crypto'
import { type JWTVerifyGetKey, createRemoteJWKSet, importSPKI, jwtVerify } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, decodePart, expectClerkError, startHarness } from '../../helpers/harness.js'

let h: Harness
let jwks: JWTVerifyGetKey
let userId: string
let sessionId: string
let orgId: string

beforeAll(async () => {
  h = await startHarness()
  jwks = createRemoteJWKSet(new URL(`${h.clerk.url}/v1/jwks`), {
    headers: { authorization: `Bearer ${h.clerk.secretKey}` },
  })
  userId = (
    await h.call('POST', '/v1/users', {
      body: {
        email_address: ['maria@example.com'],
        first_name: 'Maria',
        last_name: 'Doe',
        username: 'maria',
        public_metadata: { profile: { interests: ['reading', 'climbing'] }, role: 'editor' },
        private_metadata: { secret: 'never' },
        unsafe_metadata: { foo: { bar: 42 } },
      },
    })
  ).body.id
  orgId = (await h.call('POST', '/v1/organizations', { body: { name: 'Acme', public_metadata: { tier: 'gold' } } }))
    .body.id
  await h.call('POST', `/v1/organizations/${orgId}/memberships`, {
    body: { user_id: userId, role: 'org:admin', permissions: ['org:invoices:read'], public_metadata: { seat: 7 } },
  })
  sessionId = (await h.call('POST', '/v1/sessions', { body: { user_id: userId, active_organization_id: orgId } })).body
    .id
})
afterAll(() => h.close())

const create = (body: Record<string, unknown>) => h.call('POST', '/v1/jwt_templates', { body })
const mint = (name: string, body?: Record<string, unknown>) =>
  h.call('POST', `/v1/sessions/${sessionId}/tokens/${encodeURIComponent(name)}`, body ? { body } : {})

describe('JWT template CRUD', () => {
  it('creates with defaults and returns the template object without the key', async () => {
    const response = await create({ name: 'basic', claims: { aud: 'x' } })
    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      object: 'jwt_template',
      id: expect.stringMatching(/^jtmp_[0-9A-Za-z]{27}$/),
      name: 'basic',
      claims: { aud: 'x' },
      lifetime: 60,
      allowed_clock_skew: 5,
      custom_signing_key: false,
      signing_algorithm: 'RS256',
      created_at: h.clock.ms,
      updated_at: h.clock.ms,
    })
  })

  it('gets, lists (bare or paginated), updates partially and deletes', async () => {
    const { body: created } = await create({ name: 'crud', claims: { a: 1 }, lifetime: 120, allowed_clock_skew: 10 })
    expect((await h.call('GET', `/v1/jwt_templates/${created.id}`)).body).toEqual(created)

    const paginated = await h.call('GET', '/v1/jwt_templates?paginated=true&limit=1')
    expect(paginated.body.data).toEqual([created])
    expect(paginated.body.total_count).toBeGreaterThanOrEqual(2)
    const bare = await h.call('GET', '/v1/jwt_templates')
    expect(bare.body[0]).toEqual(created)

    h.clock.advance(1000)
    const updated = await h.call('PATCH', `/v1/jwt_templates/${created.id}`, {
      body: { claims: { b: 2 }, lifetime: null },
    })
    expect(updated.status).toBe(200)
    expect(updated.body).toEqual({ ...created, claims: { b: 2 }, lifetime: 60, updated_at: h.clock.ms })

    const deleted = await h.call('DELETE', `/v1/jwt_templates/${created.id}`)
    expect(deleted.body).toEqual({ object: 'jwt_template', id: created.id, deleted: true })
    expectClerkError(await h.call('GET', `/v1/jwt_templates/${created.id}`), 404, 'resource_not_found', {
      longMessage: `No JWT template exists with id: ${created.id}`,
    })
    expectClerkError(
      await h.call('PATCH', `/v1/jwt_templates/${created.id}`, { body: { claims: {} } }),
      404,
      'resource_not_found',
    )
    expectClerkError(await h.call('DELETE', `/v1/jwt_templates/${created.id}`), 404, 'resource_not_found')
  })

  it('refuses a duplicate name on create and on rename', async () => {
    await create({ name: 'unique', claims: {} })
    expectClerkError(await create({ name: 'unique', claims: {} }), 422, 'form_identifier_exists', {
      paramName: 'name',
      longMessage:
        'A JWT template named "unique" already exists; names select the template when minting, so they must be unique.',
    })
    const { body: other } = await create({ name: 'other', claims: {} })
    expectClerkError(
      await h.call('PATCH', `/v1/jwt_templates/${other.id}`, { body: { name: 'unique' } }),
      422,
      'form_identifier_exists',
    )
    // Keeping its own name is fine.
    expect(
      (await h.call('PATCH', `/v1/jwt_templates/${other.id}`, { body: { name: 'other', claims: { z: 1 } } })).status,
    ).toBe(200)
  })

  it.each(['azp', 'exp', 'iat', 'iss', 'jti', 'nbf', 'sub'])(
    'refuses the reserved claim %s with 400',
    async (claim) => {
      const error = expectClerkError(
        await create({ name: `reserved-${claim}`, claims: { [claim]: 'x' } }),
        400,
        'jwt_template_reserved_claim',
        {
          longMessage: `You can't use the reserved claim: '${claim}'`,
        },
      )
      expect(error.meta).toEqual({ param_name: 'claims', claim })
    },
  )

  it('allows aud and other non-default claims', async () => {
    expect((await create({ name: 'aud-ok', claims: { aud: 'convex', role: 'authenticated', sid: 'x' } })).status).toBe(
      200,
    )
  })

  it.each([
    [{ 'user.': '{{ user.' }, 'user.', /^claims has an invalid shortcode at claims\.user\.: unclosed shortcode/],
    [{ a: { b: ['ok', '{{}}'] } }, 'a.b[1]', /^claims has an invalid shortcode at claims\.a\.b\[1\]: empty shortcode/],
    [{ n: "{{ 'open }}" }, 'n', /unterminated string literal/],
    [{ n: '{{ 1x }}' }, 'n', /invalid number literal "1x"/],
  ])('refuses malformed shortcodes %j with a 422 naming the claim path', async (claims, path, message) => {
    const error = expectClerkError(await create({ name: `bad-${path}`, claims }), 422, 'form_param_format_invalid', {
      longMessage: message,
    })
    expect(error.meta).toEqual({ param_name: 'claims', claim_path: path })
  })

  it('refuses malformed shortcodes on update too, leaving the template as it was', async () => {
    const { body } = await create({ name: 'update-check', claims: { ok: '{{user.id}}' } })
    expectClerkError(
      await h.call('PATCH', `/v1/jwt_templates/${body.id}`, { body: { claims: { bad: '{{' } } }),
      422,
      'form_param_format_invalid',
    )
    expect((await h.call('GET', `/v1/jwt_templates/${body.id}`)).body).toEqual(body)
  })

  it.each([
    [{ claims: {} }, 'form_param_missing', 'name must be included.'],
    [{ name: 'x' }, 'form_param_missing', 'claims must be included.'],
    [{ name: 'x', claims: [] }, 'form_param_format_invalid', 'claims must be a JSON object.'],
    [{ name: '', claims: {} }, 'form_param_value_invalid', 'name must be at least 1 characters long.'],
    [
      { name: 'a/b', claims: {} },
      'form_param_format_invalid',
      'name must not contain "/" or start or end with whitespace.',
    ],
    [{ name: 'x', claims: {}, lifetime: 29 }, 'form_param_value_invalid', 'lifetime must be between 30 and 315360000.'],
    [
      { name: 'x', claims: {}, allowed_clock_skew: 301 },
      'form_param_value_invalid',
      'allowed_clock_skew must be between 0 and 300.',
    ],
    [{ name: 'x', claims: {}, lifetime: '60' }, 'form_param_format_invalid', 'lifetime must be an integer.'],
    [{ name: 'x', claims: {}, custom_signing_key: true }, 'form_param_missing', 'signing_algorithm must be included.'],
    [
      { name: 'x', claims: {}, custom_signing_key: true, signing_algorithm: 'HS256' },
      'form_param_missing',
      'signing_key must be included.',
    ],
    [
      { name: 'x', claims: {}, custom_signing_key: true, signing_algorithm: 'none', signing_key: 'k' },
      'form_param_value_invalid',
      'signing_algorithm must be one of HS256, HS384, HS512, RS256, RS384, RS512, ES256, ES384.',
    ],
    [
      { name: 'x', claims: {}, custom_signing_key: true, signing_algorithm: 'RS256', signing_key: 'not a pem' },
      'form_param_value_invalid',
      'signing_key must be a PEM private key (PKCS#8 "BEGIN PRIVATE KEY", or PKCS#1/SEC1) for RS256.',
    ],
    [
      { name: 'x', claims: {}, signing_key: 'secret' },
      'form_param_value_invalid',
      'signing_key is only used with custom_signing_key: true.',
    ],
    [
      { name: 'x', claims: {}, signing_algorithm: 'HS256' },
      'form_param_value_invalid',
      'signing_algorithm is only used with custom_signing_key: true.',
    ],
    [
      { name: 'x', claims: {}, template: 'x' },
      'form_param_unknown',
      'template is not a valid parameter for this request.',
    ],
  ])('refuses %j', async (body, code, message) => {
    expectClerkError(await create(body), 422, code, { longMessage: message })
  })

  it('refuses a key of the wrong type for the algorithm, without quoting it', async () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString()
    const response = await create({
      name: 'wrong-type',
      claims: {},
      custom_signing_key: true,
      signing_algorithm: 'RS256',
      signing_key: ec,
    })
    expectClerkError(response, 422, 'form_param_value_invalid', {
      longMessage: 'signing_key must be an RSA private key for RS256.',
    })
    expect(JSON.stringify(response.body)).not.toContain('PRIVATE KEY-----')
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString()
    expectClerkError(
      await create({
        name: 'wrong-curve',
        claims: {},
        custom_signing_key: true,
        signing_algorithm: 'ES256',
        signing_key: p384,
      }),
      422,
      'form_param_value_invalid',
      {
        longMessage: 'signing_key must be an EC private key on curve prime256v1 for ES256.',
      },
    )
  })
})

describe('minting template tokens', () => {
  it('evaluates shortcodes, adds default claims, signs RS256 with the instance key', async () => {
    await create({
      name: 'full',
      lifetime: 300,
      allowed_clock_skew: 20,
      claims: {
        aud: 'https://my-site.com',
        version: 1,
        foo: { bar: [1, 2, 3] },
        user_id: '{{user.id}}',
        full_name: '{{user.last_name}} {{user.first_name}} ',
        email: '{{user.primary_email_address}}',
        phone: '{{user.primary_phone_number}}',
        registration_date: '{{user.created_at}}',
        likes_to_do: '{{user.public_metadata.profile.interests}}',
        unsafe_meta: '{{user.unsafe_metadata}}',
        invalid_shortcode: '{{user.i_dont_exist}}',
        private: '{{user.private_metadata}}',
        verified: '{{user.email_verified}}',
        orgs: '{{user.organizations}}',
        org: {
          id: '{{org.id}}',
          name: '{{org.name}}',
          slug: '{{org.slug}}',
          role: '{{org.role}}',
          tier: '{{org.public_metadata.tier}}',
        },
        membership: { seat: '{{org_membership.public_metadata.seat}}', permissions: '{{org_membership.permissions}}' },
        actor: '{{session.actor}}',
        greeting: "Hello {{user.username || 'friend'}}",
        age: '{{user.public_metadata.age || 30}}',
      },
    })
    const response = await mint('full')
    expect(response.status).toBe(200)
    expect(response.body.object).toBe('token')
    const { payload, protectedHeader } = await jwtVerify(response.body.jwt, jwks, { currentDate: new Date(h.clock.ms) })
    expect(protectedHeader).toEqual({ alg: 'RS256', kid: h.clerk.instanceId, typ: 'JWT', cat: 'cl_B7d4PD222AAA' })
    const user = (await h.call('GET', `/v1/users/${userId}`)).body
    const now = h.clock.seconds
    expect(payload).toEqual({
      aud: 'https://my-site.com',
      version: 1,
      foo: { bar: [1, 2, 3] },
      user_id: userId,
      full_name: 'Doe Maria',
      email: 'maria@example.com',
      phone: null,
      registration_date: Math.floor(user.created_at / 1000),
      likes_to_do: ['reading', 'climbing'],
      unsafe_meta: { foo: { bar: 42 } },
      invalid_shortcode: null,
      private: null,
      verified: true,
      orgs: { [orgId]: 'org:admin' },
      org: { id: orgId, name: 'Acme', slug: 'acme', role: 'org:admin', tier: 'gold' },
      membership: {
        seat: 7,
        permissions: [
          'org:sys_profile:manage',
          'org:sys_profile:delete',
          'org:sys_memberships:read',
          'org:sys_memberships:manage',
          'org:sys_domains:read',
          'org:sys_domains:manage',
          'org:invoices:read',
        ],
      },
      actor: null,
      greeting: 'Hello maria',
      age: 30,
      exp: now + 300,
      iat: now,
      iss: h.clerk.url,
      jti: expect.stringMatching(/^[0-9a-f]{20}$/),
      nbf: now - 20,
      sub: userId,
    })
    expect(payload).not.toHaveProperty('sid')
    expect(payload).not.toHaveProperty('azp')
  })

  it('gives org shortcodes null without an active organization', async () => {
    await create({ name: 'org-only', claims: { org: '{{org.id}}', m: '{{org_membership.permissions}}' } })
    const plain = (await h.call('POST', '/v1/sessions', { body: { user_id: userId } })).body.id
    const jwt = (await h.call('POST', `/v1/sessions/${plain}/tokens/org-only`)).body.jwt
    expect(decodePart(jwt, 1)).toMatchObject({ org: null, m: null })
  })

  it('honours expires_in_seconds and refuses out-of-range values', async () => {
    await create({ name: 'short', claims: {} })
    expect(decodePart((await mint('short', { expires_in_seconds: 600 })).body.jwt, 1).exp).toBe(h.clock.seconds + 600)
    expectClerkError(await mint('short', { expires_in_seconds: 10 }), 422, 'form_param_value_invalid')
  })

  it('404s for an unknown template and 401s for a revoked session', async () => {
    expectClerkError(await mint('no-such-template'), 404, 'resource_not_found', {
      longMessage: 'No JWT template exists with name: no-such-template',
    })
    const revoked = (await h.call('POST', '/v1/sessions', { body: { user_id: userId } })).body.id
    await h.call('POST', `/v1/sessions/${revoked}/revoke`)
    expectClerkError(await h.call('POST', `/v1/sessions/${revoked}/tokens/short`), 401, 'session_not_active')
  })

  it('mints from the current version right after an update (the compiled cache follows)', async () => {
    const { body } = await create({ name: 'versioned', claims: { n: 1 } })
    expect(decodePart((await mint('versioned')).body.jwt, 1).n).toBe(1)
    // Same clock instant: only the version tells the two apart.
    await h.call('PATCH', `/v1/jwt_templates/${body.id}`, { body: { claims: { n: 2 } } })
    expect(decodePart((await mint('versioned')).body.jwt, 1).n).toBe(2)
    await h.call('PATCH', `/v1/jwt_templates/${body.id}`, { body: { name: 'versioned-2' } })
    expectClerkError(await mint('versioned'), 404, 'resource_not_found')
    expect(decodePart((await mint('versioned-2')).body.jwt, 1).n).toBe(2)
  })

  it('mints with a name that needs URL encoding', async () => {
    await create({ name: 'my template', claims: { ok: true } })
    expect(decodePart((await mint('my template')).body.jwt, 1).ok).toBe(true)
  })
})

describe('custom signing keys', () => {
  const secret = 'a-supabase-jwt-secret-that-is-long-enough-0123456789'

  it.each(['HS256', 'HS384', 'HS512'])('%s with a shared secret, no kid', async (alg) => {
    const name = `hmac-${alg}`
    const created = await create({
      name,
      claims: { role: 'authenticated' },
      custom_signing_key: true,
      signing_algorithm: alg,
      signing_key: secret,
    })
    expect(created.body).toMatchObject({ custom_signing_key: true, signing_algorithm: alg })
    expect(JSON.stringify(created.body)).not.toContain(secret)
    const jwt = (await mint(name)).body.jwt
    const { payload, protectedHeader } = await jwtVerify(jwt, new TextEncoder().encode(secret), {
      currentDate: new Date(h.clock.ms),
      algorithms: [alg],
    })
    expect(protectedHeader).toEqual({ alg, typ: 'JWT', cat: 'cl_B7d4PD222AAA' })
    expect(payload).toMatchObject({ role: 'authenticated', sub: userId, iss: h.clerk.url })
    await expect(jwtVerify(jwt, jwks, { currentDate: new Date(h.clock.ms) })).rejects.toThrow()
  })

  const asymmetric: Array<[string, () => { privatePem: string; publicPem: string }]> = [
    ['RS256', () => pems(generateKeyPairSync('rsa', { modulusLength: 2048 }))],
    ['ES256', () => pems(generateKeyPairSync('ec', { namedCurve: 'P-256' }))],
    ['ES384', () => pems(generateKeyPairSync('ec', { namedCurve: 'P-384' }))],
  ]

  it.each(asymmetric)('%s with a private key, verified by its public key', async (alg, make) => {
    const { privatePem, publicPem } = make()
    const name = `custom-${alg}`
    await create({
      name,
      claims: { email: '{{user.primary_email_address}}' },
      custom_signing_key: true,
      signing_algorithm: alg,
      signing_key: privatePem,
    })
    const jwt = (await mint(name)).body.jwt
    const { payload, protectedHeader } = await jwtVerify(jwt, await importSPKI(publicPem, alg), {
      currentDate: new Date(h.clock.ms),
    })
    expect(protectedHeader).toEqual({ alg, typ: 'JWT', cat: 'cl_B7d4PD222AAA' })
    expect(payload).toMatchObject({ email: 'maria@example.com', sub: userId })
  })

  it('accepts a PKCS#1 RSA key and keeps the key across a PATCH that leaves it out', async () => {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const pkcs1 = pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()
    const { body } = await create({
      name: 'pkcs1',
      claims: { v: 1 },
      custom_signing_key: true,
      signing_algorithm: 'RS256',
      signing_key: pkcs1,
    })
    await h.call('PATCH', `/v1/jwt_templates/${body.id}`, { body: { claims: { v: 2 } } })
    const jwt = (await mint('pkcs1')).body.jwt
    const publicPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString()
    expect(
      (await jwtVerify(jwt, await importSPKI(publicPem, 'RS256'), { currentDate: new Date(h.clock.ms) })).payload.v,
    ).toBe(2)
    // Switching back to the instance key.
    await h.call('PATCH', `/v1/jwt_templates/${body.id}`, { body: { custom_signing_key: false } })
    const back = (await mint('pkcs1')).body.jwt
    expect(decodePart(back, 0).kid).toBe(h.clerk.instanceId)
    expect((await jwtVerify(back, jwks, { currentDate: new Date(h.clock.ms) })).payload.v).toBe(2)
  })
})

function pems(pair: { privateKey: KeyObject; publicKey: KeyObject }) {
  return {
    privatePem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  }
}
