// createLocalClerk and LocalClerk: the library's front door, one running instance usable in-process or over HTTP.
import type { Hono } from 'hono'
import { createApp } from './app.js'
import { type Core, createCore } from '../core/core.js'
import type { PublicJwk } from '../tokens/instanceKeys.js'
import { type LocalClerkEnv, formatEnvLines } from './envLines.js'
import { LocalClerkError } from '../shared/errors.js'
import { type LocalClerkOptions, resolveOptions } from '../core/options.js'
import { clerkJsUrl } from '../clerkJsBundles/clerkJsBundle.js'
import { oauthAccessTokenJson } from '../backendJson/machineAuth.js'
import { sessionJson } from '../backendJson/session.js'
import { type SeedData, type SeedResult, seed } from './seed.js'
import { type RunningServer, startServer } from './server.js'
import { refreshTokenFor } from '../services/refresh.js'
import {
  type OAuthAccessTokenParams,
  createOAuthAccessToken,
  revokeOAuthAccessToken,
} from '../services/oauthAccessTokens.js'
import { startPendingSession } from '../services/pendingSessions.js'
import { getSession, startSession } from '../services/sessions.js'
import {
  type FrontendApiUrl,
  browserFacingUrl,
  publishableKeyFor,
  redactSecret,
  urlForAddress,
} from '../shared/urls.js'
import { LocalClerkWebhooks } from '../webhooks/localClerkWebhooks.js'

export type SessionJSON = ReturnType<typeof sessionJson>
export type OAuthAccessTokenJSON = ReturnType<typeof oauthAccessTokenJson>
export type { OAuthAccessTokenParams }

export interface GetTokenOptions {
  /** A JWT template name; without it, a session token. */
  template?: string
  expiresInSeconds?: number
  /** Origin of the browser request the token is for; becomes `azp`. */
  origin?: string
  /**
   * The Frontend API the token comes from, its `iss`, e.g. a production satellite's `https://clerk.satellite.example`.
   * Default: a satellite app's own when `origin` is one (see `satelliteOrigins`), else the instance's.
   */
  frontendApi?: string
}

/**
 * A running local Clerk instance: Backend API (and Frontend API) over one SQLite database, usable in-process
 * through `fetch` or over HTTP after `listen`.
 */
export class LocalClerk {
  /** `ins_…`, also the `kid` of the signing key. */
  readonly instanceId: string
  /** `sk_live_…`: the Backend API's Bearer token. */
  readonly secretKey: string
  /** Public key as SPKI PEM, the value of `CLERK_JWT_KEY` (verification without fetching the JWKS). */
  readonly jwtKey: string
  readonly jwks: { keys: PublicJwk[] }
  /** Webhooks: the signing secret, the endpoints, and `settled()` to wait for deliveries. */
  readonly webhooks: LocalClerkWebhooks

  private readonly core: Core
  private readonly app: Hono
  private readonly urlState: FrontendApiUrl
  private server: RunningServer | undefined
  private closed = false

  /** @internal Use `createLocalClerk`. */
  constructor(core: Core, app: Hono, urlState: FrontendApiUrl) {
    this.core = core
    this.app = app
    this.urlState = urlState
    this.instanceId = core.keys.instanceId
    this.secretKey = core.keys.secretKey
    this.jwtKey = core.keys.publicKeyPem
    this.jwks = { keys: [core.keys.jwk] }
    this.webhooks = new LocalClerkWebhooks(core.events)
  }

  /** The Frontend API URL: `iss` of every token. */
  get frontendApiUrl(): string {
    return this.urlState.value
  }

  get url(): string {
    return this.frontendApiUrl
  }

  /**
   * The Frontend API as browsers should reach it, the value of `proxyUrl` / `CLERK_PROXY_URL`: the URL with
   * `localhost` in place of `127.0.0.1`. Browsers send the backend's `__client` cookie (HttpOnly, SameSite=Lax) only
   * to the site of the page, and ports do not make sites: an app on `http://localhost:3000` shares it with
   * `http://localhost:4000`, not with `http://127.0.0.1:4000`. Any other URL is used as it is.
   */
  get browserUrl(): string {
    return browserFacingUrl(this.frontendApiUrl)
  }

  /**
   * Where browsers load ClerkJS from (the one this server serves, see the `clerkJs` option): the value of
   * `clerkJSUrl` / `CLERK_JS`. Undefined when there is none: neither an installed `@clerk/clerk-js` nor a copy that
   * `npx remix-clerk-local clerk-js install` put in the cache.
   */
  get clerkJsUrl(): string | undefined {
    return this.core.clerkJs && clerkJsUrl(this.browserUrl, this.core.clerkJs)
  }

  /** Same origin: the Backend API lives under `/v1/…`. */
  get apiUrl(): string {
    return this.frontendApiUrl
  }

  /** `pk_live_` + base64(`<frontendApiUrl>$`), as Clerk SDKs decode it. */
  get publishableKey(): string {
    return publishableKeyFor(this.frontendApiUrl)
  }

  /**
   * Handles one request in-process, no port needed. Bound, so it can be passed around as a fetch function, or as
   * the `fetch` of your own `@hono/node-server`: its second argument (the adapter's `{ incoming, outgoing }`) tells
   * the handlers that the request came over HTTP, which lets them skip reading a body that is not there.
   */
  readonly fetch = async (request: Request, env?: object): Promise<Response> => {
    this.assertOpen()
    return this.app.fetch(request, env)
  }

  /** Serves over HTTP; the default port 0 picks a free one. */
  async listen(port = 0, host = '127.0.0.1'): Promise<{ url: string; port: number }> {
    this.assertOpen()
    if (this.server)
      throw new LocalClerkError(
        'REMIX_CLERK_LOCAL_ALREADY_LISTENING',
        `remix-clerk-local: already listening on ${this.frontendApiUrl}; call close() first.`,
      )
    this.core.allowedHosts.addListenHost(host)
    this.server = await startServer(this.fetch, port, host)
    this.urlState.setListening(urlForAddress(host, this.server.port))
    return { url: this.frontendApiUrl, port: this.server.port }
  }

  /**
   * Stops the server (if any), lets the webhook deliveries already due finish (for up to two seconds; pending retries
   * are cancelled), and closes the database. Safe to call twice.
   */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    const server = this.server
    this.server = undefined
    try {
      await server?.close()
    } finally {
      // Never throws: what cannot be delivered is logged.
      await this.core.events.dispatcher.close()
      this.core.store.close()
    }
  }

  /** The values for a Remix app's `.env`. */
  env(): LocalClerkEnv {
    const clerkJs = this.clerkJsUrl
    return {
      CLERK_SECRET_KEY: this.secretKey,
      CLERK_PUBLISHABLE_KEY: this.publishableKey,
      CLERK_API_URL: this.apiUrl,
      CLERK_PROXY_URL: this.browserUrl,
      ...(clerkJs ? { CLERK_JS: clerkJs } : {}),
      CLERK_JWT_KEY: this.jwtKey,
      CLERK_WEBHOOK_SIGNING_SECRET: this.webhooks.signingSecret,
    }
  }

  /** The same values as `.env` lines, ready to print or write. */
  envFile(): string {
    return formatEnvLines(this.env())
  }

  /** Adds users, organizations and templates in one transaction; see `SeedData`. Idempotent. */
  seed(data: SeedData): SeedResult {
    this.assertOpen()
    return seed(this.core, data)
  }

  /**
   * Signs a user in on a new client, optionally with an active organization (id or slug). With `pending: true`, the
   * session has a task left to do (choose an organization): its status is `pending` and its tokens say `sts: 'pending'`.
   */
  createSession(params: { userId: string; organizationId?: string; pending?: boolean }): SessionJSON {
    this.assertOpen()
    const { store } = this.core
    if (params.pending) return sessionJson(startPendingSession(this.core, params.userId, params.organizationId))
    return sessionJson(store.transaction(() => startSession(this.core, params.userId, params.organizationId)))
  }

  /**
   * Mints an OAuth access token for `userId`, as if this instance, acting as an OAuth provider, had issued it to a
   * client application: opaque (`oat_…`, verified by `POST /oauth_applications/access_tokens/verify`) or, with
   * `format: 'jwt'`, a JWT (`typ` at+jwt) that SDKs verify against the instance keys.
   */
  async createOAuthAccessToken(params: OAuthAccessTokenParams): Promise<OAuthAccessTokenJSON & { token: string }> {
    this.assertOpen()
    const { record, token } = await createOAuthAccessToken(this.core, params)
    return { ...oauthAccessTokenJson(record, this.core.now()), token }
  }

  /** Revokes an OAuth access token minted by `createOAuthAccessToken`: it no longer verifies. */
  revokeOAuthAccessToken(token: string): void {
    this.assertOpen()
    revokeOAuthAccessToken(this.core, token)
  }

  /** Mints a session token, or a template token with `template`. Throws a `ClerkApiError` like the HTTP API. */
  getToken(sessionId: string, options: GetTokenOptions = {}): Promise<string> {
    this.assertOpen()
    const mint = { expiresInSeconds: options.expiresInSeconds, origin: options.origin, issuer: options.frontendApi }
    return options.template === undefined
      ? this.core.minter.sessionToken(sessionId, mint)
      : this.core.minter.templateToken(sessionId, options.template, mint)
  }

  /**
   * The refresh token of a session: the value of the `__refresh_<suffix>` cookie the handshake sets next to its
   * session token, which a server SDK exchanges for a new token once that one expired. Throws a `ClerkApiError` (404)
   * for an unknown session.
   */
  refreshToken(sessionId: string): string {
    this.assertOpen()
    return refreshTokenFor(this.core, getSession(this.core, sessionId))
  }

  /** Never includes the secret key, so logging the instance is safe. */
  toJSON() {
    return {
      instanceId: this.instanceId,
      url: this.frontendApiUrl,
      publishableKey: this.publishableKey,
      secretKey: redactSecret(this.secretKey),
    }
  }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    return `LocalClerk ${JSON.stringify(this.toJSON())}`
  }

  private assertOpen(): void {
    if (this.closed)
      throw new LocalClerkError(
        'REMIX_CLERK_LOCAL_CLOSED',
        'remix-clerk-local: this LocalClerk is closed; create a new one with createLocalClerk().',
      )
  }
}

/**
 * Opens (or creates) the local instance in the database and returns it, not yet listening. The instance id,
 * keys and secret key persist in the database, so a restart keeps every token verifiable.
 *
 * @example
 * ```ts
 * import { createLocalClerk } from 'remix-clerk-local'
 *
 * const clerk = await createLocalClerk({ db: ':memory:' })
 * await clerk.listen()                                   // or clerk.fetch(request), in-process
 * const { users } = clerk.seed({ users: [{ email_address: 'ada@example.com' }] })
 * const session = clerk.createSession({ userId: users[0]!.id })
 * const jwt = await clerk.getToken(session.id)
 * Object.assign(process.env, clerk.env())                // CLERK_SECRET_KEY, CLERK_PUBLISHABLE_KEY, …
 * await clerk.close()
 * ```
 */
export async function createLocalClerk(options?: LocalClerkOptions): Promise<LocalClerk> {
  const { core, url } = await createCore(resolveOptions(options))
  return new LocalClerk(core, createApp(core), url)
}
