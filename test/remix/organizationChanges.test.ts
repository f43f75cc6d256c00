// getAuth follows changes made through the local backend's Backend API: a member's new role, their removal and the
// organization's deletion show in the next session token, so in `orgRole`, `has()` and `orgId` (claims v2 and v1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getAuth } from '../../src/ssr.server.js'
import {
  NAVIGATION,
  args,
  requestWith,
  sessionCookies,
  startLocalInstance,
  type LocalInstance,
} from '../helpers/localInstance.js'

const PAGE = 'http://127.0.0.1:3000/dashboard'

let v2: LocalInstance
let v1: LocalInstance

beforeAll(async () => {
  ;[v2, v1] = await Promise.all([startLocalInstance(), startLocalInstance({ tokenVersion: 1 })])
})
afterAll(async () => {
  await Promise.all([v2?.close(), v1?.close()])
})

/** A Backend API call to the instance, in-process, as an app's admin code would make it. */
async function backendApi(instance: LocalInstance, method: string, path: string, body?: unknown): Promise<void> {
  const response = await instance.local.fetch(
    new Request(`${instance.url}/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${instance.local.secretKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  )
  expect(response.status, await response.clone().text()).toBe(200)
}

/** What a loader sees for a fresh token of the session. */
const authNow = async (instance: LocalInstance, sessionId: string) =>
  getAuth(
    args(requestWith(PAGE, { headers: NAVIGATION, cookies: sessionCookies(await instance.mint(sessionId)) })),
    instance.options,
  )

describe.each([
  ['claims v2', () => v2],
  ['claims v1', () => v1],
] as const)('organization changes reach getAuth (%s)', (_version, instance) => {
  it('a new role: orgRole and has() follow it in the next token; the custom permissions stay', async () => {
    const { orgId, userId, orgSessionId } = instance()
    const before = await authNow(instance(), orgSessionId)
    expect(before).toMatchObject({ orgId, orgRole: 'org:admin' })
    expect(before.has({ role: 'org:admin' })).toBe(true)

    await backendApi(instance(), 'PATCH', `/organizations/${orgId}/memberships/${userId}`, { role: 'org:member' })
    const after = await authNow(instance(), orgSessionId)
    expect(after).toMatchObject({ orgId, orgSlug: 'acme', orgRole: 'org:member' })
    expect(after.has({ role: 'org:admin' })).toBe(false)
    expect(after.has({ role: 'org:member' })).toBe(true)
    expect(after.has({ permission: 'org:invoices:read' })).toBe(true)
  })

  it('a renamed slug shows as orgSlug; removing the member, then deleting the organization, leaves the personal account', async () => {
    const { orgId, userId, orgSessionId } = instance()
    await backendApi(instance(), 'PATCH', `/organizations/${orgId}`, { slug: 'acme-two' })
    expect((await authNow(instance(), orgSessionId)).orgSlug).toBe('acme-two')

    await backendApi(instance(), 'DELETE', `/organizations/${orgId}/memberships/${userId}`)
    const removed = await authNow(instance(), orgSessionId)
    expect(removed).toMatchObject({ userId, orgId: undefined, orgRole: undefined })
    expect(removed.has({ role: 'org:member' })).toBe(false)

    await backendApi(instance(), 'DELETE', `/organizations/${orgId}`)
    expect((await authNow(instance(), orgSessionId)).orgId).toBeUndefined()
  })
})
