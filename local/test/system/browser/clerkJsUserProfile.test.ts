import { type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type LocalClerk, createLocalClerk } from '../../../src/index.js'
import { type Backend, startBackend } from '../../helpers/backend.js'
import { decodePart } from '../../helpers/harness.js'
import { browserUnavailableReason, launchChromium } from '../../../../test/helpers/chromium.js'

/**
 * ClerkJS 5's programmatic API in Chromium against the local backend, for what `<UserProfile/>` does: the user
 * changes their name, adds and verifies an e-mail address and makes it primary, changes their password, uploads a
 * profile image and deletes their account; and a ticket (sign-in token, actor token) signs in through
 * `signIn.create({ strategy: 'ticket' })`. Each change is read back through the Backend API. The backend runs as the
 * library or as the CLI process (test/helpers/backend.ts).
 */
const missing = browserUnavailableReason()
const PASSWORD = 'correct horse battery'

describe.skipIf(missing !== undefined)('ClerkJS user mutations and tickets, in Chromium', () => {
  let backend: Backend<LocalClerk>
  let clerk: LocalClerk
  let app: Server
  let appUrl: string
  let browser: Awaited<ReturnType<typeof launchChromium>>
  let page: Page

  const bapi = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${clerk.apiUrl}/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${clerk.secretKey}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    return (await response.json()) as Record<string, unknown> & { id: string }
  }

  beforeAll(async () => {
    backend = await startBackend(createLocalClerk)
    clerk = backend.clerk
    clerk.seed({ users: [{ email_address: 'profile@example.com', password: PASSWORD, first_name: 'Old' }] })
    const html = `<!doctype html><html lang="en"><head><title>App</title>
<script src="${clerk.clerkJsUrl}" crossorigin="anonymous" data-clerk-publishable-key="${clerk.publishableKey}" data-clerk-proxy-url="${clerk.browserUrl}"></script>
</head><body></body></html>`
    app = createServer((_request, response) =>
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html),
    )
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve))
    // The same site as the backend's browser URL, so its __client cookie comes along.
    appUrl = `http://localhost:${(app.address() as AddressInfo).port}/`
    browser = await launchChromium()
    page = await browser.context.newPage()
  })
  afterAll(async () => {
    await browser?.close()
    await new Promise<void>((resolve) => (app ? app.close(() => resolve()) : resolve()))
    await backend?.close()
  })

  /** A fresh page with ClerkJS loaded and signed out. */
  async function load(): Promise<void> {
    await browser.context.clearCookies()
    await page.goto(appUrl)
    await page.waitForFunction(() => (window as unknown as { Clerk?: unknown }).Clerk !== undefined)
    await page.evaluate(async () => {
      const { Clerk } = window as unknown as { Clerk: { load(): Promise<void> } }
      await Clerk.load()
    })
  }

  it('user.update, createEmailAddress + verification, updatePassword, setProfileImage, delete', async () => {
    await load()
    const result = await page.evaluate(
      async ({ password }) => {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const Clerk = (window as any).Clerk
        const signIn = await Clerk.client.signIn.create({
          strategy: 'password',
          identifier: 'profile@example.com',
          password,
        })
        await Clerk.setActive({ session: signIn.createdSessionId })
        await Clerk.user.update({ firstName: 'New', lastName: 'Name' })
        const added = await Clerk.user.createEmailAddress({ email: 'second@example.com' })
        const before = added.verification?.status ?? null
        await added.prepareVerification({ strategy: 'email_code' })
        let wrong = ''
        try {
          await added.attemptVerification({ code: '000000' })
        } catch (error) {
          wrong = (error as { errors: Array<{ code: string }> }).errors[0]!.code
        }
        const verified = await added.attemptVerification({ code: '424242' })
        await Clerk.user.update({ primaryEmailAddressId: verified.id })
        await Clerk.user.updatePassword({ currentPassword: password, newPassword: 'a brand new password' })
        const png = Uint8Array.from(
          atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='),
          (c) => c.charCodeAt(0),
        )
        await Clerk.user.setProfileImage({ file: new File([png], 'me.png', { type: 'image/png' }) })
        await Clerk.user.reload()
        return {
          userId: Clerk.user.id as string,
          name: Clerk.user.fullName as string,
          before,
          wrong,
          after: verified.verification.status as string,
          primary: Clerk.user.primaryEmailAddress.emailAddress as string,
          hasImage: Clerk.user.hasImage as boolean,
          imageUrl: Clerk.user.imageUrl as string,
        }
      },
      { password: PASSWORD },
    )
    expect(result).toMatchObject({
      name: 'New Name',
      wrong: 'form_code_incorrect',
      after: 'verified',
      primary: 'second@example.com',
      hasImage: true,
    })
    expect(result.before).not.toBe('verified')
    const user = await bapi('GET', `/users/${result.userId}`)
    expect(user).toMatchObject({ first_name: 'New', last_name: 'Name', has_image: true })
    expect((user.email_addresses as Array<{ email_address: string }>).map((e) => e.email_address)).toEqual([
      'profile@example.com',
      'second@example.com',
    ])
    expect(await bapi('POST', `/users/${result.userId}/verify_password`, { password: 'a brand new password' })).toEqual(
      { verified: true },
    )
    expect((await fetch(result.imageUrl)).headers.get('content-type')).toBe('image/png')

    const deleted = await page.evaluate(async () => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const Clerk = (window as any).Clerk
      await Clerk.user.delete()
      return { user: Clerk.user ?? null }
    })
    expect(deleted.user).toBeNull()
    expect(await bapi('GET', `/users/${result.userId}`)).toMatchObject({ errors: [{ code: 'resource_not_found' }] })
  })

  it('signIn.create({ strategy: "ticket" }) with an actor token: the session has the actor, its token the act claim', async () => {
    const user = await bapi('POST', '/users', { email_address: ['impersonated@example.com'] })
    const admin = await bapi('POST', '/users', { email_address: ['support@example.com'] })
    const token = await bapi('POST', '/actor_tokens', { user_id: user.id, actor: { sub: admin.id } })
    await load()
    const signedIn = await page.evaluate(async (ticket) => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const Clerk = (window as any).Clerk
      const signIn = await Clerk.client.signIn.create({ strategy: 'ticket', ticket })
      await Clerk.setActive({ session: signIn.createdSessionId })
      return {
        status: signIn.status as string,
        userId: Clerk.user.id as string,
        actor: Clerk.session.actor,
        jwt: (await Clerk.session.getToken()) as string,
      }
    }, token.token as string)
    expect(signedIn).toMatchObject({ status: 'complete', userId: user.id, actor: { sub: admin.id } })
    expect(decodePart(signedIn.jwt, 1)).toMatchObject({ sub: user.id, act: { sub: admin.id } })
  })
})
