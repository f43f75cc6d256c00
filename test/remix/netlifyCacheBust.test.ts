// On Netlify with a development instance, every redirect of the handshake flow carries `__clerk_netlify_cache_bust`
// (as @clerk/remix 4 adds it), so Netlify's CDN cannot answer it from its cache; nowhere else.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { getAuth } from '../../src/ssr.server.js'
import { BINDING_COOKIES, bound } from '../helpers/handshakeBinding.js'
import { NAVIGATION, args, requestWith, startLocalInstance, type LocalInstance } from '../helpers/localInstance.js'

let instance: LocalInstance
beforeAll(async () => {
  instance = await startLocalInstance()
})
afterAll(() => instance?.close())
afterEach(() => vi.unstubAllEnvs())

async function locationOf(request: Request, options: object): Promise<string> {
  const thrown = await getAuth(args(request), options).then(
    () => undefined,
    (error: unknown) => error,
  )
  expect(thrown).toBeInstanceOf(Response)
  return (thrown as Response).headers.get('location')!
}

describe('the Netlify cache-busting parameter', () => {
  const page = 'http://127.0.0.1:3000/dashboard'

  it('is added on Netlify (NETLIFY, NETLIFY_FUNCTIONS_TOKEN or a netlify.app URL) to a development instance’s redirects', async () => {
    for (const [name, value] of [
      ['NETLIFY', 'true'],
      ['NETLIFY_FUNCTIONS_TOKEN', 'x'],
      ['URL', 'https://site.netlify.app'],
    ]) {
      vi.stubEnv(name!, value!)
      const location = await locationOf(requestWith(page, { headers: NAVIGATION }), instance.developmentOptions)
      expect(new URL(location).searchParams.get('__clerk_netlify_cache_bust'), name).toMatch(/^\d+$/)
      vi.unstubAllEnvs()
    }
  })

  it('keeps a relative redirect relative, and two loaders of a page each get one parameter', async () => {
    vi.stubEnv('NETLIFY', 'true')
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const request = requestWith(bound(`${page}?__clerk_handshake_nonce=unknown&__clerk_db_jwt=dvb_1`), {
      headers: NAVIGATION,
      cookies: BINDING_COOKIES,
    })
    const [first, second] = [
      await locationOf(request, instance.developmentOptions),
      await locationOf(request, instance.developmentOptions),
    ]
    for (const location of [first!, second!]) {
      expect(location.startsWith('/dashboard?__clerk_netlify_cache_bust=')).toBe(true)
      expect(new URL(location, 'http://x').searchParams.getAll('__clerk_netlify_cache_bust')).toHaveLength(1)
    }
  })

  it('is not added for a production instance, nor outside Netlify', async () => {
    vi.stubEnv('NETLIFY', 'true')
    const cookies = { __client_uat: '1' }
    const production = await locationOf(requestWith(page, { headers: NAVIGATION, cookies }), instance.options)
    expect(production).not.toContain('__clerk_netlify_cache_bust')
    vi.unstubAllEnvs()
    const elsewhere = await locationOf(requestWith(page, { headers: NAVIGATION }), instance.developmentOptions)
    expect(elsewhere).not.toContain('__clerk_netlify_cache_bust')
  })
})
