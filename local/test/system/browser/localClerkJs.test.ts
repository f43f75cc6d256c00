import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cookieSuffix } from '../../../src/http/appCookies.js'
import type { LocalClerk } from '../../../src/index.js'
import { type AppAnswer, type OfficialApp, startOfficialApp } from '../../helpers/officialApp.js'
import { type Harness, decodePart, startHarness } from '../../helpers/harness.js'
import { browserUnavailableReason, launchChromium } from '../../../../test/helpers/chromium.js'

/**
 * `/local-clerk.js` in a real Chromium, in the setup the example app uses: the app on `http://localhost:<port>`
 * and the local backend listening on 127.0.0.1, reached by the browser as `http://localhost:<port>` (its proxy URL,
 * the same site as the app, so the browser sends the backend's `__client` cookie with the script's refresh). The
 * app's server is the official `@clerk/backend` `authenticateRequest`, with that proxy URL. Session tokens live
 * 6 s here, so refreshes come every 3 s. The backend is started by `startHarness` (the library, or the CLI process).
 */
const missing = browserUnavailableReason()
const LIFETIME_SECONDS = 6

describe.skipIf(missing !== undefined)('/local-clerk.js in Chromium', () => {
  /** Shifts the clock of `clerk`, to mint a stale token (and, as the library, of the server). */
  let offset = 0
  let h: Harness
  let clerk: LocalClerk
  let app: OfficialApp
  let browser: Awaited<ReturnType<typeof launchChromium>>
  let context: BrowserContext
  let suffix: string
  /** The backend under the app's host name: where the browser signs in, handshakes and refreshes. */
  let frontend: string

  beforeAll(async () => {
    h = await startHarness({ sessionLifetime: LIFETIME_SECONDS, now: () => Date.now() + offset })
    clerk = h.clerk
    frontend = h.env.CLERK_PROXY_URL!
    suffix = cookieSuffix(clerk.publishableKey)
    app = await startOfficialApp(clerk, {
      host: 'localhost',
      proxyUrl: frontend,
      page: (answer) =>
        `<!doctype html><html lang="en"><title>App</title><script src="${frontend}/local-clerk.js" defer></script><pre id="state">${JSON.stringify(answer)}</pre></html>`,
    })
    browser = await launchChromium()
    context = browser.context
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
    await h?.close()
  })

  const appCookies = async () => Object.fromEntries((await context.cookies(app.url)).map((c) => [c.name, c]))
  const whoami = (page: Page) => page.evaluate(async () => (await (await fetch('/whoami')).json()) as AppAnswer)

  /** Through the real sign-in page: type the address, press Continue, land back in the app signed in. */
  async function signIn(page: Page, email: string): Promise<AppAnswer> {
    await page.goto(`${frontend}/sign-in?redirect_url=${encodeURIComponent(`${app.url}/`)}`)
    await page.getByRole('textbox', { name: 'E-mail address' }).fill(email)
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.waitForURL((url) => url.origin === app.url)
    const state = JSON.parse((await page.locator('#state').textContent())!) as AppAnswer
    expect(state.status).toBe('signed-in')
    return state
  }

  it(
    'keeps __session fresh past its lifetime, with the __client cookie as the credential',
    { timeout: 60_000 },
    async () => {
      const page = await context.newPage()
      const refreshRequest = page.waitForRequest(
        (r) => r.method() === 'POST' && r.url().includes('/v1/client/sessions/'),
        { timeout: 20_000 },
      )
      const signedIn = await signIn(page, 'browser.refresh@example.com')
      const first = (await appCookies()).__session!
      expect(first.httpOnly).toBe(false)
      expect(first.sameSite).toBe('Lax')
      const firstClaims = decodePart(first.value, 1) as { iat: number; exp: number; sid: string }

      const request = await refreshRequest
      expect(request.url()).toBe(`${frontend}/v1/client/sessions/${signedIn.sessionId}/tokens`)
      const sent = await request.allHeaders()
      expect(sent.origin).toBe(app.url)
      // Same site as the page, so the SameSite=Lax, HttpOnly __client cookie comes along; no token is sent.
      expect(sent.cookie).toMatch(/(^|; )__client=\w{43}(;|$)/)
      expect(sent.authorization).toBeUndefined()
      expect((await request.response())!.status()).toBe(200)

      // Past the first token's expiry plus the SDK's 5 s of leeway, the app still sees the same session.
      await page.waitForFunction((deadline) => Date.now() > deadline, (firstClaims.exp + 6) * 1000, { timeout: 30_000 })
      const later = await whoami(page)
      expect(later).toMatchObject({ status: 'signed-in', userId: signedIn.userId, sessionId: signedIn.sessionId })
      expect(later.iat).toBeGreaterThan(firstClaims.iat)

      const cookies = await appCookies()
      expect(cookies.__session!.value).not.toBe(first.value)
      expect(cookies[`__session_${suffix}`]!.value).toBe(cookies.__session!.value)
      expect(decodePart(cookies.__session!.value, 1)).toMatchObject({ sid: signedIn.sessionId, azp: app.url })
      await page.close()
    },
  )

  it('on the tab becoming visible, an expired token is refreshed at once', { timeout: 30_000 }, async () => {
    const page = await context.newPage()
    // The page's timers run on a clock we pause once signed in, so only the visibilitychange handler can act.
    await page.clock.install()
    const signedIn = await signIn(page, 'browser.visible@example.com')
    await page.clock.pauseAt(Date.now() + 1000)
    offset = -10 * 60_000
    const stale = await clerk.getToken(signedIn.sessionId!, { origin: app.url })
    offset = 0
    await context.addCookies(
      ['__session', `__session_${suffix}`].map((name) => ({
        name,
        value: stale,
        url: app.url,
        sameSite: 'Lax' as const,
      })),
    )
    const refreshed = page.waitForResponse((r) => r.url().includes('/tokens'))
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')))
    expect((await refreshed).status()).toBe(200)
    await page.waitForFunction((old) => !document.cookie.includes(old), stale)
    const fresh = (await appCookies()).__session!.value
    expect(decodePart(fresh, 1)).toMatchObject({ sid: signedIn.sessionId, sub: signedIn.userId, azp: app.url })
    expect(decodePart(fresh, 1).iat).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) - 5)
    await page.close()
  })

  it(
    'after sign-out the refresh is refused and the cookie left for the handshake to clear',
    { timeout: 30_000 },
    async () => {
      const page = await context.newPage()
      await signIn(page, 'browser.signout@example.com')
      const other = await context.newPage()
      await other.goto(`${frontend}/sign-out`)
      expect(await other.locator('h1').textContent()).toBe('Signed out')
      // No refresh can succeed from here on, so the cookie stays what it is now.
      const before = (await appCookies()).__session!.value
      expect(
        await page.evaluate(() =>
          (window as unknown as { remixClerkLocal: { refresh(): Promise<string> } }).remixClerkLocal.refresh(),
        ),
      ).toBe('refused')
      expect((await appCookies()).__session!.value).toBe(before)
      await other.close()
      await page.close()
    },
  )
})
