// Clerk's own browser SDK and components in the example app, in Chromium, fully offline: ClerkJS comes from the local
// backend (CLERK_JS) and talks to its Frontend API (CLERK_PROXY_URL), the app's server runs remix-clerk. One
// visitor's story, each step starting where the previous one left the browser. Session tokens live 6 s here, so
// ClerkJS's background refresh runs for real.
import { createClerkClient } from '@clerk/backend'
import { createLocalJWKSet, decodeJwt, jwtVerify, type JWTPayload } from 'jose'
import type { BrowserContext, Page } from 'playwright-core'
import { getAuth } from 'remix-clerk/ssr.server'
import { beforeAll, describe, expect, it } from 'vitest'
import { browserUnavailableReason } from '../../test/helpers/chromium'
import { DEMO_ADMIN_EMAIL, DEMO_EMAIL_CODE, DEMO_MEMBER_EMAIL, DEMO_PASSWORD } from '../scripts/demoSeed.mjs'
import { screenshotter } from './helpers/screenshots'
import { useBrowserStory } from './helpers/browserStory'
import type { Stack } from './helpers/stack'

const SESSION_LIFETIME_SECONDS = 6
/** The verifiers' default clock skew: a token is refused only this long after its `exp`. */
const CLOCK_SKEW_SECONDS = 5

const unavailable = browserUnavailableReason()

describe.skipIf(unavailable !== undefined)("Clerk's components on the local backend, in Chromium", () => {
  const story = useBrowserStory({ sessionLifetime: SESSION_LIFETIME_SECONDS, stepTimeoutMs: 30_000 })
  let stack: Stack
  let context: BrowserContext
  let page: Page
  const screenshot = screenshotter('clerkjs')
  const httpErrors: string[] = []
  /** ClerkJS's calls to the Frontend API, as `METHOD path` (`_method` applied). */
  const fapiCalls: string[] = []

  beforeAll(() => {
    ;({ stack, context, page } = story)
    page.on('response', (response) => {
      const url = new URL(response.url())
      if (response.status() >= 400)
        httpErrors.push(`${response.status()} ${response.request().method()} ${url.pathname}`)
      if (url.origin === stack.frontendUrl && url.pathname.startsWith('/v1/')) {
        fapiCalls.push(`${url.searchParams.get('_method') ?? response.request().method()} ${url.pathname}`)
      }
    })
  })

  const appUrl = (path: string) => `${stack.app.url}${path}`
  const verify = async (jwt: string): Promise<JWTPayload> =>
    (await jwtVerify(jwt, createLocalJWKSet(stack.clerk.jwks), { algorithms: ['RS256'] })).payload
  const serverView = () => page.getByTestId('auth-status').getAttribute('data-state')
  const cookieHeader = async () => (await context.cookies(stack.app.url)).map((c) => `${c.name}=${c.value}`).join('; ')
  /** Clerk's one-time-code field: typing fills its boxes and submits. */
  const typeCode = async (code: string) => {
    await page.getByRole('textbox', { name: 'Enter verification code' }).waitFor()
    await page.keyboard.type(code)
  }

  it('signs in with <SignIn/> and a password; a wrong one is shown on the password field', async () => {
    await page.goto(appUrl('/dashboard'))
    await page.waitForURL(appUrl(`/sign-in?redirect_url=${encodeURIComponent(appUrl('/dashboard'))}`))
    await page.getByRole('heading', { name: 'Sign in to remix-clerk-local' }).waitFor()
    expect(await serverView()).toBe('signed-out')
    await screenshot(page, 'sign-in')

    await page.getByLabel('Email address').fill(DEMO_ADMIN_EMAIL)
    await page.getByRole('button', { name: 'Continue', exact: true }).click()
    await page.getByRole('heading', { name: 'Enter your password' }).waitFor()
    await page.getByLabel('Password', { exact: true }).fill('not the password')
    await page.getByRole('button', { name: 'Continue', exact: true }).click()
    await expect(page.locator('#error-password').innerText()).resolves.toBe(
      'Password is incorrect. Try again, or use another method.',
    )
    await screenshot(page, 'sign-in-wrong-password')

    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: 'Continue', exact: true }).click()
    await page.waitForURL(appUrl('/dashboard'))
    await expect(page.getByTestId('user-id').innerText()).resolves.toBe(stack.adminId)
    await expect(page.getByTestId('viewer-name').innerText()).resolves.toBe('Ada Lovelace')
    // ClerkJS wrote the session token on the app's site; the backend set __client_uat there.
    const cookies = Object.fromEntries((await context.cookies(stack.app.url)).map((c) => [c.name, c]))
    expect(cookies.__session!.httpOnly).toBe(false)
    expect(cookies.__client!.httpOnly).toBe(true)
    expect(Number(cookies.__client_uat!.value)).toBeGreaterThan(0)
    expect(await verify(cookies.__session!.value)).toMatchObject({ sub: stack.adminId, azp: stack.app.url })
  })

  it("the browser's cookies are accepted by the app's getAuth and by @clerk/backend's authenticateRequest", async () => {
    const cookie = await cookieHeader()
    const withCookies = () =>
      new Request(appUrl('/dashboard'), { headers: { cookie, accept: 'text/html', 'sec-fetch-dest': 'document' } })
    const keys = { secretKey: stack.clerk.secretKey, publishableKey: stack.clerk.publishableKey }
    const ours = await getAuth(
      { request: withCookies(), context: {}, params: {} },
      { ...keys, apiUrl: stack.clerk.apiUrl, proxyUrl: stack.frontendUrl },
    )
    expect(ours).toMatchObject({ userId: stack.adminId, isAuthenticated: true })

    const official = await createClerkClient({ ...keys, apiUrl: stack.clerk.apiUrl }).authenticateRequest(
      withCookies(),
      {
        proxyUrl: stack.frontendUrl,
      },
    )
    expect(official.status).toBe('signed-in')
    expect(official.toAuth()).toMatchObject({ userId: stack.adminId, sessionId: ours.sessionId })
  })

  it('session.getToken({ template }) in the browser mints a template token for the session', async () => {
    const jwt = await page.evaluate(() => window.Clerk!.session!.getToken({ template: 'test' }))
    const claims = await verify(jwt!)
    expect(claims).toMatchObject({
      sub: stack.adminId,
      aud: 'remix-clerk-example',
      email: DEMO_ADMIN_EMAIL,
      azp: stack.app.url,
    })
    expect(claims.exp! - claims.iat!).toBe(60)
  })

  it("keeps the page signed in past two token lifetimes with ClerkJS's background refresh", async () => {
    const first = decodeJwt((await context.cookies(stack.app.url)).find((c) => c.name === '__session')!.value)
    const refreshesBefore = fapiCalls.filter((call) => call.endsWith('/tokens')).length
    // Two lifetimes and the verifiers' leeway after the token the page started with: long dead by now.
    await page.waitForTimeout(
      Math.max(0, (first.exp! + SESSION_LIFETIME_SECONDS + CLOCK_SKEW_SECONDS + 1) * 1000 - Date.now()),
    )

    expect(fapiCalls.filter((call) => call.endsWith('/tokens')).length - refreshesBefore).toBeGreaterThanOrEqual(2)
    const current = decodeJwt((await context.cookies(stack.app.url)).find((c) => c.name === '__session')!.value)
    expect(current.sid).toBe(first.sid)
    expect(current.exp! * 1000).toBeGreaterThan(Date.now())
    // A client-side navigation loads its data with fetch, which cannot take a handshake: it works signed in.
    await page.getByRole('link', { name: 'Organization', exact: true }).click()
    await page.waitForURL(appUrl('/organization'))
    await expect(page.getByTestId('viewer-name').innerText()).resolves.toBe('Ada Lovelace')
    await expect(page.getByTestId('no-org').isVisible()).resolves.toBe(true)
  })

  it("switches the active organization with <OrganizationSwitcher/>, and the server's orgId follows", async () => {
    await page.getByRole('button', { name: 'Open organization switcher' }).click()
    await page.getByRole('menuitem', { name: /Acme/ }).waitFor()
    await screenshot(page, 'organization-switcher')
    await page.getByRole('menuitem', { name: /Acme/ }).click()

    await page.getByTestId('org-slug').waitFor()
    await expect(page.getByTestId('org-slug').innerText()).resolves.toBe('acme')
    await expect(page.getByTestId('org-role').innerText()).resolves.toBe('org:admin')
    await expect(page.getByTestId('admin-section').isVisible()).resolves.toBe(true)
    const token = (await context.cookies(stack.app.url)).find((c) => c.name === '__session')!.value
    expect((await verify(token)).o).toMatchObject({ slg: 'acme', rol: 'admin' })
    await screenshot(page, 'organization-acme')

    await page.getByRole('button', { name: 'Open organization switcher' }).click()
    await page.getByRole('menuitem', { name: /Personal account/ }).click()
    await page.getByTestId('no-org').waitFor()
  })

  it('signs out with <UserButton/>: the server sees nobody, and the session is over', async () => {
    const sessionId = decodeJwt((await context.cookies(stack.app.url)).find((c) => c.name === '__session')!.value)
      .sid as string
    await page.getByRole('button', { name: 'Open user menu' }).click()
    await page.getByRole('menuitem', { name: 'Sign out' }).waitFor()
    await screenshot(page, 'user-button')
    await page.getByRole('menuitem', { name: 'Sign out' }).click()

    await page.waitForURL(appUrl('/'))
    await page.locator('[data-testid="auth-status"][data-state="signed-out"]').waitFor()
    await expect(page.getByTestId('auth-state-value').innerText()).resolves.toBe('Signed out')
    const cookies = Object.fromEntries((await context.cookies(stack.app.url)).map((c) => [c.name, c.value]))
    expect(cookies.__session).toBeUndefined()
    expect(cookies.__client_uat).toBe('0')
    const session = await fetch(`${stack.clerk.apiUrl}/v1/sessions/${sessionId}`, {
      headers: { authorization: `Bearer ${stack.clerk.secretKey}` },
    })
    expect(((await session.json()) as { status: string }).status).toBe('ended')
  })

  it('signs in with <SignIn/> and the e-mail code (always 424242 here)', async () => {
    await page.getByRole('link', { name: 'Sign in', exact: true }).click()
    await page.getByLabel('Email address').fill(DEMO_MEMBER_EMAIL)
    await page.getByRole('button', { name: 'Continue', exact: true }).click()
    await page.getByText('Use another method').click()
    await page.getByRole('button', { name: `Email code to ${DEMO_MEMBER_EMAIL}` }).click()
    await page.getByRole('heading', { name: 'Check your email' }).waitFor()
    await screenshot(page, 'sign-in-email-code')
    await typeCode(DEMO_EMAIL_CODE)

    await page.waitForURL(appUrl('/dashboard'))
    await expect(page.getByTestId('user-id').innerText()).resolves.toBe(stack.memberId)
    await expect(page.getByTestId('viewer-name').innerText()).resolves.toBe('Grace Hopper')
  })

  it('signs up with <SignUp/>: e-mail address and password, verified with the e-mail code', async () => {
    await page.evaluate(() => window.Clerk!.signOut())
    await page.waitForURL(appUrl('/'))
    await page.getByRole('link', { name: 'Sign up', exact: true }).click()
    await page.getByRole('heading', { name: 'Create your account' }).waitFor()
    await screenshot(page, 'sign-up')
    await page.getByLabel('First name').fill('Katherine')
    await page.getByLabel('Last name').fill('Johnson')
    await page.getByLabel('Email address').fill('katherine@example.com')
    await page.getByLabel('Password', { exact: true }).fill('a long password')
    await page.getByRole('button', { name: 'Continue', exact: true }).click()
    await page.getByRole('heading', { name: 'Verify your email' }).waitFor()
    await screenshot(page, 'sign-up-verify-email')
    await typeCode(DEMO_EMAIL_CODE)

    await page.waitForURL(appUrl('/dashboard'))
    await expect(page.getByTestId('user-email').innerText()).resolves.toBe('katherine@example.com')
    await expect(page.getByTestId('viewer-name').innerText()).resolves.toBe('Katherine Johnson')
    await screenshot(page, 'dashboard-after-sign-up')
  })

  it('ran the whole story without an error in a page or the console and without a failed request, but for the wrong password', () => {
    const wrongPassword = /\/v1\/client\/sign_ins\/sia_\w+\/attempt_first_factor/
    expect(httpErrors).toEqual([expect.stringMatching(new RegExp(`^422 POST ${wrongPassword.source}$`))])
    expect(story.pageErrors).toEqual([])
    expect(story.failedRequests).toEqual([])
    // Chromium logs every 4xx answer as a console error: that one, and nothing else.
    expect(story.consoleErrors).toEqual([
      expect.stringMatching(
        new RegExp(`^Failed to load resource: the server responded with a status of 422 .*${wrongPassword.source}`),
      ),
    ])
  })
})

declare global {
  interface Window {
    Clerk?: {
      session?: { getToken(options?: { template?: string }): Promise<string | null> } | null
      signOut(): Promise<void>
    }
  }
}
