// Public entry of remix-clerk-local/testing: helpers for an app's own tests.
import { LocalClerkError } from './shared/errors.js'
import { cookieSuffix } from './http/appCookies.js'
import { type LocalClerk, createLocalClerk } from './assembly/localClerk.js'
import type { LocalClerkOptions } from './core/options.js'

/**
 * Starts a local Clerk for a test file: in memory unless `db` says otherwise, listening on a free port of
 * 127.0.0.1. Close it in `afterAll`.
 *
 * @example
 * ```ts
 * import { startLocalClerk } from 'remix-clerk-local/testing'
 *
 * let clerk: LocalClerk
 * beforeAll(async () => {
 *   clerk = await startLocalClerk()
 *   process.env.CLERK_SECRET_KEY = clerk.secretKey
 *   process.env.CLERK_PUBLISHABLE_KEY = clerk.publishableKey
 *   process.env.CLERK_API_URL = clerk.apiUrl
 * })
 * afterAll(() => clerk.close())
 * ```
 */
export async function startLocalClerk(options: LocalClerkOptions = {}): Promise<LocalClerk> {
  const clerk = await createLocalClerk({ db: ':memory:', ...options })
  try {
    await clerk.listen(0)
  } catch (error) {
    await clerk.close()
    throw error
  }
  return clerk
}

/** The ready-made people of `seedPersonas`, also accepted by name wherever a `SignInAs` is. */
export const PERSONAS = {
  organization: { name: 'Acme Inc', slug: 'acme' },
  member: { email: 'member@example.com', firstName: 'Mia', lastName: 'Member', role: 'org:member' },
  'org-admin': { email: 'admin@example.com', firstName: 'Ada', lastName: 'Admin', role: 'org:admin' },
} as const

export type Persona = 'member' | 'org-admin'

export interface SeededPersonas {
  organization: { id: string; slug: string }
  member: { userId: string; email: string; role: string }
  'org-admin': { userId: string; email: string; role: string }
}

/**
 * Creates (once; later calls find them) the organization `acme` with a member, `member@example.com`
 * (org:member), and an admin, `admin@example.com` (org:admin).
 *
 * @example
 * ```ts
 * const { member, organization } = seedPersonas(clerk)
 * expect(await loaderAs('member')).toMatchObject({ userId: member.userId, orgId: organization.id })
 * ```
 */
export function seedPersonas(clerk: LocalClerk): SeededPersonas {
  const people = [PERSONAS.member, PERSONAS['org-admin']]
  const result = clerk.seed({
    users: people.map((p) => ({ email_address: p.email, first_name: p.firstName, last_name: p.lastName })),
    organizations: [{ ...PERSONAS.organization, members: people.map((p) => ({ user: p.email, role: p.role })) }],
  })
  const [member, admin] = result.users
  return {
    organization: { id: result.organizations[0]!.id, slug: result.organizations[0]!.slug },
    member: { userId: member!.id, email: PERSONAS.member.email, role: PERSONAS.member.role },
    'org-admin': { userId: admin!.id, email: PERSONAS['org-admin'].email, role: PERSONAS['org-admin'].role },
  }
}

export interface SignInAs {
  /** A user id (`user_…`), or an e-mail address: a user with that address is created if there is none. */
  user: string
  /** The session's active organization, by id or slug; the user must be a member of it. */
  organization?: string
  /**
   * How the request carries the session: `cookies` (default) as a browser does after the handshake
   * (`__session` and `__client_uat`, plain and suffixed, and `__refresh_<suffix>`), or `authorization` (`Authorization: Bearer <token>`).
   */
  via?: 'cookies' | 'authorization'
  /** The token's lifetime instead of the instance's session lifetime. */
  expiresInSeconds?: number
  /** `azp` of the token; by default the origin of the request URL, as a browser's token would have. */
  origin?: string
  /**
   * A session with a task left to do (choose an organization): its tokens say `sts: 'pending'`, which SDKs count as
   * signed out unless `treatPendingAsSignedOut: false`.
   */
  pending?: boolean
}

export interface SignedIn {
  userId: string
  sessionId: string
  organizationId: string | null
  /** The session token. */
  token: string
  /** The session's refresh token (`__refresh_<suffix>`, sent with the cookies as after a handshake). */
  refreshToken: string
  /** The headers that carry it (a `Cookie`, or an `Authorization`). */
  headers: Headers
}

/**
 * Signs a user in on a new session and returns the ids, the session token and the headers an app's request
 * would carry. A persona name (`'member'`, `'org-admin'`) signs in that persona with the `acme` organization
 * active, seeding it first if needed.
 *
 * Tokens come from the instance's clock: when the instance was created with a `now` option, the app's SDK (which
 * checks tokens against the real clock) sees them as issued at that time.
 *
 * @example
 * ```ts
 * const { userId, headers } = await signIn(clerk, { user: 'ada@example.com' }, 'http://localhost/dashboard')
 * ```
 */
export async function signIn(clerk: LocalClerk, as: SignInAs | Persona, url: string | URL): Promise<SignedIn> {
  const who = resolvePersona(clerk, as)
  const userId = userIdFor(clerk, who.user)
  const session = clerk.createSession({
    userId,
    ...(who.organization === undefined ? {} : { organizationId: who.organization }),
    ...(who.pending ? { pending: true } : {}),
  })
  const token = await clerk.getToken(session.id, {
    origin: who.origin ?? new URL(url).origin,
    ...(who.expiresInSeconds === undefined ? {} : { expiresInSeconds: who.expiresInSeconds }),
  })
  const headers = new Headers()
  const refreshToken = clerk.refreshToken(session.id)
  if (who.via === 'authorization') {
    headers.set('Authorization', `Bearer ${token}`)
  } else {
    const suffix = cookieSuffix(clerk.publishableKey)
    // The new session's client changed when it was created: that is the __client_uat a handshake would send.
    const clientUat = String(Math.floor(session.created_at / 1000))
    const cookies = {
      __session: token,
      [`__session_${suffix}`]: token,
      __client_uat: clientUat,
      [`__client_uat_${suffix}`]: clientUat,
      [`__refresh_${suffix}`]: refreshToken,
    }
    headers.set(
      'Cookie',
      Object.entries(cookies)
        .map(([name, value]) => `${name}=${value}`)
        .join('; '),
    )
  }
  return {
    userId,
    sessionId: session.id,
    organizationId: session.last_active_organization_id,
    token,
    refreshToken,
    headers,
  }
}

/**
 * `init`'s headers plus those of a freshly signed-in session (see `signIn`); an existing `Cookie` header is kept
 * and extended.
 *
 * @example
 * ```ts
 * const headers = await createSignedInHeaders(clerk, url, 'org-admin', { accept: 'application/json' })
 * ```
 */
export async function createSignedInHeaders(
  clerk: LocalClerk,
  url: string | URL,
  as: SignInAs | Persona,
  // HeadersInit by another name: a Node project's types (@types/node without the DOM library) have RequestInit only.
  init?: RequestInit['headers'],
): Promise<Headers> {
  const { headers: auth } = await signIn(clerk, as, url)
  const headers = new Headers(init)
  for (const [name, value] of auth) {
    const existing = name === 'cookie' ? headers.get('cookie') : null
    headers.set(name, existing ? `${existing}; ${value}` : value)
  }
  return headers
}

/**
 * A `Request` for `url` from a signed-in browser, ready for a loader, an action or a request handler.
 *
 * @example
 * ```ts
 * import { createSignedInRequest, startLocalClerk } from 'remix-clerk-local/testing'
 *
 * const request = await createSignedInRequest(clerk, 'http://localhost/dashboard', { user: 'ada@example.com', organization: 'acme' })
 * const auth = await getAuth({ request, params: {}, context: {} })
 * expect(auth.orgSlug).toBe('acme')
 *
 * const admin = await createSignedInRequest(clerk, 'http://localhost/admin', 'org-admin', { method: 'POST', body: form })
 * ```
 */
export async function createSignedInRequest(
  clerk: LocalClerk,
  url: string | URL,
  as: SignInAs | Persona,
  init: RequestInit = {},
): Promise<Request> {
  return new Request(url, { ...init, headers: await createSignedInHeaders(clerk, url, as, init.headers) })
}

export interface OAuthAccessTokenFor {
  /** A user id (`user_…`), or an e-mail address: a user with that address is created if there is none. */
  user: string
  /** Default none. */
  scopes?: readonly string[]
  /** `aud`: the resources the token is for (an app checks it with the `audience` option). */
  audience?: string | readonly string[]
  /** The OAuth application's client id; default a new `client_…` id. */
  clientId?: string
  /** Default 3600. */
  expiresInSeconds?: number
  /** `opaque` (default, `oat_…`, verified by the Backend API) or `jwt` (`typ` at+jwt, verified against the JWKS). */
  format?: 'opaque' | 'jwt'
}

export interface OAuthAccessTokenIssued {
  /** The access token, what a client sends as `Authorization: Bearer …`. */
  token: string
  /** `oat_…`: the token's id. */
  id: string
  userId: string
  clientId: string
  /** `Authorization: Bearer <token>`. */
  headers: Headers
}

/**
 * An OAuth access token for a user, as if this instance, acting as an OAuth provider, had issued it to a client
 * application: for testing routes that take `acceptsToken: 'oauth_token'`. remix-clerk-local does not run the OAuth
 * authorization flow itself.
 *
 * @example
 * ```ts
 * const { headers, userId } = await createOAuthAccessToken(clerk, { user: 'ada@example.com', scopes: ['read:invoices'] })
 * const auth = await getAuth({ request: new Request(url, { headers }), params: {}, context: {} }, { acceptsToken: 'oauth_token' })
 * expect(auth.userId).toBe(userId)
 * ```
 */
export async function createOAuthAccessToken(
  clerk: LocalClerk,
  params: OAuthAccessTokenFor,
): Promise<OAuthAccessTokenIssued> {
  const userId = userIdFor(clerk, params.user)
  const issued = await clerk.createOAuthAccessToken({
    userId,
    scopes: params.scopes,
    audience: params.audience,
    clientId: params.clientId,
    expiresInSeconds: params.expiresInSeconds,
    format: params.format,
  })
  return {
    token: issued.token,
    id: issued.id,
    userId,
    clientId: issued.client_id,
    headers: new Headers({ Authorization: `Bearer ${issued.token}` }),
  }
}

/**
 * A `Request` from a browser that never signed in: no Clerk cookies at all (`init` is passed through).
 *
 * @example
 * ```ts
 * const auth = await getAuth({ request: createSignedOutRequest('http://localhost/dashboard'), params: {}, context: {} })
 * expect(auth.userId).toBeNull()
 * ```
 */
export function createSignedOutRequest(url: string | URL, init: RequestInit = {}): Request {
  return new Request(url, init)
}

function resolvePersona(clerk: LocalClerk, as: SignInAs | Persona): SignInAs {
  if (typeof as !== 'string') return as
  const personas = seedPersonas(clerk)
  const persona = personas[as]
  if (!persona)
    throw new LocalClerkError(
      'REMIX_CLERK_LOCAL_INVALID_ARGUMENT',
      `remix-clerk-local/testing: unknown persona ${JSON.stringify(as)}; use 'member' or 'org-admin'.`,
    )
  return { user: persona.userId, organization: personas.organization.id }
}

function userIdFor(clerk: LocalClerk, user: unknown): string {
  if (typeof user === 'string' && user.startsWith('user_')) return user
  if (typeof user === 'string' && user.includes('@'))
    return clerk.seed({ users: [{ email_address: user }] }).users[0]!.id
  throw new LocalClerkError(
    'REMIX_CLERK_LOCAL_INVALID_ARGUMENT',
    `remix-clerk-local/testing: user must be a user id (user_…) or an e-mail address (got ${JSON.stringify(user)}).`,
  )
}
