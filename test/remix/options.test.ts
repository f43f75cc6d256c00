// Where getAuth finds its configuration: explicit option → process.env → context.cloudflare.env or
// context.env (either ends the lookup) → context[name] → globalThis. Observed through real
// authentications: the publishable key and API URL that `debug()` reports, the key a token verifies with.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { getAuth } from '../../src/ssr.server.js'
import { loadAuthOptions } from '../../src/remix/options.js'
import type { GetAuthOptions } from '../../src/remix/types.js'
import { createTestKey, sessionClaims, signToken, type TestKey } from '../helpers/sessionTokens.js'
import { FETCH, NAVIGATION, requestWith } from '../helpers/localInstance.js'
import { resetProcessState } from '../../src/shared/processState.js'

const PAGE = 'http://127.0.0.1:3000/dashboard'
const SECRET = 'sk_live_options_matrix'
const pk = (host: string) => `pk_live_${btoa(`${host}$`).replace(/=+$/, '')}`

let key: TestKey
let token: string

beforeAll(async () => {
  key = await createTestKey('ins_options')
  token = await signToken(key, sessionClaims())
})
beforeEach(() => {
  resetProcessState()
})
afterEach(() => {
  vi.unstubAllEnvs()
  vi.unstubAllGlobals()
})

type Source = 'option' | 'process' | 'cloudflare' | 'env' | 'context' | 'global'

/** Sets CLERK_PUBLISHABLE_KEY in each given source, each to a key naming that source; returns the args. */
function withPublishableKeyIn(sources: Source[], extraContext: Record<string, unknown> = {}) {
  const name = 'CLERK_PUBLISHABLE_KEY'
  const context: Record<string, unknown> = { ...extraContext }
  const options: GetAuthOptions = { secretKey: SECRET, jwtKey: key.pem }
  for (const source of sources) {
    const value = pk(`${source}.example.com`)
    if (source === 'option') options.publishableKey = value
    if (source === 'process') vi.stubEnv(name, value)
    if (source === 'cloudflare') context.cloudflare = { env: { [name]: value } }
    if (source === 'env') context.env = { [name]: value }
    if (source === 'context') context[name] = value
    if (source === 'global') vi.stubGlobal(name, value)
  }
  const request = requestWith(PAGE, { headers: { ...FETCH, authorization: `Bearer ${token}` } })
  return { args: { request, context, params: {} }, options }
}

describe('CLERK_PUBLISHABLE_KEY is taken from', () => {
  it.each<[string, Source[], Source]>([
    ['the option before anything', ['option', 'process', 'cloudflare', 'env', 'context', 'global'], 'option'],
    ['process.env before the context', ['process', 'cloudflare', 'env', 'context', 'global'], 'process'],
    ['context.cloudflare.env before context.env', ['cloudflare', 'env', 'context', 'global'], 'cloudflare'],
    ['context.env before context[name]', ['env', 'context', 'global'], 'env'],
    ['context[name] before globalThis', ['context', 'global'], 'context'],
    ['globalThis last', ['global'], 'global'],
  ])('%s', async (_name, sources, winner) => {
    const { args, options } = withPublishableKeyIn(sources)
    const auth = await getAuth(args, options)
    expect(auth.isAuthenticated).toBe(true)
    expect(auth.debug().publishableKey).toBe(pk(`${winner}.example.com`))
  })

  it('an empty process.env value counts as unset', async () => {
    vi.stubEnv('CLERK_PUBLISHABLE_KEY', '')
    const { args, options } = withPublishableKeyIn(['context'])
    expect((await getAuth(args, options)).debug().publishableKey).toBe(pk('context.example.com'))
  })

  it.each([
    ['context.cloudflare.env', { cloudflare: { env: { OTHER: 'x' } } }],
    ['context.env', { env: { OTHER: 'x' } }],
  ])('%s without the name ends the lookup: context[name] and globalThis are not read', async (_name, context) => {
    const { args, options } = withPublishableKeyIn(['context', 'global'], context)
    await expect(getAuth(args, options)).rejects.toMatchObject({ code: 'REMIX_CLERK_MISSING_PUBLISHABLE_KEY' })
  })

  it('context.cloudflare without env does not end the lookup', async () => {
    const { args, options } = withPublishableKeyIn(['context'], { cloudflare: {} })
    expect((await getAuth(args, options)).debug().publishableKey).toBe(pk('context.example.com'))
  })
})

describe('global bindings (classic Workers)', () => {
  it('every variable of the authentication options is found on globalThis alone', () => {
    const globals = {
      CLERK_SECRET_KEY: SECRET,
      CLERK_PUBLISHABLE_KEY: pk('global.example.com'),
      CLERK_JWT_KEY: 'global-jwt-key',
      CLERK_API_URL: 'https://global-api.example',
      CLERK_PROXY_URL: 'https://global.example/__clerk',
      CLERK_DOMAIN: 'global.example',
      CLERK_IS_SATELLITE: 'true',
      CLERK_SIGN_IN_URL: 'https://primary.example/sign-in',
      CLERK_SATELLITE_AUTO_SYNC: 'true',
      CLERK_TRUST_FORWARDED_HOST: 'true',
    }
    for (const [name, value] of Object.entries(globals)) {
      vi.stubEnv(name, '')
      vi.stubGlobal(name, value)
    }
    expect(loadAuthOptions({ request: new Request(PAGE), context: {} }, undefined)).toMatchObject({
      secretKey: SECRET,
      publishableKey: pk('global.example.com'),
      jwtKey: 'global-jwt-key',
      apiUrl: 'https://global-api.example',
      proxyUrl: 'https://global.example/__clerk',
      domain: 'global.example',
      isSatellite: true,
      signInUrl: 'https://primary.example/sign-in',
      satelliteAutoSync: true,
      trustForwardedHost: true,
    })
  })
})

describe('other options', () => {
  const headerRequest = () => requestWith(PAGE, { headers: { ...FETCH, authorization: `Bearer ${token}` } })

  it('every key from a Cloudflare context alone (secret, publishable and JWT keys)', async () => {
    const context = {
      cloudflare: {
        env: { CLERK_SECRET_KEY: SECRET, CLERK_PUBLISHABLE_KEY: pk('cf.example.com'), CLERK_JWT_KEY: key.pem },
      },
    }
    const auth = await getAuth({ request: headerRequest(), context, params: {} })
    expect(auth).toMatchObject({ isAuthenticated: true, userId: 'user_2xyz' })
    expect(auth.debug()).toMatchObject({ secretKey: 'sk_live', publishableKey: pk('cf.example.com') })
  })

  it('CLERK_JWT_KEY from process.env verifies; a wrong one refuses', async () => {
    vi.stubEnv('CLERK_JWT_KEY', key.pem)
    const base = { secretKey: SECRET, publishableKey: pk('a.example.com') }
    expect((await getAuth({ request: headerRequest(), context: {} }, base)).isAuthenticated).toBe(true)
    const other = await createTestKey('ins_wrong')
    vi.stubEnv('CLERK_JWT_KEY', other.pem)
    resetProcessState()
    expect((await getAuth({ request: headerRequest(), context: {} }, base)).debug()).toMatchObject({
      reason: 'token-invalid-signature',
    })
  })

  it('apiUrl: the option wins over CLERK_API_URL (upstream ignores the option), the key decides the default', async () => {
    vi.stubEnv('CLERK_API_URL', 'http://env-api.example')
    const base = { secretKey: SECRET, publishableKey: pk('a.example.com'), jwtKey: key.pem }
    expect(
      (
        await getAuth({ request: headerRequest(), context: {} }, { ...base, apiUrl: 'http://option-api.example' })
      ).debug().apiUrl,
    ).toBe('http://option-api.example')
    expect((await getAuth({ request: headerRequest(), context: {} }, base)).debug().apiUrl).toBe(
      'http://env-api.example',
    )
    vi.stubEnv('CLERK_API_URL', '')
    // A new options object: the same one keeps what it read from process.env (see the test below).
    expect((await getAuth({ request: headerRequest(), context: {} }, { ...base })).debug().apiUrl).toBe(
      'https://api.clerk.com',
    )
    expect(
      (
        await getAuth({ request: headerRequest(), context: {} }, { ...base, publishableKey: pk('clerk.x.lcl.dev') })
      ).debug().apiUrl,
    ).toBe('https://api.clerk.com')
    expect(
      (
        await getAuth(
          { request: headerRequest(), context: {} },
          { ...base, publishableKey: pk('x.accounts.lclclerk.com') },
        )
      ).debug().apiUrl,
    ).toBe('https://api.lclclerk.com')
  })

  it('process.env is read once per options object; without one, or with a new one, a changed variable is seen at once', async () => {
    vi.stubEnv('CLERK_API_URL', 'http://first.example')
    const base = { secretKey: SECRET, publishableKey: pk('a.example.com'), jwtKey: key.pem }
    const apiUrlWith = async (options?: GetAuthOptions, context: Record<string, unknown> = {}) =>
      (await getAuth({ request: headerRequest(), context }, options)).debug().apiUrl
    expect(await apiUrlWith(base)).toBe('http://first.example')
    vi.stubEnv('CLERK_API_URL', 'http://second.example')
    expect(await apiUrlWith(base)).toBe('http://first.example')
    expect(await apiUrlWith({ ...base })).toBe('http://second.example')
    vi.stubEnv('CLERK_SECRET_KEY', SECRET)
    vi.stubEnv('CLERK_PUBLISHABLE_KEY', pk('a.example.com'))
    expect(await apiUrlWith(undefined)).toBe('http://second.example')
    vi.stubEnv('CLERK_API_URL', 'http://third.example')
    expect(await apiUrlWith(undefined)).toBe('http://third.example')
    // A variable that process.env lacks is looked up in the load context on every call, whatever the options object.
    vi.stubEnv('CLERK_API_URL', '')
    const fresh = { ...base }
    expect(await apiUrlWith(fresh, { CLERK_API_URL: 'http://context-one.example' })).toBe('http://context-one.example')
    expect(await apiUrlWith(fresh, { CLERK_API_URL: 'http://context-two.example' })).toBe('http://context-two.example')
    // Replacing process.env as a whole starts afresh for every options object.
    const original = process.env
    try {
      process.env = { ...original, CLERK_API_URL: 'http://replaced.example' }
      expect(await apiUrlWith(base)).toBe('http://replaced.example')
    } finally {
      process.env = original
    }
  })

  it('proxyUrl: option (value or function of the URL) over CLERK_PROXY_URL; an explicit "" turns it off', async () => {
    const expired = await signToken(key, sessionClaims({ exp: 1_000, iat: 900, nbf: 900 }))
    const navigation = () =>
      requestWith(PAGE, { headers: NAVIGATION, cookies: { __session: expired, __client_uat: '900' } })
    const base = { secretKey: SECRET, publishableKey: pk('clerk.example.com'), jwtKey: key.pem }
    const locationFor = async (options: GetAuthOptions) => {
      const thrown = await getAuth({ request: navigation(), context: {} }, options).then(
        () => undefined,
        (error: unknown) => error,
      )
      return (
        new URL((thrown as Response).headers.get('location')!).origin +
        new URL((thrown as Response).headers.get('location')!).pathname
      )
    }
    vi.stubEnv('CLERK_PROXY_URL', 'https://env-proxy.example/clerk')
    expect(await locationFor(base)).toBe('https://env-proxy.example/clerk/v1/client/handshake')
    expect(await locationFor({ ...base, proxyUrl: 'https://option-proxy.example/c' })).toBe(
      'https://option-proxy.example/c/v1/client/handshake',
    )
    expect(await locationFor({ ...base, proxyUrl: (url) => `https://${url.port}.fn-proxy.example` })).toBe(
      'https://3000.fn-proxy.example/v1/client/handshake',
    )
    expect(await locationFor({ ...base, proxyUrl: '' })).toBe('https://clerk.example.com/v1/client/handshake')
  })

  it('domain: option value or function of the request URL, else CLERK_DOMAIN', async () => {
    const base = { secretKey: SECRET, publishableKey: pk('a.example.com'), jwtKey: key.pem }
    vi.stubEnv('CLERK_DOMAIN', 'env.example')
    expect((await getAuth({ request: headerRequest(), context: {} }, base)).debug().domain).toBe('env.example')
    expect(
      (
        await getAuth(
          { request: headerRequest(), context: {} },
          { ...base, domain: (url) => `${url.pathname.slice(1)}.example` },
        )
      ).debug().domain,
    ).toBe('dashboard.example')
  })
})
