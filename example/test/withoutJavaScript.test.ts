// The example app in Chromium with JavaScript off: what the server does alone, with no ClerkJS to keep cookies fresh
// or to switch organizations. Signing in goes through the local backend's pages (plain forms). Organization sync
// switches the active organization from the URL; a page loaded after the session token expired stays signed in
// without a redirect, refreshed on the server through the `__refresh` cookie the handshake set.
import { decodeJwt } from 'jose'
import type { BrowserContext, Page, Response } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { browserUnavailableReason } from '../../test/helpers/chromium'
import { useBrowserStory } from './helpers/browserStory'
import type { Stack } from './helpers/stack'

/** Short, so that the expiry (plus the verifier's 5 s of clock skew) comes within the test. */
const SESSION_LIFETIME_SECONDS = 2
const CLOCK_SKEW_SECONDS = 5

const unavailable = browserUnavailableReason()

describe.skipIf(unavailable !== undefined)('the example app without JavaScript', () => {
  const story = useBrowserStory({
    sessionLifetime: SESSION_LIFETIME_SECONDS,
    stepTimeoutMs: 10_000,
    javaScriptEnabled: false,
  })
  let stack: Stack
  let context: BrowserContext
  let page: Page
  beforeAll(() => {
    ;({ stack, context, page } = story)
  })

  const appUrl = (path: string) => `${stack.app.url}${path}`

  /** The documents a navigation went through (redirects included), as `<status> <url>`. */
  async function navigate(path: string): Promise<string[]> {
    const seen: string[] = []
    const record = (response: Response) => {
      if (response.request().isNavigationRequest()) seen.push(`${response.status()} ${response.url()}`)
    }
    page.on('response', record)
    try {
      await page.goto(appUrl(path))
    } finally {
      page.off('response', record)
    }
    return seen
  }

  const sessionCookie = async () =>
    (await context.cookies(stack.app.url)).find((cookie) => cookie.name === '__session')?.value

  it('signs in on the local backend’s page (a plain form) as Ada, without an organization', async () => {
    await page.goto(`${stack.frontendUrl}/sign-in?redirect_url=${encodeURIComponent(appUrl('/session'))}`)
    await page.getByRole('button', { name: /Ada Lovelace/ }).click()
    await page.getByLabel(/No organization/).check()
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(appUrl('/session'))
    await expect(page.getByTestId('token-source').innerText()).resolves.toBe('The token the browser sent.')
    // The handshake set the refresh token next to the session token, for the server only.
    const refresh = (await context.cookies(stack.app.url)).find((cookie) => cookie.name.startsWith('__refresh_'))
    expect(refresh).toMatchObject({ httpOnly: true, sameSite: 'Lax' })
  })

  it('organization sync: /orgs/acme activates Acme through the handshake, /me leaves it, an unknown one changes nothing', async () => {
    const toAcme = await navigate('/orgs/acme')
    expect(toAcme.some((hop) => hop.startsWith(`307 ${stack.frontendUrl}/v1/client/handshake`))).toBe(true)
    expect(
      new URL(toAcme.find((hop) => hop.includes('/v1/client/handshake'))!.slice(4)).searchParams.get('organization_id'),
    ).toBe('acme')
    await expect(page.getByTestId('active-org').innerText()).resolves.toBe('acme')
    await expect(page.getByTestId('active-role').innerText()).resolves.toBe('org:admin')
    expect(decodeJwt((await sessionCookie())!).o).toMatchObject({ slg: 'acme' })

    await navigate('/me')
    await expect(page.getByTestId('active-org').innerText()).resolves.toBe('none')

    // Not a member (it does not exist): the handshake cannot activate it, and after the loop limit the page is served.
    const unknown = await navigate('/orgs/globex')
    expect(unknown.at(-1)).toBe(`200 ${appUrl('/orgs/globex')}`)
    await expect(page.getByTestId('org-sync-result').innerText()).resolves.toContain('You are not a member of “globex”')
  })

  it('stays signed in after the session token expired: refreshed on the server, no redirect, new cookies set', async () => {
    const expired = (await sessionCookie())!
    const { exp, sid } = decodeJwt(expired)
    await page.waitForTimeout(Math.max(0, (exp! + CLOCK_SKEW_SECONDS + 1) * 1000 - Date.now()))

    expect(await navigate('/session')).toEqual([`200 ${appUrl('/session')}`])
    await expect(page.getByTestId('token-source').innerText()).resolves.toBe(
      'Refreshed on the server for this page load (__refresh cookie).',
    )
    await expect(page.getByTestId('session-id').innerText()).resolves.toBe(sid)
    const fresh = (await sessionCookie())!
    expect(fresh).not.toBe(expired)
    expect(decodeJwt(fresh)).toMatchObject({ sid, azp: stack.app.url })

    // The browser kept the new cookies: the next page load sends the fresh token itself.
    await navigate('/session')
    await expect(page.getByTestId('token-source').innerText()).resolves.toBe('The token the browser sent.')
  })
})
