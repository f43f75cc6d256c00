import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_BODY_BYTES } from '../../src/http/body.js'
import { BACKEND_MODE } from '../helpers/backend.js'
import { type Harness, expectClerkError, startHarness } from '../helpers/harness.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.close())

describe('authentication', () => {
  it('refuses a request without Authorization', async () => {
    expectClerkError(
      await h.call('GET', '/v1/users', { anonymous: true }),
      401,
      'authorization_header_format_invalid',
      {
        longMessage: "Invalid Authorization header format. Must be 'Bearer <YOUR_API_KEY>'",
      },
    )
  })

  it.each([['Basic abc'], ['Bearer'], ['Bearer a b'], [`Token ${'x'.repeat(10)}`]])(
    'refuses the header %j',
    async (header) => {
      expectClerkError(
        await h.call('GET', '/v1/users', { anonymous: true, headers: { authorization: header } }),
        401,
        'authorization_header_format_invalid',
      )
    },
  )

  it('refuses a wrong secret key, of any length, without echoing it', async () => {
    for (const key of ['sk_live_wrong', `${h.clerk.secretKey}x`, h.clerk.secretKey.slice(0, -1)]) {
      const response = await h.call('GET', '/v1/users', {
        anonymous: true,
        headers: { authorization: `Bearer ${key}` },
      })
      const error = expectClerkError(response, 401, 'clerk_key_invalid', {
        longMessage: 'The provided Clerk Secret Key is invalid. Make sure that your Clerk Secret Key is correct.',
      })
      expect(JSON.stringify(error)).not.toContain(key)
    }
  })

  it('guards every Backend API resource', async () => {
    for (const path of [
      '/v1/users',
      '/v1/sessions?user_id=x',
      '/v1/jwt_templates',
      '/v1/organizations',
      '/v1/jwks',
      '/v1/clients/handshake_payload?nonce=x',
      '/v1/users/count',
    ]) {
      expectClerkError(await h.call('GET', path, { anonymous: true }), 401, 'authorization_header_format_invalid')
    }
  })
})

describe('responses', () => {
  it('uses exactly application/json, without a charset', async () => {
    const response = await h.call('GET', '/v1/jwt_templates')
    expect(response.status).toBe(200)
    expect(response.contentType).toBe('application/json')
  })

  it('answers an unknown route with a Clerk-shaped 404', async () => {
    expectClerkError(await h.call('GET', '/v1/nothing/here'), 404, 'resource_not_found', {
      longMessage: 'No route matches GET /v1/nothing/here.',
    })
    expectClerkError(await h.call('PUT', '/v1/users'), 404, 'resource_not_found', {
      longMessage: 'No route matches PUT /v1/users.',
    })
  })

  it('serves the JWKS publicly at /.well-known/jwks.json, same keys as /v1/jwks', async () => {
    const wellKnown = await h.call('GET', '/.well-known/jwks.json', { anonymous: true })
    const bapi = await h.call('GET', '/v1/jwks')
    expect(wellKnown.status).toBe(200)
    expect(wellKnown.contentType).toBe('application/json')
    expect(wellKnown.body).toEqual(bapi.body)
    expect(bapi.body).toEqual({
      keys: [{ use: 'sig', kty: 'RSA', kid: h.clerk.instanceId, alg: 'RS256', n: expect.any(String), e: 'AQAB' }],
    })
    // 2048-bit modulus: 256 bytes, 342 base64url characters.
    expect(Buffer.from(bapi.body.keys[0].n, 'base64url')).toHaveLength(256)
  })
})

describe('API version', () => {
  it('accepts the header alone and the query alone', async () => {
    expect((await h.call('GET', '/v1/jwks', { headers: { 'clerk-api-version': '2026-05-12' } })).status).toBe(200)
    expect((await h.call('GET', '/v1/jwks?__clerk_api_version=2025-04-10')).status).toBe(200)
  })

  it('refuses both at once', async () => {
    const response = await h.call('GET', '/v1/jwks?__clerk_api_version=2025-04-10', {
      headers: { 'clerk-api-version': '2025-04-10' },
    })
    expectClerkError(response, 400, 'api_version_invalid', {
      longMessage: /both as the Clerk-API-Version header and the __clerk_api_version query/,
    })
  })

  it.each([['yesterday'], ['2025-13-01'], ['2025-02-30'], ['2020-01-01'], ['v1']])('refuses %j', async (version) => {
    expectClerkError(
      await h.call('GET', '/v1/jwks', { headers: { 'clerk-api-version': version } }),
      400,
      'api_version_invalid',
      {
        longMessage: `${JSON.stringify(version)} is not an API version. Use a date such as 2025-04-10 (earliest 2021-02-05).`,
      },
    )
  })
})

describe('request bodies', () => {
  it('refuses malformed JSON with 400 request_body_invalid', async () => {
    expectClerkError(
      await h.call('POST', '/v1/users', { rawBody: '{"email_address": [' }),
      400,
      'request_body_invalid',
      {
        longMessage: /^The request body is not valid JSON: /,
      },
    )
  })

  it('refuses a non-JSON content type with 415', async () => {
    const response = await h.call('POST', '/v1/users', {
      rawBody: 'first_name=Ada',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expectClerkError(response, 415, 'unsupported_content_type', {
      longMessage:
        'Content-Type application/x-www-form-urlencoded is unsupported. Send the body as JSON with Content-Type: application/json.',
    })
  })

  it.each([['[]'], ['"text"'], ['42'], ['null']])('refuses the JSON body %s that is not an object', async (raw) => {
    expectClerkError(await h.call('POST', '/v1/users', { rawBody: raw }), 422, 'form_param_format_invalid', {
      longMessage: 'body must be a JSON object.',
      paramName: 'body',
    })
  })

  it('refuses a body over 1 MiB with a Clerk-shaped 413', async () => {
    const rawBody = JSON.stringify({ first_name: 'x'.repeat(MAX_BODY_BYTES) })
    expectClerkError(await h.call('POST', '/v1/users', { rawBody }), 413, 'request_body_too_large', {
      longMessage: `The request body is larger than ${MAX_BODY_BYTES} bytes, the limit of remix-clerk-local.`,
    })
  })

  it('refuses a chunked body (no Content-Length) once it passes 1 MiB', async () => {
    const chunk = new TextEncoder().encode(' '.repeat(64 * 1024))
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MAX_BODY_BYTES + chunk.byteLength) return controller.close()
        sent += chunk.byteLength
        controller.enqueue(chunk)
      },
    })
    const response = await postStream('/v1/users', body)
    expect(response.status).toBe(413)
    expect(response.headers.get('content-type')).toBe('application/json')
    expect((await response.json()).errors[0].code).toBe('request_body_too_large')
  })

  it('reads a small chunked body (Transfer-Encoding, no Content-Length) over HTTP', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"email_address":["chunked@example.com"],'))
        controller.enqueue(new TextEncoder().encode('"first_name":"Chunk"}'))
        controller.close()
      },
    })
    const response = await postStream('/v1/users', body)
    expect(response.status).toBe(200)
    expect((await response.json()).first_name).toBe('Chunk')
  })

  it('lists every unknown field and wrong type in one 422', async () => {
    const response = await h.call('POST', '/v1/users', {
      body: { first_name: 42, nickname: 'x', email_address: 'not-an-array', public_metadata: [] },
    })
    expectClerkError(response, 422, 'form_param_unknown', {
      count: 4,
      paramName: 'nickname',
      longMessage: 'nickname is not a valid parameter for this request.',
    })
    expect(response.body.errors.map((e: { code: string; long_message: string }) => [e.code, e.long_message])).toEqual([
      ['form_param_unknown', 'nickname is not a valid parameter for this request.'],
      ['form_param_format_invalid', 'email_address must be an array of strings.'],
      ['form_param_format_invalid', 'first_name must be a string.'],
      ['form_param_format_invalid', 'public_metadata must be a JSON object.'],
    ])
  })

  it('refuses unknown query parameters instead of ignoring a filter', async () => {
    // `email` for `email_address`: a typo that must not list every user.
    expectClerkError(await h.call('GET', '/v1/users?email=ada@example.com'), 422, 'form_param_unknown', {
      paramName: 'email',
      longMessage: 'email is not a valid parameter for this request.',
    })
  })

  it.each([
    ['limit=0', 'limit must be between 1 and 500.', 'form_param_value_invalid'],
    ['limit=501', 'limit must be between 1 and 500.', 'form_param_value_invalid'],
    ['limit=ten', 'limit must be an integer.', 'form_param_format_invalid'],
    ['offset=-1', `offset must be between 0 and ${Number.MAX_SAFE_INTEGER}.`, 'form_param_value_invalid'],
  ])('checks paging: %s', async (query, message, code) => {
    expectClerkError(await h.call('GET', `/v1/users?${query}`), 422, code, { longMessage: message })
  })
})

// LocalClerk.fetch is the library's; against the CLI process, `h.clerk` is only the tests' instance on its database.
describe.runIf(BACKEND_MODE === 'library')('in-process fetch', () => {
  it('reads the body of an in-process POST, which carries no Content-Length (only HTTP requests may skip it)', async () => {
    const request = new Request('http://in-process.test/v1/users', {
      method: 'POST',
      headers: { authorization: `Bearer ${h.clerk.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email_address: ['in-process@example.com'], first_name: 'Inez' }),
    })
    expect(request.headers.get('content-length')).toBeNull()
    const response = await h.clerk.fetch(request)
    expect(response.status).toBe(200)
    expect((await response.json()).first_name).toBe('Inez')
  })

  it('answers the same request without a port', async () => {
    const response = await h.clerk.fetch(
      new Request('http://in-process.test/v1/jwks', { headers: { authorization: `Bearer ${h.clerk.secretKey}` } }),
    )
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(await response.json()).toEqual(h.clerk.jwks)
  })
})

describe('handshake payload', () => {
  it('needs a nonce', async () => {
    expectClerkError(await h.call('GET', '/v1/clients/handshake_payload'), 422, 'form_param_missing', {
      paramName: 'nonce',
    })
  })

  it('refuses an unknown nonce with 400 invalid_nonce', async () => {
    expectClerkError(await h.call('GET', '/v1/clients/handshake_payload?nonce=nope'), 400, 'invalid_nonce', {
      longMessage: 'The handshake nonce is unknown, expired or already used. Start a new handshake.',
    })
  })
})

/** A JSON POST whose body is a stream: sent chunked, without Content-Length. */
function postStream(path: string, body: ReadableStream<Uint8Array>): Promise<Response> {
  return fetch(`${h.clerk.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${h.clerk.secretKey}`, 'content-type': 'application/json' },
    body,
    duplex: 'half',
  } as RequestInit)
}
