// What the generated methods do beyond the wire format the oracle compares: credentials of the machine-token
// groups, arguments refused before any request, upstream's client-side checks, forward compatibility.
import { inspect } from 'node:util'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  ClerkAPIResponseError,
  ClerkClientError,
  createClerkClient,
  type ClerkClientOptions,
} from '../../src/api.server.js'
import { startRecordingServer, type RecordingServer } from '../helpers/recordingServer.js'
import { rejectionOf } from '../helpers/rejection.js'
import { SECRET_KEY } from './fixtures.js'
import { RESOURCE_JSON } from './resourceJSON.js'

const MACHINE_KEY = 'ak_machineKeyThatMustNotBePrinted0123'

let server: RecordingServer

beforeAll(async () => {
  server = await startRecordingServer()
})
afterAll(() => server.close())
beforeEach(() => server.reset())

const client = (options: ClerkClientOptions = {}) =>
  createClerkClient({ secretKey: SECRET_KEY, apiUrl: server.url, ...options })

describe('machine tokens', () => {
  it('m2m methods send the machineSecretKey option, or the call’s own, and need no secret key with one', async () => {
    server.on('POST', '/m2m_tokens', { json: RESOURCE_JSON.M2MToken })
    await client().m2m.createToken()
    expect(server.last().headers.authorization).toBe(`Bearer ${SECRET_KEY}`)
    await client({ machineSecretKey: MACHINE_KEY }).m2m.createToken()
    expect(server.last().headers.authorization).toBe(`Bearer ${MACHINE_KEY}`)
    await createClerkClient({ apiUrl: server.url, machineSecretKey: MACHINE_KEY }).m2m.createToken()
    expect(server.last().headers.authorization).toBe(`Bearer ${MACHINE_KEY}`)
    await client({ machineSecretKey: 'ak_option' }).m2m.createToken({ machineSecretKey: MACHINE_KEY })
    expect(server.last().headers.authorization).toBe(`Bearer ${MACHINE_KEY}`)
    expect(server.last().json).toEqual({ seconds_until_expiration: null, claims: null, token_format: 'opaque' })
  })

  it('a machine secret key echoed by the server is redacted from the error', async () => {
    server.on('POST', '/m2m_tokens/verify', {
      status: 401,
      json: { errors: [{ code: 'machine_secret_key_invalid', message: `The key ${MACHINE_KEY} is not valid.` }] },
    })
    const error = await rejectionOf<ClerkAPIResponseError>(
      client().m2m.verify({ token: 'mt_1', machineSecretKey: MACHINE_KEY }),
    )
    expect(error).toBeInstanceOf(ClerkAPIResponseError)
    for (const text of [error.message, JSON.stringify(error), inspect(error, { depth: 10 })]) {
      expect(text).not.toContain(MACHINE_KEY)
    }
  })

  it('a machine secret key that cannot go into a header is refused before the request, without quoting it', async () => {
    const error = await rejectionOf<ClerkClientError>(client().m2m.createToken({ machineSecretKey: 'ak_with space\n' }))
    expect(error).toBeInstanceOf(ClerkClientError)
    expect(error.message).not.toContain('ak_with')
    expect(server.count()).toBe(0)
  })

  it('m2m.verify refuses a JWT-format M2M token (upstream verifies those locally) without a request', async () => {
    const jwt = [{ alg: 'RS256' }, { sub: 'mch_1', exp: 2_000_000_000 }]
      .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
      .concat('signature')
      .join('.')
    const error = await rejectionOf<ClerkClientError>(client().m2m.verify({ token: jwt }))
    expect(error).toBeInstanceOf(ClerkClientError)
    expect(error.message).toMatch(/JWT-format M2M token/)
    expect(server.count()).toBe(0)
  })

  it('idPOAuthAccessToken.verify checks the audience as upstream does', async () => {
    server.on('POST', '/oauth_applications/access_tokens/verify', { json: RESOURCE_JSON.IdPOAuthAccessToken })
    const token = await client().idPOAuthAccessToken.verify('oat_1', { audience: 'https://api.example' })
    expect(token.aud).toEqual(['https://api.example'])
    const error = await rejectionOf<ClerkClientError>(
      client().idPOAuthAccessToken.verify('oat_1', { audience: 'https://other.example' }),
    )
    expect(error.message).toContain('https://other.example')
  })

  it('keyless applications need no secret key and are sent without Authorization', async () => {
    server.on('POST', '/v1/accountless_applications', { json: RESOURCE_JSON.AccountlessApplication })
    const application = await createClerkClient({
      apiUrl: server.url,
    }).__experimental_accountlessApplications.createAccountlessApplication()
    expect(application.publishableKey).toMatch(/^pk_test_/)
    expect(server.last().headers.authorization).toBeUndefined()
  })

  it('versionless paths sit under an apiUrl that carries a path', async () => {
    server.on('GET', '/proxy/api_keys/ak_1', { json: RESOURCE_JSON.APIKey })
    await client({ apiUrl: `${server.url}/proxy/` }).apiKeys.get('ak_1')
    expect(server.last().path).toBe('/proxy/api_keys/ak_1')
  })
})

describe('arguments refused before any request', () => {
  it.each([
    ['no file', { file: undefined }],
    ['a string instead of a file', { file: 'avatar.png' }],
  ])('updateUserProfileImage with %s → argument_invalid naming the file', async (_, params) => {
    const error = await rejectionOf<ClerkClientError>(client().users.updateUserProfileImage('user_1', params as never))
    expect(error.code).toBe('argument_invalid')
    expect(error.message).toContain('users.updateUserProfileImage: file')
    expect(server.count()).toBe(0)
  })

  it('a missing parameter object rejects the call (it does not throw at the call site)', async () => {
    const call = client().users.verifyPassword(undefined as never)
    expect(call).toBeInstanceOf(Promise)
    const error = await rejectionOf<ClerkClientError>(call)
    expect(error.message).toBe('users.verifyPassword: params must be an object, got undefined.')
  })

  it('an id inside a parameter object is checked and stays one path segment', async () => {
    const error = await rejectionOf<ClerkClientError>(
      client().organizations.updateOrganizationMembership({ organizationId: 'org_1', userId: '..', role: 'org:admin' }),
    )
    expect(error.message).toContain('organizations.updateOrganizationMembership: userId')
    server.on('PATCH', /^\/v1\/organizations\//, { json: RESOURCE_JSON.OrganizationMembership })
    await client().organizations.updateOrganizationMembership({
      organizationId: 'org_1',
      userId: 'a/b?c',
      role: 'org:admin',
    })
    expect(server.last().path).toBe('/v1/organizations/org_1/memberships/a%2Fb%3Fc')
  })

  it('emails.createBatch takes 1 to 100 messages with well-formed idempotency keys', async () => {
    const message = { to: { address: 'a@example.com' }, from: { address: 'noreply' }, subject: 's', text: 't' }
    for (const messages of [
      [],
      Array.from({ length: 101 }, () => message),
      [{ ...message, idempotencyKey: 'no spaces' }],
    ]) {
      const error = await rejectionOf<ClerkClientError>(client().emails.createBatch(messages))
      expect(error.code).toBe('argument_invalid')
    }
    expect(server.count()).toBe(0)
  })
})

describe('results and forward compatibility', () => {
  it('parameters the table does not know are sent, snake_cased, as upstream sends them', async () => {
    server.on('PATCH', '/v1/users/user_1', { json: RESOURCE_JSON.User })
    await client().users.updateUser('user_1', { firstName: 'Ada', brandNewField: true } as never)
    expect(server.last().json).toEqual({ first_name: 'Ada', brand_new_field: true })
  })

  it('a __proto__ key in parsed JSON does not lend its keys to the request', async () => {
    server.on('PATCH', '/v1/users/user_1', { json: RESOURCE_JSON.User })
    await client().users.updateUser('user_1', JSON.parse('{"__proto__": {"banned": true}, "firstName": "Ada"}'))
    expect(server.last().json).toEqual({ first_name: 'Ada' })
  })

  it('another object than the one the endpoint returns is an unexpected_response error', async () => {
    server.on('GET', '/v1/roles', { json: RESOURCE_JSON.User })
    server.on('GET', '/v1/organization_roles/role_1', { json: RESOURCE_JSON.User })
    const error = await rejectionOf<ClerkAPIResponseError>(client().organizationRoles.getOrganizationRole('role_1'))
    expect(error.errors[0]?.code).toBe('unexpected_response')
    expect(error.message).toContain('expected a Role object, got "user"')
  })

  it('a group shows its name and nothing else when printed, and each method its own name', () => {
    const clerk = client()
    expect(inspect(clerk.users)).toBe('UserAPI {}')
    expect(inspect(clerk)).not.toContain(SECRET_KEY)
    expect(clerk.users.updateUserMetadata.name).toBe('updateUserMetadata')
  })
})
