// The seed example of issue 2, over real HTTP:
//   const token = await createClerkClient({ secretKey }).sessions.getToken('sess_123', 'test')
//   console.log(token)       // Token { jwt: 'eyJhbG...' }
//   return json({ token })   // {"token":{"jwt":"eyJhbG..."}}
import { inspect } from 'node:util'
import { json } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClerkClient, Token } from '../../src/api.server.js'
import { signTestJwt, nowSeconds } from '../helpers/jwt.js'
import { startRecordingServer, type RecordingServer } from '../helpers/recordingServer.js'
import { SECRET_KEY } from './fixtures.js'

let server: RecordingServer
let jwt: string

beforeAll(async () => {
  server = await startRecordingServer()
  jwt = await signTestJwt({ sub: 'user_1', sid: 'sess_123', exp: nowSeconds() + 60 })
  server.on('POST', '/v1/sessions/sess_123/tokens/test', { json: { object: 'token', jwt } })
})
afterAll(() => server.close())

describe('seed example: sessions.getToken(sessionId, template)', () => {
  it('returns a Token whose JSON, inspection and Remix json() are what the example promises', async () => {
    const token = await createClerkClient({ secretKey: SECRET_KEY, apiUrl: server.url }).sessions.getToken(
      'sess_123',
      'test',
    )

    expect(token).toBeInstanceOf(Token)
    expect(token.jwt).toBe(jwt)
    // console.log wraps long lines; on one line it reads exactly like the example.
    expect(inspect(token, { breakLength: Infinity })).toBe(`Token { jwt: '${jwt}' }`)
    expect(JSON.stringify(token)).toBe(`{"jwt":"${jwt}"}`)
    const response = json({ token })
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(await response.text()).toBe(`{"token":{"jwt":"${jwt}"}}`)
  })

  it('sends one POST to /v1/sessions/{id}/tokens/{template} with the Clerk headers and no body', async () => {
    server.clearRequests()
    await createClerkClient({ secretKey: SECRET_KEY, apiUrl: server.url }).sessions.getToken('sess_123', 'test')

    expect(server.count()).toBe(1)
    const request = server.last()
    expect(request.method).toBe('POST')
    expect(request.path).toBe('/v1/sessions/sess_123/tokens/test')
    expect(request.search).toBe('')
    expect(request.headers.authorization).toBe(`Bearer ${SECRET_KEY}`)
    expect(request.headers['clerk-api-version']).toBe('2026-05-12')
    expect(request.headers['user-agent']).toBe(`remix-clerk@${__REMIX_CLERK_VERSION__}`)
    expect(request.headers['content-type']).toBeUndefined()
    expect(request.headers['content-length']).toBe('0')
    expect(request.body).toBe('')
  })

  it('a Token is frozen, so one caller cannot change what another holds', async () => {
    const token = await createClerkClient({ secretKey: SECRET_KEY, apiUrl: server.url }).sessions.getToken(
      'sess_123',
      'test',
    )
    expect(Object.isFrozen(token)).toBe(true)
    expect(() => {
      ;(token as { jwt: string }).jwt = 'changed'
    }).toThrow(TypeError)
    expect(token.jwt).toBe(jwt)
  })
})
