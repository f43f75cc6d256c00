import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type ClerkJsBundle, clerkJsUrl, findServedBundles } from '../../../src/clerkJsBundles/clerkJsBundle.js'
import type { BackendOptions } from '../../helpers/backend.js'
import { type AppAnswer, type OfficialApp, startOfficialApp } from '../../helpers/officialApp.js'
import { type Harness, startHarness } from '../../helpers/harness.js'
import { browserUnavailableReason, launchChromium } from '../../../../test/helpers/chromium.js'

/**
 * The hosted pages in Chromium, from a page of an app that loads ClerkJS itself (no framework): ClerkJS 5 pointed
 * at the no-JavaScript `/sign-in` page (which finds `redirect_url` after `#`), ClerkJS 6 using the hosted sign-in
 * page that `display_config` names, and the hosted page running ClerkJS 6 itself, on a backend started with
 * `clerkJs: '6'` (`start --clerk-js 6`). The app's server is the official `@clerk/backend` (`authenticateRequest`), so
 * "signed in" is what a server SDK sees. Each backend is started by `startHarness` (the library, or the CLI process)
 * and reached by the browser as `localhost` (its `CLERK_PROXY_URL`), the app's site. The Remix app's own story is
 * example/test/accountPortal.test.ts.
 */
const bundles = findServedBundles().bundles
const clerkJs6 = bundles.find((bundle) => bundle.name === '@clerk/clerk-js' && bundle.major === '6')
const ui = bundles.find((bundle) => bundle.name === '@clerk/ui')
const missing =
  browserUnavailableReason() ??
  (clerkJs6 && ui
    ? undefined
    : 'No ClerkJS 6 or @clerk/ui in the cache: run `npm run clerk-js` (remix-clerk-local clerk-js install 5 6)')
const PASSWORD = 'correct horse battery'

/** A backend with its user, and the app on it. */
interface Site {
  h: Harness
  app: OfficialApp
  /** The backend as the browser reaches it: `CLERK_PROXY_URL`. */
  frontend: string
  /** Sets the app's page: ClerkJS 5 or 6, with the options its `Clerk.load()` gets. */
  showing(page: (answer: AppAnswer) => string): void
}

describe.skipIf(missing !== undefined)('the local Account Portal in Chromium', () => {
  let site: Site
  let browser: Awaited<ReturnType<typeof launchChromium>>
  const problems: string[] = []

  /** A backend started with `options` (the browser keeps real time, so the backend does too), its user, and an app. */
  async function startSite(options: BackendOptions = {}): Promise<Site> {
    const h = await startHarness({ now: () => Date.now(), ...options })
    h.clerk.seed({ users: [{ email_address: 'ada@example.com', password: PASSWORD }] })
    const frontend = h.env.CLERK_PROXY_URL!
    let appPage = (_answer: AppAnswer) => ''
    const app = await startOfficialApp(h.clerk, {
      host: 'localhost',
      proxyUrl: frontend,
      page: (answer) => appPage(answer),
    })
    return { h, app, frontend, showing: (page) => (appPage = page) }
  }

  const closeSite = async (closing: Site | undefined) => {
    await closing?.app?.close()
    await closing?.h.close()
  }

  beforeAll(async () => {
    site = await startSite()
    browser = await launchChromium()
  })
  afterEach(() => browser.context.clearCookies())
  afterAll(async () => {
    await browser?.close()
    await closeSite(site)
  })

  /** A page of the app: the scripts at `paths` on the backend (ClerkJS, and for ClerkJS 6 its UI), loaded with `loadOptions`. */
  function clerkPage(on: Site, paths: string[], loadOptions: string) {
    return (answer: AppAnswer) => `<!doctype html><html lang="en"><title>App</title>
${paths.map((path) => `<script src="${on.frontend}${path}" data-clerk-publishable-key="${on.h.clerk.publishableKey}" data-clerk-proxy-url="${on.frontend}"></script>`).join('\n')}
<pre id="state">${JSON.stringify(answer)}</pre>
<script>addEventListener('load', async () => { await Clerk.load(${loadOptions}); document.body.dataset.ready = '1' })</script></html>`
  }

  /** The path of a bundle's entry file under the backend's `/npm/`. */
  const npmPath = (bundle: ClerkJsBundle) => new URL(clerkJsUrl('http://backend', bundle)).pathname
  /** The path of the ClerkJS a backend names in CLERK_JS. */
  const servedClerkJsPath = (on: Site) => new URL(on.h.env.CLERK_JS!).pathname

  async function openApp(on: Site): Promise<Page> {
    const page = await browser.context.newPage()
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`${page.url()}: ${message.text()}`)
    })
    page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`))
    await page.goto(`${on.app.url}/start`)
    await page.waitForFunction(() => document.body.dataset.ready === '1')
    return page
  }

  async function backInTheApp(page: Page, on: Site): Promise<AppAnswer> {
    await page.waitForURL(`${on.app.url}/start`)
    await page.waitForFunction(() => document.body.dataset.ready === '1')
    return JSON.parse((await page.locator('#state').textContent())!) as AppAnswer
  }

  const redirectToSignIn = (page: Page) =>
    page.evaluate(() =>
      (window as unknown as { Clerk: { redirectToSignIn(): Promise<void> } }).Clerk.redirectToSignIn(),
    )

  async function signInWithPassword(page: Page) {
    await page.getByLabel('Email address').fill('ada@example.com')
    await page.getByRole('button', { name: 'Continue', exact: true }).click()
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: 'Continue', exact: true }).click()
  }

  it('ClerkJS pointed at the no-JavaScript /sign-in: the page reads redirect_url after #, and signs the browser in', async () => {
    site.showing(clerkPage(site, [servedClerkJsPath(site)], JSON.stringify({ signInUrl: `${site.frontend}/sign-in` })))
    const page = await openApp(site)
    await redirectToSignIn(page)
    // ClerkJS wrote `/sign-in#/?redirect_url=…`; the script moved it into the query, where the server reads it.
    await page.waitForURL(
      `${site.frontend}/sign-in?${new URLSearchParams({ redirect_url: `${site.app.url}/start` })}#/`,
    )
    await page.getByRole('textbox', { name: 'E-mail address' }).fill('ada@example.com')
    await page.getByRole('button', { name: 'Continue' }).click()
    expect(await backInTheApp(page, site)).toMatchObject({ status: 'signed-in' })
    await page.close()
  })

  it('ClerkJS 6 in the app: redirectToSignIn() goes to the hosted page display_config names, and back signed in', async () => {
    site.showing(
      clerkPage(site, [npmPath(ui!), npmPath(clerkJs6!)], '{ ui: { ClerkUI: window.__internal_ClerkUICtor } }'),
    )
    const page = await openApp(site)
    await redirectToSignIn(page)
    await page.waitForURL(
      `${site.frontend}/accounts/sign-in?${new URLSearchParams({ redirect_url: `${site.app.url}/start` })}#/`,
    )
    await signInWithPassword(page)
    expect(await backInTheApp(page, site)).toMatchObject({ status: 'signed-in' })
    await page.close()
  })

  it('the hosted page on ClerkJS 6 (with @clerk/ui), when that is the ClerkJS the backend serves (clerkJs: 6)', async () => {
    const six = await startSite({ clerkJs: '6' })
    try {
      expect(servedClerkJsPath(six)).toBe(npmPath(clerkJs6!))
      // The app still loads the ClerkJS 5 the first backend names; this backend serves it too, under its version.
      six.showing(clerkPage(six, [servedClerkJsPath(site)], '{}'))
      const page = await openApp(six)
      const loaded: string[] = []
      page.on('response', (response) => {
        const { pathname } = new URL(response.url())
        if (pathname.startsWith('/npm/')) loaded.push(pathname.split('/dist/')[0]!)
      })
      await redirectToSignIn(page)
      await page.waitForURL((url) => url.pathname === '/accounts/sign-in' && url.search !== '')
      await signInWithPassword(page)
      expect(await backInTheApp(page, six)).toMatchObject({ status: 'signed-in' })
      expect(new Set(loaded)).toEqual(
        new Set([npmPath(clerkJs6!), npmPath(ui!), servedClerkJsPath(site)].map((path) => path.split('/dist/')[0]!)),
      )
      await page.close()
    } finally {
      await closeSite(six)
    }
  })

  /** The Backend API of the first backend, as the app's server calls it. */
  const bapi = async (method: string, path: string, body?: unknown) =>
    (await site.h.call(method, path, body === undefined ? {} : { body })).body

  it(
    "a sign-in token's url: the hosted sign-in page signs in with the ticket and goes back to the app's redirect_url",
    { timeout: 60_000 },
    async () => {
      site.showing(clerkPage(site, [servedClerkJsPath(site)], '{}'))
      const ada = (await bapi('GET', '/v1/users?email_address=ada@example.com'))[0]
      const token = await bapi('POST', '/v1/sign_in_tokens', { user_id: ada.id })
      const page = await browser.context.newPage()
      page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`))
      await page.goto(`${token.url}&redirect_url=${encodeURIComponent(`${site.app.url}/start`)}`)
      expect(await backInTheApp(page, site)).toMatchObject({ status: 'signed-in', userId: ada.id })
      await page.close()
      // Used up by that sign-in.
      expect((await fetch(token.url, { redirect: 'manual' })).status).toBe(410)
    },
  )

  it(
    'an application invitation without redirect_url: its link opens the hosted sign-up page, which signs up with the ticket',
    { timeout: 60_000 },
    async () => {
      const invitation = await bapi('POST', '/v1/invitations', {
        email_address: 'invited@example.com',
        public_metadata: { plan: 'beta' },
      })
      const page = await browser.context.newPage()
      page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`))
      await page.goto(invitation.url)
      await page.waitForURL((url) => url.pathname === '/accounts/sign-up')
      // The invited address comes from the ticket, verified; only the password is asked for.
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
      await page.getByRole('button', { name: 'Continue', exact: true }).click()
      // Without a redirect_url, a sign-up ends on the account page.
      await page.waitForURL((url) => url.pathname === '/accounts/user')
      const [user] = await bapi('GET', '/v1/users?email_address=invited@example.com')
      expect(user).toMatchObject({ public_metadata: { plan: 'beta' }, password_enabled: true })
      expect((await bapi('GET', '/v1/invitations?status=accepted')).map((i: { id: string }) => i.id)).toEqual([
        invitation.id,
      ])
      await page.close()
    },
  )

  it('showed no error in a page or the console but the 400 of /sign-in without redirect_url: nothing broke a policy', () => {
    // What the page says without JavaScript (redirect_url is missing) comes with its status; Chromium logs that.
    const missingRedirect =
      /\/sign-in#\/\?redirect_url=\S+: Failed to load resource: the server responded with a status of 400 \(Bad Request\)$/
    expect(problems.filter((problem) => !missingRedirect.test(problem))).toEqual([])
    expect(problems).toHaveLength(1)
  })
})
