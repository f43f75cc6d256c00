// Clerk's custom flows on the local backend, in Chromium: ClerkJS's programmatic API called as Clerk's custom-flow
// guides call it (no component), through ClerkJS 5 (what @clerk/remix 4 loads) and ClerkJS 6, with remix-clerk's
// getAuth behind Remix's real request handler as the app's server. The backend is the library or the CLI process, as
// the run asks (local/test/helpers/backend.ts). One browser for the file, one page per ClerkJS version, reused by every flow.
import { json } from '@remix-run/server-runtime'
import { decodeJwt } from 'jose'
import type { Page } from 'playwright-core'
import { createLocalClerk, type LocalClerk } from 'remix-clerk-local'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { clerkJsUrl, findServedBundles } from '../../../local/src/clerkJsBundles/clerkJsBundle.js'
import { type Backend, startBackend } from '../../../local/test/helpers/backend.js'
import { getAuth } from '../../../src/ssr.server.js'
import { browserUnavailableReason, launchChromium, type LaunchedBrowser } from '../../helpers/chromium.js'
import { serverBuild } from '../../remix/serverBuild.js'
import { type RemixApp, startRemixApp } from './remixApp.js'

const PASSWORD = 'correct horse battery staple'
const CODE = '424242'
/** ClerkJS 5 always (a devDependency of local/); ClerkJS 6 when its alias is installed too. */
const versions = findServedBundles()
  .bundles.filter((bundle) => bundle.name === '@clerk/clerk-js')
  .sort((a, b) => Number(a.major) - Number(b.major))
const missing =
  browserUnavailableReason() ??
  (versions.some((v) => v.major === '5') ? undefined : 'ClerkJS 5 (@clerk/clerk-js) is not installed; run npm install.')

/** What the app's server sees: remix-clerk's getAuth in a loader. */
interface ServerAuth {
  userId: string | null
  sessionId: string | null
  orgId: string | null
  orgRole: string | null
}

/** A ClerkJS error as the page saw it, with the checks `isClerkAPIResponseError` makes (@clerk/shared 3 and 4). */
interface CaughtError {
  isClerkAPIResponseError: boolean
  status: number
  code: string
  paramName: string | undefined
  message: string
  longMessage: string
  signedIn: boolean
}

declare global {
  interface Window {
    // The part of ClerkJS's API these flows use; the guides' code, typed loosely.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    Clerk: any
  }
}

describe.skipIf(missing !== undefined)(
  'custom flows (ClerkJS programmatic API) on the local backend, in Chromium',
  () => {
    let backend: Backend<LocalClerk>
    let clerk: LocalClerk
    let app: RemixApp
    let appUrl: string
    let browser: LaunchedBrowser
    const ids = { ada: '', acme: '' }
    const options = () => ({
      secretKey: clerk.secretKey,
      publishableKey: clerk.publishableKey,
      apiUrl: clerk.apiUrl,
      proxyUrl: clerk.browserUrl,
    })

    /** A page that loads one ClerkJS version from the local backend, as a Remix app's root would, and nothing else. */
    const document = (request: Request) => {
      const major = new URL(request.url).pathname.slice(2)
      const bundle = versions.find((v) => v.major === major)!
      return new Response(
        `<!doctype html><html lang="en"><head><title>ClerkJS ${bundle.version}</title>
<script src="${clerkJsUrl(clerk.browserUrl, bundle)}" crossorigin="anonymous" data-clerk-publishable-key="${clerk.publishableKey}" data-clerk-proxy-url="${clerk.browserUrl}"></script>
</head><body></body></html>`,
        { headers: { 'content-type': 'text/html; charset=utf-8' } },
      )
    }

    beforeAll(async () => {
      backend = await startBackend(createLocalClerk)
      clerk = backend.clerk
      const seeded = clerk.seed({
        users: [
          { email_address: 'ada@example.com', first_name: 'Ada', password: PASSWORD },
          { email_address: 'grace@example.com', first_name: 'Grace' },
        ],
        organizations: [{ name: 'Acme', slug: 'acme', members: [{ user: 'ada@example.com', role: 'org:admin' }] }],
        templates: [{ name: 'supabase', claims: { role: 'authenticated', email: '{{user.primary_email_address}}' } }],
      })
      ids.ada = seeded.users[0]!.id
      ids.acme = seeded.organizations[0]!.id
      const build = serverBuild(
        {
          'routes/page': {
            path: ':page',
            loader: async (args) => {
              const { userId, sessionId, orgId, orgRole } = await getAuth(
                args as Parameters<typeof getAuth>[0],
                options(),
              )
              return json({ userId, sessionId, orgId: orgId ?? null, orgRole: orgRole ?? null })
            },
          },
        },
        { document },
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

    describe.each(versions.map((bundle) => [bundle.version, bundle.major] as const))(
      'ClerkJS %s',
      (_version, major) => {
        let page: Page
        const pageErrors: string[] = []

        beforeAll(async () => {
          page = await browser.context.newPage()
          page.on('pageerror', (error) => pageErrors.push(error.message))
          await page.goto(`${appUrl}/v${major}`)
          await page.evaluate(() => window.Clerk.load())
        })
        afterAll(() => page?.close())
        // Every flow starts signed out, as a visitor of a sign-in page does; with a callback, signOut() stays on the page.
        beforeEach(async () => {
          await page.evaluate(() => window.Clerk.signOut(() => undefined))
        })

        const serverAuth = () =>
          page.evaluate(
            async (path) => (await (await fetch(`${path}?_data=routes/page`)).json()) as ServerAuth,
            `/v${major}`,
          )
        /** Runs `flow` in the page and returns what it throws, as the page's code sees it. */
        const caught = (flow: string, arg?: unknown): Promise<CaughtError> =>
          page.evaluate(
            async ({ flow, arg }) => {
              try {
                await new Function('Clerk', 'arg', `return (async () => { ${flow} })()`)(window.Clerk, arg)
              } catch (error) {
                // eslint-disable-next-line @typescript-eslint/no-explicit-any
                const e = error as any
                return {
                  // @clerk/shared 3 (which @clerk/remix 4 re-exports): `'clerkError' in err`; 4: the constructor's kind.
                  isClerkAPIResponseError:
                    'clerkError' in e &&
                    (e.constructor?.kind === undefined || e.constructor.kind === 'ClerkAPIResponseError'),
                  status: e.status,
                  code: e.errors?.[0]?.code,
                  paramName: e.errors?.[0]?.meta?.paramName,
                  message: e.errors?.[0]?.message,
                  longMessage: e.errors?.[0]?.longMessage,
                  signedIn: window.Clerk.user != null,
                }
              }
              throw new Error(`${flow} did not fail`)
            },
            { flow, arg },
          )

        it('signIn.create({ identifier, password }) is complete at once; setActive({ session }) signs the page and the server in', async () => {
          const result = await page.evaluate(async (password) => {
            const signIn = await window.Clerk.client.signIn.create({ identifier: 'ada@example.com', password })
            if (signIn.status === 'complete') await window.Clerk.setActive({ session: signIn.createdSessionId })
            return {
              status: signIn.status,
              createdSessionId: signIn.createdSessionId,
              sessionId: window.Clerk.session?.id,
              userId: window.Clerk.user?.id,
            }
          }, PASSWORD)
          expect(result).toMatchObject({ status: 'complete', sessionId: result.createdSessionId, userId: ids.ada })
          await expect.poll(serverAuth).toMatchObject({ userId: ids.ada, sessionId: result.createdSessionId })
        })

        it("signIn.create({ strategy: 'email_code', identifier }), then attemptFirstFactor with the code", async () => {
          const result = await page.evaluate(async (code) => {
            const started = await window.Clerk.client.signIn.create({
              strategy: 'email_code',
              identifier: 'grace@example.com',
            })
            const before = { status: started.status, verification: started.firstFactorVerification.status }
            const signIn = await started.attemptFirstFactor({ strategy: 'email_code', code })
            await window.Clerk.setActive({ session: signIn.createdSessionId })
            return { before, status: signIn.status, email: window.Clerk.user?.primaryEmailAddress?.emailAddress }
          }, CODE)
          expect(result).toEqual({
            before: { status: 'needs_first_factor', verification: 'unverified' },
            status: 'complete',
            email: 'grace@example.com',
          })
          await expect
            .poll(serverAuth)
            .toMatchObject({ userId: expect.stringMatching(/^user_/), sessionId: expect.stringMatching(/^sess_/) })
        })

        it('signIn.create({ identifier }), then prepareFirstFactor({ strategy: email_code, emailAddressId }) and attemptFirstFactor', async () => {
          const result = await page.evaluate(async (code) => {
            const started = await window.Clerk.client.signIn.create({ identifier: 'ada@example.com' })
            const factor = started.supportedFirstFactors.find((f: { strategy: string }) => f.strategy === 'email_code')
            const prepared = await started.prepareFirstFactor({
              strategy: 'email_code',
              emailAddressId: factor.emailAddressId,
            })
            // ClerkJS updates its resources in place: read each state when it is current.
            const preparedStatus = prepared.firstFactorVerification.status
            const signIn = await prepared.attemptFirstFactor({ strategy: 'email_code', code })
            await window.Clerk.setActive({ session: signIn.createdSessionId })
            return {
              strategies: started.supportedFirstFactors.map((f: { strategy: string }) => f.strategy),
              prepared: preparedStatus,
              status: signIn.status,
              userId: window.Clerk.user?.id,
            }
          }, CODE)
          expect(result).toEqual({
            strategies: ['password', 'email_code'],
            prepared: 'unverified',
            status: 'complete',
            userId: ids.ada,
          })
          await expect.poll(serverAuth).toMatchObject({ userId: ids.ada })
        })

        it("a wrong password, a wrong code and an unknown identifier are Clerk's errors on their fields", async () => {
          expect(
            await caught(
              `await Clerk.client.signIn.create({ identifier: 'ada@example.com', password: 'wrong horse' })`,
            ),
          ).toMatchObject({
            isClerkAPIResponseError: true,
            status: 422,
            code: 'form_password_incorrect',
            paramName: 'password',
          })
          expect(
            await caught(`const s = await Clerk.client.signIn.create({ strategy: 'email_code', identifier: 'ada@example.com' })
          await s.attemptFirstFactor({ strategy: 'email_code', code: '000000' })`),
          ).toMatchObject({
            isClerkAPIResponseError: true,
            status: 422,
            code: 'form_code_incorrect',
            paramName: 'code',
          })
          expect(await caught(`await Clerk.client.signIn.create({ identifier: 'nobody@example.com' })`)).toMatchObject({
            isClerkAPIResponseError: true,
            status: 422,
            code: 'form_identifier_not_found',
            paramName: 'identifier',
            longMessage: "Couldn't find your account.",
          })
          expect(await serverAuth()).toMatchObject({ userId: null })
        })

        it('signUp.create({ emailAddress, password }), prepareEmailAddressVerification and attemptEmailAddressVerification', async () => {
          const email = `new.v${major}@example.com`
          const result = await page.evaluate(
            async ({ email, password, code }) => {
              const created = await window.Clerk.client.signUp.create({ emailAddress: email, password })
              const before = { status: created.status, unverified: [...created.unverifiedFields] }
              const prepared = await created.prepareEmailAddressVerification({ strategy: 'email_code' })
              const signUp = await prepared.attemptEmailAddressVerification({ code })
              await window.Clerk.setActive({ session: signUp.createdSessionId })
              return {
                before,
                status: signUp.status,
                userId: signUp.createdUserId,
                email: window.Clerk.user?.primaryEmailAddress?.emailAddress,
              }
            },
            { email, password: PASSWORD, code: CODE },
          )
          expect(result).toMatchObject({
            before: { status: 'missing_requirements', unverified: ['email_address'] },
            status: 'complete',
            email,
          })
          await expect.poll(serverAuth).toMatchObject({ userId: result.userId })
          const users = await fetch(`${backend.url}/v1/users?email_address=${email}`, {
            headers: { authorization: `Bearer ${clerk.secretKey}` },
          })
          expect(((await users.json()) as Array<{ id: string }>).map((u) => u.id)).toEqual([result.userId])
        })

        it('setActive({ session, organization }): the server sees the organization; setActive({ organization: null }) leaves it', async () => {
          const result = await page.evaluate(
            async ({ password, acme }) => {
              const signIn = await window.Clerk.client.signIn.create({ identifier: 'ada@example.com', password })
              await window.Clerk.setActive({ session: signIn.createdSessionId, organization: acme })
              return {
                organization: window.Clerk.organization?.slug,
                activeOrganizationId: window.Clerk.session?.lastActiveOrganizationId,
              }
            },
            { password: PASSWORD, acme: ids.acme },
          )
          expect(result).toEqual({ organization: 'acme', activeOrganizationId: ids.acme })
          await expect.poll(serverAuth).toMatchObject({ userId: ids.ada, orgId: ids.acme, orgRole: 'org:admin' })
          await page.evaluate(() => window.Clerk.setActive({ organization: null }))
          await expect.poll(serverAuth).toMatchObject({ userId: ids.ada, orgId: null, orgRole: null })
        })

        it('session.getToken({ template }) mints the template token; getToken() the session token', async () => {
          const tokens = await page.evaluate(async (password) => {
            const signIn = await window.Clerk.client.signIn.create({ identifier: 'ada@example.com', password })
            await window.Clerk.setActive({ session: signIn.createdSessionId })
            return {
              template: (await window.Clerk.session.getToken({ template: 'supabase' })) as string,
              session: (await window.Clerk.session.getToken()) as string,
              sessionId: window.Clerk.session.id as string,
            }
          }, PASSWORD)
          expect(decodeJwt(tokens.template)).toMatchObject({
            sub: ids.ada,
            role: 'authenticated',
            email: 'ada@example.com',
            iss: clerk.url,
          })
          expect(decodeJwt(tokens.session)).toMatchObject({ sub: ids.ada, sid: tokens.sessionId, azp: appUrl })
        })

        it('signOut() signs the page and the server out, and ends the session', async () => {
          const sessionId = await page.evaluate(async (password) => {
            const signIn = await window.Clerk.client.signIn.create({ identifier: 'ada@example.com', password })
            await window.Clerk.setActive({ session: signIn.createdSessionId })
            return signIn.createdSessionId as string
          }, PASSWORD)
          await expect.poll(serverAuth).toMatchObject({ sessionId })
          // Without a callback, signOut() navigates to its redirect URL once signed out: here, this page again.
          const reloaded = page.waitForEvent('load')
          await page.evaluate(() => {
            void window.Clerk.signOut({ redirectUrl: location.href })
          })
          await reloaded
          expect(await page.evaluate(async () => (await window.Clerk.load(), window.Clerk.user ?? null))).toBeNull()
          await expect.poll(serverAuth).toMatchObject({ userId: null, sessionId: null })
          const session = await fetch(`${backend.url}/v1/sessions/${sessionId}`, {
            headers: { authorization: `Bearer ${clerk.secretKey}` },
          })
          expect(((await session.json()) as { status: string }).status).toBe('ended')
        })

        it('what the backend does not do is a Clerk error naming it as not supported, never a 401: the page stays signed in', async () => {
          await page.evaluate(async (password) => {
            const signIn = await window.Clerk.client.signIn.create({ identifier: 'ada@example.com', password })
            await window.Clerk.setActive({ session: signIn.createdSessionId })
          }, PASSWORD)
          const unsupported = [
            [`await Clerk.user.createTOTP()`, 'Multi-factor authentication (MFA)'],
            [
              `await Clerk.client.signIn.create({ strategy: 'phone_code', identifier: '+15555550100' })`,
              'The sign-in strategy "phone_code"',
            ],
          ] as const
          for (const [flow, feature] of unsupported) {
            const error = await caught(flow)
            expect(error, flow).toMatchObject({ isClerkAPIResponseError: true, code: 'not_supported', signedIn: true })
            expect(error.status, flow).not.toBe(401)
            expect(error.longMessage, flow).toMatch(
              new RegExp(
                `^${feature.replace(/[()]/g, '\\$&')} is not supported by remix-clerk-local, a local development backend`,
              ),
            )
          }
          expect(await serverAuth()).toMatchObject({ userId: ids.ada })
          expect(pageErrors).toEqual([])
        })
      },
    )
  },
)
