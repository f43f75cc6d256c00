// ClerkJS 6 with its separate UI bundle (`@clerk/ui`) on the local backend, in Chromium: both bundles come from the
// local backend's /npm/ paths (from the cache `remix-clerk-local clerk-js install 6` fills, next to ClerkJS 5), <SignIn/>
// signs in with a password, and remix-clerk's getAuth, behind Remix's real request handler, sees the user. The backend is
// the library or the CLI process, as the run asks (local/test/helpers/backend.ts: the "remix-clerk (cli)" project).
import { json } from '@remix-run/server-runtime'
import { createLocalClerk, type LocalClerk } from 'remix-clerk-local'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clerkJsUrl, findServedBundles } from '../../../local/src/clerkJsBundles/clerkJsBundle.js'
import { type Backend, startBackend } from '../../../local/test/helpers/backend.js'
import { getAuth } from '../../../src/ssr.server.js'
import { browserUnavailableReason, launchChromium } from '../../helpers/chromium.js'
import { serverBuild } from '../../remix/serverBuild.js'
import { type RemixApp, startRemixApp } from './remixApp.js'

const bundles = findServedBundles().bundles
const clerkJs6 = bundles.find((bundle) => bundle.name === '@clerk/clerk-js' && bundle.major === '6')
const ui = bundles.find((bundle) => bundle.name === '@clerk/ui')

function packagesMissingReason(): string | undefined {
  if (clerkJs6 && ui) return undefined
  const message =
    'ClerkJS 6 or @clerk/ui is not in the cache; run `npm run clerk-js` (remix-clerk-local clerk-js install 5 6).'
  if (process.env.CI === 'true') throw new Error(`${message} CI=true: missing packages are a failure.`)
  console.warn(`\n${'!'.repeat(100)}\n!! SKIPPING THE CLERKJS 6 TEST: ${message}\n${'!'.repeat(100)}\n`)
  return message
}

const EMAIL = 'six@example.com'
const PASSWORD = 'correct horse battery staple'
const missing = browserUnavailableReason() ?? packagesMissingReason()

describe.skipIf(missing !== undefined)('ClerkJS 6 + @clerk/ui on the local backend, in Chromium', () => {
  let backend: Backend<LocalClerk>
  let clerk: LocalClerk
  let app: RemixApp
  let appUrl: string
  let userId: string
  let browser: Awaited<ReturnType<typeof launchChromium>>
  const options = () => ({
    secretKey: clerk.secretKey,
    publishableKey: clerk.publishableKey,
    apiUrl: clerk.apiUrl,
    proxyUrl: clerk.browserUrl,
  })

  /** What a Core 3 SDK does: load the UI bundle and ClerkJS, hand the UI to `Clerk.load`, mount <SignIn/> if signed out. */
  const page = () => `<!doctype html><html lang="en"><head><title>ClerkJS 6</title>
<script src="${clerkJsUrl(clerk.browserUrl, ui!)}" crossorigin="anonymous"></script>
<script src="${clerkJsUrl(clerk.browserUrl, clerkJs6!)}" crossorigin="anonymous" data-clerk-publishable-key="${clerk.publishableKey}" data-clerk-proxy-url="${clerk.browserUrl}"></script>
</head><body><div id="sign-in"></div><script>
window.addEventListener('load', async () => {
  await window.Clerk.load({ ui: { ClerkUI: window.__internal_ClerkUICtor } })
  if (window.Clerk.user) document.body.dataset.user = window.Clerk.user.id
  else window.Clerk.mountSignIn(document.getElementById('sign-in'), { fallbackRedirectUrl: location.href })
})
</script></body></html>`

  beforeAll(async () => {
    backend = await startBackend(createLocalClerk)
    clerk = backend.clerk
    userId = clerk.seed({ users: [{ email_address: EMAIL, password: PASSWORD }] }).users[0]!.id
    const build = serverBuild(
      {
        'routes/page': {
          path: ':page',
          loader: async (args) =>
            json({ userId: (await getAuth(args as Parameters<typeof getAuth>[0], options())).userId }),
        },
      },
      { document: () => new Response(page(), { headers: { 'content-type': 'text/html; charset=utf-8' } }) },
    )
    app = await startRemixApp(build)
    appUrl = app.url
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
    await backend?.close()
  })

  it(
    'signs in with <SignIn/> and a password; getAuth sees the user; no console error, no failed request',
    { timeout: 60_000 },
    async () => {
      const tab = await browser.context.newPage()
      const problems: string[] = []
      const loaded: string[] = []
      tab.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning')
          problems.push(`console ${message.type()}: ${message.text()}`)
      })
      tab.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
      tab.on('response', (response) => {
        if (response.status() >= 400)
          problems.push(`${response.status()} ${response.request().method()} ${response.url()}`)
        const url = new URL(response.url())
        if (url.pathname.startsWith('/npm/')) loaded.push(url.pathname.split('/dist/')[0]!)
        if (url.pathname.startsWith('/v1/')) expect(url.searchParams.get('_clerk_js_version')).toBe(clerkJs6!.version)
      })
      await tab.goto(`${appUrl}/home`)
      await tab.getByLabel('Email address').fill(EMAIL)
      await tab.getByRole('button', { name: 'Continue', exact: true }).click()
      await tab.getByLabel('Password', { exact: true }).fill(PASSWORD)
      await tab.getByRole('button', { name: 'Continue', exact: true }).click()
      await tab.waitForFunction(() => document.body.dataset.user !== undefined, undefined, { timeout: 20_000 })
      expect(await tab.evaluate(() => document.body.dataset.user)).toBe(userId)
      expect(
        await tab.evaluate(async () => (await (await fetch('/home?_data=routes/page')).json()) as unknown),
      ).toEqual({ userId })
      // Both bundles and their chunks came from the local backend, each under its exact version.
      expect(new Set(loaded)).toEqual(
        new Set([`/npm/@clerk/clerk-js@${clerkJs6!.version}`, `/npm/@clerk/ui@${ui!.version}`]),
      )
      expect(problems).toEqual([])
      await tab.close()
    },
  )
})
