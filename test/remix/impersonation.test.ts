// Impersonation end to end: an actor token from the local backend's Backend API, redeemed as ClerkJS redeems it
// (`signIn.create({ strategy: 'ticket' })`), gives a session whose tokens carry the `act` claim, and getAuth's
// `actor` shows who acts.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { getAuth } from '../../src/ssr.server.js'
import { FETCH, args, requestWith, startLocalInstance, type LocalInstance } from '../helpers/localInstance.js'

let instance: LocalInstance
beforeAll(async () => {
  instance = await startLocalInstance()
})
afterAll(() => instance.close())

async function call(path: string, init: RequestInit): Promise<Record<string, unknown>> {
  const response = await instance.local.fetch(new Request(`${instance.url}${path}`, init))
  return (await response.json()) as Record<string, unknown>
}

it("an actor token's session shows its actor in getAuth", async () => {
  const bapi = { authorization: `Bearer ${instance.local.secretKey}`, 'content-type': 'application/json' }
  const token = await call('/v1/actor_tokens', {
    method: 'POST',
    headers: bapi,
    body: JSON.stringify({ user_id: instance.userId, actor: { sub: 'user_support' } }),
  })
  const signIn = await call('/v1/client/sign_ins?_clerk_js_version=5.128.0', {
    method: 'POST',
    headers: { origin: 'http://localhost:3000', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ strategy: 'ticket', ticket: token.token as string }).toString(),
  })
  const sessionId = (signIn.response as { created_session_id: string }).created_session_id
  const jwt = await instance.mint(sessionId)
  const request = requestWith('http://127.0.0.1:3000/admin', { headers: { ...FETCH, authorization: `Bearer ${jwt}` } })
  const auth = await getAuth(args(request), instance.options)
  expect(auth).toMatchObject({ userId: instance.userId, sessionId, actor: { sub: 'user_support' } })

  // An ordinary session has no actor.
  const plain = requestWith('http://127.0.0.1:3000/admin', {
    headers: { ...FETCH, authorization: `Bearer ${await instance.mint(instance.sessionId)}` },
  })
  expect((await getAuth(args(plain), instance.options)).actor).toBeUndefined()
})
