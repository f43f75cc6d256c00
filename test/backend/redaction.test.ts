// The secret key never leaves through an error: not in its message, String(), toJSON(),
// util.inspect(), its cause, nor in anything the client object itself shows.
import { inspect } from 'node:util'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ClerkAPIResponseError, ClerkClientError, createClerkClient } from '../../src/api.server.js'
import { rejectionOf } from '../helpers/rejection.js'
import { refusedPort, startRecordingServer, type RecordingServer } from '../helpers/recordingServer.js'

const SECRET = 'sk_live_VeryS3cretValueThatMustNeverBePrinted000'

let server: RecordingServer

beforeAll(async () => {
  server = await startRecordingServer()
})
afterAll(() => server.close())
beforeEach(() => server.reset())

/** Every way an error is commonly printed or serialised. */
function renderings(error: Error): string[] {
  return [
    error.message,
    String(error),
    error.stack ?? '',
    JSON.stringify(error),
    inspect(error, { depth: 10 }),
    inspect(error.cause, { depth: 10 }),
  ]
}

describe('secret key redaction', () => {
  it('a server that echoes the key in its error body: scrubbed to the sk_live_… prefix', async () => {
    server.on('GET', '/v1/users/user_1', {
      status: 401,
      json: {
        errors: [
          {
            code: 'clerk_key_invalid',
            message: `The key ${SECRET} is invalid`,
            long_message: `Authorization: Bearer ${SECRET} was rejected`,
          },
        ],
      },
    })
    const error = await rejectionOf(
      createClerkClient({ secretKey: SECRET, apiUrl: server.url }).users.getUser('user_1'),
    )
    expect(error).toBeInstanceOf(ClerkAPIResponseError)
    for (const text of renderings(error)) expect(text).not.toContain(SECRET)
    expect(error.message).toContain('The key sk_live_… is invalid')
    expect((error as ClerkAPIResponseError).errors[0]!.longMessage).toBe('Authorization: Bearer sk_live_… was rejected')
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'ClerkAPIResponseError',
      message: error.message,
      status: 401,
      errors: [
        {
          code: 'clerk_key_invalid',
          message: 'The key sk_live_… is invalid',
          longMessage: 'Authorization: Bearer sk_live_… was rejected',
          meta: {},
        },
      ],
      clerkError: true,
    })
  })

  it('a custom fetch whose error quotes the key: message scrubbed, cause dropped', async () => {
    const leakyFetch = async (_url: string, init: RequestInit): Promise<Response> => {
      const authorization = new Headers(init.headers).get('authorization')
      throw new TypeError(`proxy refused request with header ${authorization}`)
    }
    const error = await rejectionOf(
      createClerkClient({ secretKey: SECRET, apiUrl: server.url, fetch: leakyFetch, retries: 0 }).jwks.getJwks(),
    )
    expect(error).toBeInstanceOf(ClerkAPIResponseError)
    expect((error as ClerkAPIResponseError).errors[0]!.code).toBe('network_error')
    expect(error.message).toContain('proxy refused request with header Bearer sk_live_…')
    expect(error.cause).toBeUndefined()
    for (const text of renderings(error)) expect(text).not.toContain(SECRET)
  })

  it('network errors and timeouts keep a useful cause that does not contain the key', async () => {
    const port = await refusedPort()
    const refused = await rejectionOf(
      createClerkClient({ secretKey: SECRET, apiUrl: `http://127.0.0.1:${port}`, retries: 0 }).jwks.getJwks(),
    )
    expect(refused.cause).toBeInstanceOf(Error)
    for (const text of renderings(refused)) expect(text).not.toContain(SECRET)

    server.on('GET', '/v1/jwks', { hang: true })
    const timeout = await rejectionOf(
      createClerkClient({ secretKey: SECRET, apiUrl: server.url, timeoutMs: 200 }).jwks.getJwks(),
    )
    for (const text of renderings(timeout)) expect(text).not.toContain(SECRET)
  })

  it('configuration errors never quote the key, even a malformed one', async () => {
    for (const secretKey of [`${SECRET} extra`, `pk_live_${SECRET}`, `"${SECRET}"x\u00e9`]) {
      const error = await rejectionOf(createClerkClient({ secretKey, apiUrl: server.url }).jwks.getJwks())
      expect(error).toBeInstanceOf(ClerkClientError)
      for (const text of renderings(error)) expect(text).not.toContain(SECRET)
    }
    expect(server.count()).toBe(0)
  })

  it('the client and its endpoint groups show nothing of their options', async () => {
    const clerk = createClerkClient({ secretKey: SECRET, apiUrl: server.url })
    for (const value of [clerk, clerk.sessions, clerk.users, clerk.jwks]) {
      expect(inspect(value, { depth: 10, showHidden: true })).not.toContain(SECRET)
      expect(JSON.stringify(value)).toBe('{}')
    }
  })
})
