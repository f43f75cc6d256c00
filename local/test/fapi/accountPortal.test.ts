import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findServedBundles } from '../../src/clerkJsBundles/clerkJsBundle.js'
import { CACHE_ENV } from '../../src/clerkJsBundles/clerkJsCache.js'
import { type Harness, startHarness } from '../helpers/harness.js'
import { BrowserAgent, type Hop } from '../helpers/browserAgent.js'
import { APP_ORIGIN, ClerkJsAgent } from '../helpers/clerkJsAgent.js'
import { OPEN_REDIRECT_ATTEMPTS } from '../helpers/openRedirects.js'

/**
 * The local Account Portal over HTTP: the `display_config` URLs, each hosted page's headers, HTML and settings for
 * its script, the checks on its redirect parameters, and the way back. The backend allows only the app's origin,
 * so what works from its own pages works because they are its own. (Chromium drives the pages themselves in
 * example/test/accountPortal.test.ts and test/browser/accountPortal.test.ts.)
 */
let h: Harness
let origin: string
const APP = `${APP_ORIGIN}/after?x=1`
const PORTAL_CSP =
  "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; img-src 'self' data: blob:; " +
  "worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

beforeAll(async () => {
  h = await startHarness({ allowedOrigins: [APP_ORIGIN] })
  origin = h.clerk.url
  h.clerk.seed({
    users: [
      { email_address: 'ada@example.com', password: 'correct horse' },
      { email_address: 'grace@example.com', password: 'correct horse' },
    ],
    organizations: [{ name: 'Acme', slug: 'acme', members: [{ user: 'ada@example.com', role: 'org:admin' }] }],
  })
})
afterAll(() => h.close())

const page = (path: string, query: Record<string, string> = {}) => {
  const url = new URL(`/accounts/${path}`, origin)
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value)
  return url.href
}

/** The settings a page hands its script (`data-config`), as the script reads them. */
async function configOf(hop: Hop) {
  const html = await hop.response.text()
  const attribute = /<div id="clerk-portal" data-config="([^"]*)"><\/div>/.exec(html)?.[1]
  expect(attribute).toBeDefined()
  const unescaped = attribute!
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
  return { html, config: JSON.parse(unescaped) as Record<string, unknown> }
}

/** A browser signed in on the backend as `email` (ClerkJS's sign-in from the app), holding its `__client` cookie. */
async function signedInBrowser(email: string): Promise<BrowserAgent> {
  const agent = new ClerkJsAgent(origin)
  expect((await agent.signInWithPassword(email, 'correct horse')).status).toBe(200)
  return agent.browser
}

describe('display_config', () => {
  it('names the hosted pages on the origin the browser reached the backend at; the other URLs stay empty', async () => {
    for (const base of [origin, h.clerk.browserUrl]) {
      const answer = await new ClerkJsAgent(base).call('GET', '/v1/environment')
      expect(answer.status).toBe(200)
      const display = answer.body.response.display_config
      expect(display).toMatchObject({
        sign_in_url: `${base}/accounts/sign-in`,
        sign_up_url: `${base}/accounts/sign-up`,
        user_profile_url: `${base}/accounts/user`,
        organization_profile_url: `${base}/accounts/organization`,
        create_organization_url: `${base}/accounts/create-organization`,
        after_sign_in_url: `${base}/accounts/user`,
        after_sign_up_url: `${base}/accounts/user`,
        home_url: '',
        after_sign_out_one_url: '',
        after_sign_out_all_url: '',
        after_create_organization_url: '',
        after_leave_organization_url: '',
      })
    }
  })
})

describe('the hosted pages', () => {
  it.each(['sign-in', 'sign-up'])(
    '/accounts/%s: ClerkJS from this server and the portal script, no inline script, a strict policy',
    async (path) => {
      const hop = await new BrowserAgent().request(page(path, { redirect_url: APP }))
      expect(hop.status).toBe(200)
      expect(hop.setCookies).toEqual([])
      const headers = Object.fromEntries(hop.response.headers)
      expect(headers).toMatchObject({
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': PORTAL_CSP,
        'x-frame-options': 'DENY',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'same-origin',
      })
      const { html } = await configOf(hop)
      // The ClerkJS the backend names in CLERK_JS, from the origin the page was reached at.
      expect(html.match(/<script[^>]*>/g)).toEqual([
        `<script src="${origin}${new URL(h.env.CLERK_JS!).pathname}" data-clerk-publishable-key="${h.clerk.publishableKey}" data-clerk-proxy-url="${origin}" defer>`,
        '<script src="/accounts/portal.js" defer>',
      ])
      expect(html).toContain(`<a class="back" href="${APP}">← Back to localhost:3000</a>`)
      expect(html).toContain(
        `<a href="/sign-in?${new URLSearchParams({ redirect_url: APP })}">Sign in without JavaScript</a>`,
      )
      expect(html).not.toContain(h.clerk.secretKey)
    },
  )

  it("sign-in: ClerkJS's redirect parameters, ranked as ClerkJS ranks them, become the component's props", async () => {
    const force = `${APP_ORIGIN}/forced`
    const fallback = `${APP_ORIGIN}/fallback`
    const query = { redirect_url: APP, sign_in_force_redirect_url: force, sign_up_fallback_redirect_url: fallback }
    const { config } = await configOf(await new BrowserAgent().request(page('sign-in', query)))
    expect(config).toEqual({
      mount: 'mountSignIn',
      props: {
        forceRedirectUrl: force,
        signUpForceRedirectUrl: APP,
        signUpUrl: `${page('sign-up')}?${new URLSearchParams({ redirect_url: APP, sign_in_force_redirect_url: force, sign_up_fallback_redirect_url: fallback })}`,
      },
      allowedRedirectOrigins: [APP_ORIGIN],
    })
  })

  it('sign-up: after signing up, then in; the sign-in link carries the parameters along', async () => {
    const { config } = await configOf(
      await new BrowserAgent().request(page('sign-up', { sign_up_fallback_redirect_url: APP })),
    )
    expect(config).toEqual({
      mount: 'mountSignUp',
      props: {
        forceRedirectUrl: APP,
        signInForceRedirectUrl: page('user'),
        signInUrl: page('sign-in', { sign_up_fallback_redirect_url: APP }),
      },
      allowedRedirectOrigins: [origin, APP_ORIGIN],
    })
  })

  it('without any redirect parameter, sign-in leads to the account page, and there is no way back to offer', async () => {
    const hop = await new BrowserAgent().request(page('sign-in'))
    expect(hop.status).toBe(200)
    const { html, config } = await configOf(hop)
    expect(config.props).toMatchObject({ forceRedirectUrl: page('user'), signUpForceRedirectUrl: page('user') })
    expect(config.allowedRedirectOrigins).toEqual([origin])
    expect(html).not.toContain('class="back"')
    expect(html).not.toContain('Sign in without JavaScript')
  })

  it.each(OPEN_REDIRECT_ATTEMPTS)(
    'refuses a redirect parameter that is %s (%s) with a readable 400 page',
    async (_name, target, kind) => {
      for (const name of ['redirect_url', 'sign_up_force_redirect_url']) {
        const hop = await new BrowserAgent().request(page('sign-in', { [name]: target }))
        expect(hop.status).toBe(400)
        const html = await hop.response.text()
        expect(html).toContain('<h1>Cannot continue</h1>')
        expect(html).toContain(
          kind === 'origin'
            ? `<p class="error" role="alert">${name} points to`
            : `<p class="error" role="alert">${name} must`,
        )
        expect(html).not.toContain('<script')
      }
    },
  )

  it("accepts this server's own hosted pages as redirect targets, and nothing else of its origin", async () => {
    const own = await new BrowserAgent().request(page('sign-in', { redirect_url: page('user', { redirect_url: APP }) }))
    expect(own.status).toBe(200)
    const { html, config } = await configOf(own)
    expect(config.props).toMatchObject({ forceRedirectUrl: page('user', { redirect_url: APP }) })
    // A way back to another hosted page is no way back to the app.
    expect(html).not.toContain('class="back"')
    const withUser = new URL(page('user'))
    withUser.username = 'user'
    for (const other of [
      `${origin}/sign-in`,
      `${origin}/v1/client`,
      `${h.clerk.browserUrl}/accounts/user`,
      withUser.href,
    ]) {
      expect((await new BrowserAgent().request(page('sign-in', { redirect_url: other }))).status).toBe(400)
    }
  })

  it.each(['user', 'organization', 'create-organization'])(
    '/accounts/%s sends a signed-out browser to sign in first, and back',
    async (path) => {
      const hop = await new BrowserAgent().request(page(path, { redirect_url: APP }))
      expect(hop.status).toBe(303)
      expect(hop.response.headers.get('cache-control')).toBe('no-store')
      // The empty fragment keeps the browser from carrying this page's fragment over to the sign-in page.
      expect(hop.response.headers.get('location')).toBe(
        `${page('sign-in', { redirect_url: page(path, { redirect_url: APP }) })}#`,
      )
      // Coming from the app without a redirect_url, the way back found in the Referer travels along.
      const referred = await new BrowserAgent().request(page(path), { headers: { referer: `${APP_ORIGIN}/` } })
      expect(referred.location).toBe(
        `${page('sign-in', { redirect_url: page(path, { redirect_url: `${APP_ORIGIN}/` }) })}#`,
      )
    },
  )

  it('/accounts/user, signed in: <UserProfile/>, with the app the browser came from as the way back', async () => {
    const browser = await signedInBrowser('grace@example.com')
    const hop = await browser.request(page('user'), { headers: { referer: `${APP_ORIGIN}/settings` } })
    expect(hop.status).toBe(200)
    expect(hop.response.headers.get('content-security-policy')).toBe(PORTAL_CSP)
    const { html, config } = await configOf(hop)
    expect(config).toEqual({
      mount: 'mountUserProfile',
      props: {},
      allowedRedirectOrigins: [origin, APP_ORIGIN],
      signInUrl: page('sign-in', { redirect_url: page('user', { redirect_url: `${APP_ORIGIN}/settings` }) }),
    })
    expect(html).toContain(`<a class="back" href="${APP_ORIGIN}/settings">← Back to localhost:3000</a>`)
    expect(html).not.toContain('Sign in without JavaScript')
  })

  it('a Referer from an origin that is not allowed, or from this server, is no way back', async () => {
    const browser = await signedInBrowser('grace@example.com')
    for (const referer of ['https://evil.example/', `${origin}/accounts/sign-in`]) {
      const { html } = await configOf(await browser.request(page('user'), { headers: { referer } }))
      expect(html).not.toContain('class="back"')
    }
  })

  it('/accounts/organization and /accounts/create-organization, signed in: where leaving and creating lead', async () => {
    const browser = await signedInBrowser('ada@example.com')
    const organization = await configOf(await browser.request(page('organization', { redirect_url: APP })))
    expect(organization.config).toMatchObject({
      mount: 'mountOrganizationProfile',
      props: { afterLeaveOrganizationUrl: APP },
      noOrganization: expect.stringMatching(/^No organization is active in this session\./),
    })
    const create = await configOf(await browser.request(page('create-organization')))
    expect(create.config).toMatchObject({
      mount: 'mountCreateOrganization',
      props: { afterCreateOrganizationUrl: page('organization') },
    })
  })

  it('/accounts/portal.js: a script of this server, revalidated on every use', async () => {
    const hop = await new BrowserAgent().request(`${origin}/accounts/portal.js`, { document: false })
    expect(hop.status).toBe(200)
    expect(Object.fromEntries(hop.response.headers)).toMatchObject({
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    })
    const source = await hop.response.text()
    expect(source).toContain('"redirect_url","sign_in_force_redirect_url","sign_in_fallback_redirect_url"')
    expect(() => new Function(source)).not.toThrow()
  })

  describe('with another ClerkJS', () => {
    /** A second backend, started (as the library, or as the CLI with its flags) with `options`; closed after `work`. */
    async function withBackend(options: Parameters<typeof startHarness>[0], work: (other: Harness) => Promise<void>) {
      const other = await startHarness({ allowedOrigins: [APP_ORIGIN], ...options })
      try {
        await work(other)
      } finally {
        await other.close()
      }
    }

    it('ClerkJS 6 (the clerkJs option, start --clerk-js 6): @clerk/ui is loaded before it, for the script to hand to Clerk.load()', async () => {
      // What `clerk-js install 5 6` (this project's globalSetup) put on this machine.
      const bundles = findServedBundles().bundles
      const six = bundles.find((bundle) => bundle.name === '@clerk/clerk-js' && bundle.major === '6')
      const ui = bundles.find((bundle) => bundle.name === '@clerk/ui')
      if (!six || !ui)
        throw new Error(
          'No ClerkJS 6 or @clerk/ui in the cache: run `npm run clerk-js` (remix-clerk-local clerk-js install 5 6).',
        )
      await withBackend({ clerkJs: '6' }, async (other) => {
        expect(other.env.CLERK_JS).toBe(
          `${other.clerk.browserUrl}/npm/@clerk/clerk-js@${six.version}/dist/clerk.browser.js`,
        )
        const hop = await new BrowserAgent().request(
          `${other.clerk.url}/accounts/sign-in?${new URLSearchParams({ redirect_url: APP })}`,
        )
        const { html } = await configOf(hop)
        expect(html.match(/<script src="[^"]*"/g)).toEqual([
          `<script src="${other.clerk.url}/npm/@clerk/ui@${ui.version}/dist/ui.browser.js"`,
          `<script src="${other.clerk.url}/npm/@clerk/clerk-js@${six.version}/dist/clerk.browser.js"`,
          '<script src="/accounts/portal.js"',
        ])
      })
    })

    it('without ClerkJS (none installed, an empty cache), a page says how to get it, and where to sign in without it', async () => {
      const emptyCache = mkdtempSync(join(tmpdir(), 'local-clerk-no-clerk-js-'))
      try {
        // This repository installs no @clerk/clerk-js, so the cache is the only place the backend could find one.
        expect(findServedBundles(undefined, emptyCache).clerkJs).toBeUndefined()
        await withBackend({ environment: { [CACHE_ENV]: emptyCache } }, async (other) => {
          expect(other.env.CLERK_JS).toBeUndefined()
          const hop = await new BrowserAgent().request(
            `${other.clerk.url}/accounts/sign-in?${new URLSearchParams({ redirect_url: APP })}`,
          )
          expect(hop.status).toBe(503)
          const html = await hop.response.text()
          expect(html).toContain('<h1>ClerkJS is not installed</h1>')
          expect(html).toContain(
            'Download it once with npx remix-clerk-local clerk-js install (add 6 for ClerkJS 6 with @clerk/ui)',
          )
          expect(html).not.toContain('npm install')
          expect(html).toContain('/sign-in?redirect_url=')
        })
      } finally {
        rmSync(emptyCache, { recursive: true, force: true })
      }
    })
  })
})

describe("ClerkJS on this server's own pages", () => {
  it('may call the Frontend API from its own origin, whatever the allowed origins; other origins still may not', async () => {
    const own = new ClerkJsAgent(origin, origin)
    expect((await own.call('GET', '/v1/environment')).status).toBe(200)
    expect((await own.signInWithPassword('grace@example.com', 'correct horse')).status).toBe(200)
    const other = await new ClerkJsAgent(origin, 'http://localhost:3001').call('POST', '/v1/client/sign_ins', {
      identifier: 'grace@example.com',
    })
    expect(other.status).toBe(403)
    expect(other.body.errors[0].code).toBe('origin_not_allowed')
  })
})

describe('the no-JavaScript /sign-in page', () => {
  it('without redirect_url, runs the portal script to read one after #, under a policy that allows only scripts of its own', async () => {
    const hop = await new BrowserAgent().request(`${origin}/sign-in`)
    expect(hop.status).toBe(400)
    expect(hop.response.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; script-src 'self'",
    )
    const html = await hop.response.text()
    expect(html.match(/<script[^>]*>/g)).toEqual(['<script src="/accounts/portal.js" defer>'])
    expect(html).toContain('redirect_url is missing.')
  })

  it('with a redirect_url it refuses, or one it accepts, runs no script', async () => {
    for (const query of [
      `?redirect_url=${encodeURIComponent('https://evil.example/')}`,
      `?redirect_url=${encodeURIComponent(APP)}`,
    ]) {
      const hop = await new BrowserAgent().request(`${origin}/sign-in${query}`)
      expect(hop.response.headers.get('content-security-policy')).toBe(
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
      )
      expect(await hop.response.text()).not.toContain('<script')
    }
  })
})
