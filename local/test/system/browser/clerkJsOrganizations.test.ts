// ClerkJS 5's organization API in Chromium, on the local backend: `clerk.createOrganization`, `organization.update`,
// `setLogo`, `inviteMember(s)`, `getInvitations` and `revoke`, `addMember`, `getMemberships`, `membership.update` and
// `destroy`, the invitee's `user.getOrganizationInvitations()` and `accept()`, `user.leaveOrganization`,
// `organization.destroy`, and signing up with an invitation's ticket, each called as an app calls it, through the
// programmatic API (no components). The server side (the app's `authenticateRequest`) sees the active organization.
// The backend is started by `startHarness`: the library, or the CLI process.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findServedBundles } from '../../../src/clerkJsBundles/clerkJsBundle.js'
import { type OfficialApp, startOfficialApp } from '../../helpers/officialApp.js'
import { type Harness, PNG, decodePart, startHarness } from '../../helpers/harness.js'
import { browserUnavailableReason, launchChromium } from '../../../../test/helpers/chromium.js'

const PASSWORD = 'correct horse battery staple'

function clerkJsMissingReason(): string | undefined {
  if (findServedBundles().clerkJs) return undefined
  const message = 'No ClerkJS in the cache: run `npm run clerk-js` (remix-clerk-local clerk-js install 5 6).'
  if (process.env.CI === 'true') throw new Error(`${message} CI=true: a missing package is a failure.`)
  console.warn(`\n${'!'.repeat(100)}\n!! SKIPPING THE CLERKJS ORGANIZATION TEST: ${message}\n${'!'.repeat(100)}\n`)
  return message
}

const missing = browserUnavailableReason() ?? clerkJsMissingReason()

/** The page's `window.Clerk`, loosely typed: each call is checked by what it returns. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyClerk = any

describe.skipIf(missing !== undefined)('ClerkJS organizations on the local backend, in Chromium', () => {
  let h: Harness
  let app: OfficialApp
  let browser: Awaited<ReturnType<typeof launchChromium>>
  let page: Page
  const users: Record<string, string> = {}
  const problems: string[] = []

  beforeAll(async () => {
    // The backend (the library, or the CLI process) on the real clock, which the browser keeps.
    h = await startHarness({ now: () => Date.now() })
    const { clerk } = h
    const frontend = h.env.CLERK_PROXY_URL!
    const seeded = clerk.seed({
      users: ['ada', 'bob', 'eve'].map((name) => ({
        email_address: `${name}@example.com`,
        first_name: name,
        password: PASSWORD,
      })),
    })
    for (const user of seeded.users) users[user.email_address!.split('@')[0]!] = user.id
    // The app: a page that loads ClerkJS from the local backend, as ClerkApp does; its server is @clerk/backend's
    // authenticateRequest, which answers `fetch('/')` with what it sees.
    app = await startOfficialApp(clerk, {
      host: 'localhost',
      proxyUrl: frontend,
      page: () => `<!doctype html><html lang="en"><title>Organizations</title>
<script src="${h.env.CLERK_JS}" crossorigin="anonymous" data-clerk-publishable-key="${clerk.publishableKey}" data-clerk-proxy-url="${frontend}"></script>
<script>
// The app's router, as a framework hands it to ClerkJS: navigations (after sign-out, say) are recorded, not made, so
// one page lives through the whole story.
window.navigations = []
const navigate = (to) => { window.navigations.push(to) }
window.clerkLoaded = new Promise((resolve) => addEventListener('load', () => resolve(window.Clerk.load({ routerPush: navigate, routerReplace: navigate }))))
</script></html>`,
    })
    browser = await launchChromium()
    page = await browser.context.newPage()
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
    page.on('response', (response) => {
      // ClerkJS's own 4xx answers we provoke are checked where they happen; anything else is a problem.
      if (response.status() >= 500) problems.push(`${response.status()} ${response.url()}`)
    })
    await page.goto(`${app.url}/`)
    await page.evaluate(() => (window as unknown as { clerkLoaded: Promise<void> }).clerkLoaded)
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
    await h?.close()
  })

  /** Runs `fn` in the page with `window.Clerk` and one serialisable argument. */
  const inPage = <T, A>(fn: (clerk: AnyClerk, arg: A) => Promise<T>, arg: A): Promise<T> =>
    page.evaluate(
      ([source, value]) =>
        new Function('clerk', 'arg', `return (${source})(clerk, arg)`)((window as AnyClerk).Clerk, value),
      [fn.toString(), arg] as const,
    ) as Promise<T>

  /** Signs the page's ClerkJS in with a password (signing out whoever was signed in). */
  const signIn = (email: string) =>
    inPage(
      async (c, { email, password }) => {
        if (c.user) await c.signOut()
        const attempt = await c.client.signIn.create({ identifier: email, password, strategy: 'password' })
        await c.setActive({ session: attempt.createdSessionId })
        return c.user.id as string
      },
      { email, password: PASSWORD },
    )

  /** What the app's server sees now (the official SDK on the page's cookies). */
  const serverView = () =>
    page.evaluate(
      async () =>
        (await (await fetch('/', { headers: { accept: 'application/json' } })).json()) as {
          userId: string
          orgId: string | null
        },
    )

  let org: string

  it(
    'createOrganization makes the user its admin; setActive makes it the session’s, in the token and on the server',
    { timeout: 60_000 },
    async () => {
      expect(await signIn('ada@example.com')).toBe(users.ada)
      const created = await inPage(async (c) => {
        const organization = await c.createOrganization({ name: 'Browser Org' })
        await c.setActive({ organization: organization.id })
        const token = await c.session.getToken()
        return {
          id: organization.id as string,
          slug: organization.slug as string,
          active: c.organization?.id as string,
          role: c.user.organizationMemberships.find((m: AnyClerk) => m.organization.id === organization.id)
            ?.role as string,
          token: token as string,
        }
      }, null)
      org = created.id
      expect(created).toMatchObject({ slug: 'browser-org', active: org, role: 'org:admin' })
      expect(decodePart(created.token, 1).o).toMatchObject({ id: org, slg: 'browser-org', rol: 'admin' })
      expect(await serverView()).toMatchObject({ userId: users.ada, orgId: org })
    },
  )

  it('organization.update and setLogo (a File, shown by an <img>)', { timeout: 60_000 }, async () => {
    const result = await inPage(async (c, png) => {
      const renamed = await c.organization.update({ name: 'Renamed Org', slug: 'renamed-org' })
      const bytes = Uint8Array.from(atob(png), (ch) => ch.charCodeAt(0))
      const withLogo = await c.organization.setLogo({ file: new File([bytes], 'logo.png', { type: 'image/png' }) })
      const img = new Image()
      img.src = withLogo.imageUrl
      await img.decode()
      const cleared = await c.organization.setLogo({ file: null })
      return {
        name: renamed.name,
        slug: renamed.slug,
        hasImage: withLogo.hasImage,
        width: img.naturalWidth,
        clearedHasImage: cleared.hasImage,
      }
    }, PNG.toString('base64'))
    expect(result).toEqual({
      name: 'Renamed Org',
      slug: 'renamed-org',
      hasImage: true,
      width: 1,
      clearedHasImage: false,
    })
  })

  it('inviteMember, inviteMembers, getInvitations, revoke', { timeout: 60_000 }, async () => {
    const result = await inPage(async (c) => {
      const organization = c.organization
      await organization.inviteMember({ emailAddress: 'eve@example.com', role: 'org:member' })
      const bulk = await organization.inviteMembers({
        emailAddresses: ['x1@example.com', 'x2@example.com'],
        role: 'org:member',
      })
      await bulk[1].revoke()
      const pending = await organization.getInvitations({ status: ['pending'] })
      return {
        bulk: bulk.map((i: AnyClerk) => i.emailAddress),
        pending: pending.data.map((i: AnyClerk) => i.emailAddress),
        total: pending.total_count ?? pending.totalCount,
      }
    }, null)
    expect(result).toEqual({
      bulk: ['x1@example.com', 'x2@example.com'],
      pending: ['x1@example.com', 'eve@example.com'],
      total: 2,
    })
  })

  it(
    'addMember, getMemberships, membership.update (the member’s next token has the new role), destroy',
    { timeout: 60_000 },
    async () => {
      const result = await inPage(async (c, bob) => {
        const organization = c.organization
        await organization.addMember({ userId: bob, role: 'org:member' })
        const members = await organization.getMemberships()
        const membership = members.data.find((m: AnyClerk) => m.publicUserData.userId === bob)
        const promoted = await membership.update({ role: 'org:admin' })
        const demoted = await organization.updateMember({ userId: bob, role: 'org:member' })
        return { count: members.total_count ?? members.totalCount, promoted: promoted.role, demoted: demoted.role }
      }, users.bob)
      expect(result).toEqual({ count: 2, promoted: 'org:admin', demoted: 'org:member' })

      // Bob's side: his token follows his role.
      expect(await signIn('bob@example.com')).toBe(users.bob)
      const roleInToken = () =>
        inPage(async (c, organizationId) => {
          await c.setActive({ organization: organizationId })
          return (await c.session.getToken({ skipCache: true })) as string
        }, org)
      expect(decodePart(await roleInToken(), 1).o).toMatchObject({ id: org, rol: 'member' })
      expect(
        (await h.call('PATCH', `/v1/organizations/${org}/memberships/${users.bob}`, { body: { role: 'org:admin' } }))
          .status,
      ).toBe(200)
      expect(decodePart(await roleInToken(), 1).o).toMatchObject({ id: org, rol: 'admin' })

      // Back to Ada, who removes him.
      await signIn('ada@example.com')
      const left = await inPage(
        async (c, { organizationId, bob }) => {
          await c.setActive({ organization: organizationId })
          const members = await c.organization.getMemberships()
          await members.data.find((m: AnyClerk) => m.publicUserData.userId === bob).destroy()
          return (await c.organization.getMemberships()).data.map((m: AnyClerk) => m.publicUserData.userId)
        },
        { organizationId: org, bob: users.bob },
      )
      expect(left).toEqual([users.ada])
    },
  )

  it(
    'the invitee: user.getOrganizationInvitations, accept, then user.leaveOrganization',
    { timeout: 60_000 },
    async () => {
      expect(await signIn('eve@example.com')).toBe(users.eve)
      const result = await inPage(async (c) => {
        const invitations = await c.user.getOrganizationInvitations()
        const [invitation] = invitations.data
        const accepted = await invitation.accept()
        await c.user.reload()
        const joined = c.user.organizationMemberships.map((m: AnyClerk) => [m.organization.name, m.role])
        await c.user.leaveOrganization(invitation.publicOrganizationData.id)
        await c.user.reload()
        return {
          organization: invitation.publicOrganizationData.name,
          status: accepted.status,
          joined,
          after: c.user.organizationMemberships.length,
        }
      }, null)
      expect(result).toEqual({
        organization: 'Renamed Org',
        status: 'accepted',
        joined: [['Renamed Org', 'org:member']],
        after: 0,
      })
    },
  )

  it('organization.destroy: the admin deletes it, and it is gone from the user', { timeout: 60_000 }, async () => {
    await signIn('ada@example.com')
    const after = await inPage(async (c, organizationId) => {
      await c.setActive({ organization: organizationId })
      await c.organization.destroy()
      await c.user.reload()
      return c.user.organizationMemberships.length
    }, org)
    expect(after).toBe(0)
    expect((await serverView()).orgId).toBeNull()
  })

  it(
    'signUp.create({ strategy: "ticket" }) with an application invitation’s ticket: signed up at once, with its metadata',
    { timeout: 60_000 },
    async () => {
      const invitation = await h.call('POST', '/v1/invitations', {
        body: { email_address: 'invited@example.com', public_metadata: { plan: 'beta' } },
      })
      const ticket = new URL((invitation.body as { url: string }).url).searchParams.get('ticket')!
      const result = await inPage(
        async (c, { ticket, password }) => {
          await c.signOut()
          const signUp = await c.client.signUp.create({ strategy: 'ticket', ticket, password, firstName: 'Invited' })
          await c.setActive({ session: signUp.createdSessionId })
          return {
            status: signUp.status,
            email: c.user.primaryEmailAddress.emailAddress,
            plan: c.user.publicMetadata.plan,
            name: c.user.firstName,
          }
        },
        { ticket, password: PASSWORD },
      )
      expect(result).toEqual({ status: 'complete', email: 'invited@example.com', plan: 'beta', name: 'Invited' })
      expect(problems).toEqual([])
    },
  )
})
