// Shared set-up for request authentication tests: a real local backend (in-process, or over HTTP on
// 127.0.0.1) with a user, an organization and a JWT template, and builders for browser-like requests.
import { createLocalClerk, type LocalClerk } from 'remix-clerk-local'
import type { GetAuthOptions } from '../../src/remix/types.js'

export interface LocalInstance {
  local: LocalClerk
  /** Where the local backend listens (Frontend and Backend API); `http://127.0.0.1:4000` in-process. */
  url: string
  userId: string
  orgId: string
  /** A session without an organization. */
  sessionId: string
  /** A session with `acme` active, the user an `org:admin` with two custom permissions. */
  orgSessionId: string
  /** Networkless (`jwtKey`), production instance. */
  options: GetAuthOptions & { secretKey: string; publishableKey: string }
  /** The same instance verified through its JWKS over HTTP (only when listening). */
  jwksOptions: GetAuthOptions & { secretKey: string; publishableKey: string }
  /** A development-style key (`pk_test_`) naming the same Frontend API. */
  developmentOptions: GetAuthOptions & { secretKey: string; publishableKey: string }
  /** A token minted by the local backend as if its clock were `offsetMs` ahead (negative: behind). */
  mint(
    sessionId: string,
    options?: { offsetMs?: number; template?: string; expiresInSeconds?: number },
  ): Promise<string>
  close(): Promise<void>
}

export async function startLocalInstance({
  listen = false,
  sessionLifetime = 60,
  tokenVersion = 2 as 1 | 2,
} = {}): Promise<LocalInstance> {
  let offsetMs = 0
  const local = await createLocalClerk({
    db: ':memory:',
    sessionLifetime,
    tokenVersion,
    now: () => Date.now() + offsetMs,
  })
  try {
    const url = listen ? (await local.listen()).url : local.url
    const seeded = local.seed({
      users: [{ email_address: 'ada@example.com', first_name: 'Ada', private_metadata: { plan: 'secret' } }],
      organizations: [
        {
          name: 'Acme',
          slug: 'acme',
          private_metadata: { internal: true },
          members: [
            { user: 'ada@example.com', role: 'org:admin', permissions: ['org:invoices:read', 'org:invoices:pay'] },
          ],
        },
      ],
      templates: [{ name: 'test', claims: { email: '{{user.primary_email_address}}' } }],
    })
    const userId = seeded.users[0]!.id
    const orgId = seeded.organizations[0]!.id
    const base = { secretKey: local.secretKey, publishableKey: local.publishableKey }
    return {
      local,
      url,
      userId,
      orgId,
      sessionId: local.createSession({ userId }).id,
      orgSessionId: local.createSession({ userId, organizationId: 'acme' }).id,
      options: { ...base, jwtKey: local.jwtKey, apiUrl: url },
      jwksOptions: { ...base, apiUrl: url },
      developmentOptions: { ...base, publishableKey: developmentKey(url), jwtKey: local.jwtKey, apiUrl: url },
      async mint(sessionId, { offsetMs: offset = 0, template, expiresInSeconds } = {}) {
        offsetMs = offset
        try {
          return await local.getToken(sessionId, { template, expiresInSeconds })
        } finally {
          offsetMs = 0
        }
      },
      close: () => local.close(),
    }
  } catch (error) {
    await local.close()
    throw error
  }
}

/** `pk_test_` + base64(`<frontend API>$`): a development instance whose Frontend API is `frontendApi`. */
function developmentKey(frontendApi: string): string {
  return `pk_test_${Buffer.from(`${frontendApi}$`).toString('base64').replace(/=+$/, '')}`
}

/** What a browser sends with a navigation (a handshake is possible). */
export const NAVIGATION = { accept: 'text/html,application/xhtml+xml', 'sec-fetch-dest': 'document' } as const
/** What a browser sends with fetch() (never a handshake). */
export const FETCH = { accept: '*/*', 'sec-fetch-dest': 'empty' } as const

export function requestWith(
  url: string,
  {
    cookies = {},
    headers = {},
    method = 'GET',
    body,
  }: { cookies?: Record<string, string>; headers?: Record<string, string>; method?: string; body?: BodyInit } = {},
): Request {
  const cookie = Object.entries(cookies)
    .map(([name, value]) => `${name}=${value}`)
    .join('; ')
  return new Request(url, { method, body, headers: { ...headers, ...(cookie ? { cookie } : {}) } })
}

/** The cookies a signed-in browser sends: the session token and `__client_uat` (the token's `iat`). */
export function sessionCookies(token: string, suffix?: string): Record<string, string> {
  const uat = String(claimsOf(token).iat)
  return suffix
    ? { [`__session_${suffix}`]: token, [`__client_uat_${suffix}`]: uat }
    : { __session: token, __client_uat: uat }
}

/** The unverified claims of a JWT, for building cookies that agree with it. */
export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>
}

export function args(request: Request, context: unknown = {}) {
  return { request, context, params: {} }
}
