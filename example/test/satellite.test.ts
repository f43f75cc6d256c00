// Satellite domains end to end in Chromium: the example app as the primary on `localhost` and as a satellite on
// `127.0.0.1` (another site: its own cookies), both on one local backend. Signed in once on the primary, the browser
// is signed in on the satellite: the satellite's server sends it through its Frontend API's handshake, which takes
// the client from the primary's (sync, link) and comes back with the satellite's own session cookies.
import { decodeJwt } from 'jose'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserUnavailableReason, launchChromium, type LaunchedBrowser } from '../../test/helpers/chromium'
import { startSatelliteStack, type SatelliteStack } from './helpers/satelliteStack'

const unavailable = browserUnavailableReason()

describe.skipIf(unavailable !== undefined)('a satellite of the example app', () => {
  let stack: SatelliteStack
  let browser: LaunchedBrowser
  let context: BrowserContext
  let page: Page
  const pageErrors: string[] = []
  const consoleErrors: string[] = []

  beforeAll(async () => {
    stack = await startSatelliteStack()
    browser = await launchChromium()
    context = browser.context
    context.setDefaultTimeout(15_000)
    page = context.pages()[0] ?? (await context.newPage())
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${message.text()} [${message.location().url}]`)
    })
  })
  afterAll(async () => {
    await browser?.close()
    await stack?.close()
  })

  const satellite = (path: string) => `${stack.satelliteUrl}${path}`
  const authState = () => page.getByTestId('auth-status').getAttribute('data-state')

  it('signed out everywhere: the satellite syncs once, comes back signed out, and does not loop', async () => {
    const response = await page.goto(satellite('/'))
    expect(response?.status()).toBe(200)
    await expect(authState()).resolves.toBe('signed-out')
    // The document the server answered came back from the sync (ClerkJS may already have cleaned the address bar).
    expect(new URL(response!.request().url()).searchParams.get('__clerk_synced')).toBe('true')
  })

  it('signs in on the primary (localhost) through the local backend’s page', async () => {
    await page.goto(`${stack.frontendUrl}/sign-in?redirect_url=${encodeURIComponent(`${stack.primaryUrl}/dashboard`)}`)
    await page.getByRole('button', { name: /Ada Lovelace/ }).click()
    await page.getByLabel(/Acme/).check()
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(`${stack.primaryUrl}/dashboard`)
    await expect(page.getByTestId('user-id').innerText()).resolves.toBe(stack.adminId)
    // Nothing of it is on the satellite's site.
    expect((await context.cookies(stack.satelliteUrl)).map((cookie) => cookie.name)).not.toContain('__session')
  })

  it('is signed in on the satellite (127.0.0.1) at the next page load, with session cookies of its own', async () => {
    const navigations: string[] = []
    page.on('request', (request) => {
      if (request.isNavigationRequest() && request.frame() === page.mainFrame())
        navigations.push(new URL(request.url()).host + new URL(request.url()).pathname)
    })
    await page.goto(satellite('/dashboard'))
    await page.getByTestId('user-id').waitFor()
    await expect(page.getByTestId('user-id').innerText()).resolves.toBe(stack.adminId)
    await expect(page.getByTestId('viewer-name').innerText()).resolves.toBe('Ada Lovelace')

    const { port } = new URL(stack.frontendUrl)
    // Satellite → its Frontend API → the primary's (which knows the browser) → back to link the client → handshake.
    expect(navigations.slice(0, 5)).toEqual([
      `127.0.0.1:${new URL(stack.satelliteUrl).port}/dashboard`,
      `127.0.0.1:${port}/v1/client/handshake`,
      `localhost:${port}/v1/client/sync`,
      `127.0.0.1:${port}/v1/client/link`,
      `127.0.0.1:${port}/v1/client/handshake`,
    ])
    const token = (await context.cookies(stack.satelliteUrl)).find((cookie) => cookie.name === '__session')!.value
    expect(decodeJwt(token)).toMatchObject({ sub: stack.adminId, azp: stack.satelliteUrl })
  })

  it('ClerkJS on the satellite (its Frontend API under 127.0.0.1) knows the same session: <UserButton/> shows', async () => {
    await page.getByRole('button', { name: 'Open user menu' }).waitFor()
    const cookies = await context.cookies(stack.satelliteUrl)
    expect(decodeJwt(cookies.find((cookie) => cookie.name === '__session')!.value).sub).toBe(stack.adminId)
    expect(pageErrors).toEqual([])
    expect(consoleErrors).toEqual([])
  })
})
