// Public types of `remix-clerk/ssr.server`. Remix's own types are matched by shape, not imported, so the
// package neither depends on Remix at run time nor drags its types into ours.
import type { Organization } from '../backend/resources/organization.js'
import type { Session } from '../backend/resources/session.js'
import type { User } from '../backend/resources/user.js'
import type { AuthObject } from '../auth/authObject.js'
import type { AcceptsToken } from '../auth/machine/acceptedToken.js'
import type { AuthObjectFor } from '../auth/machine/machineAuthObjects.js'
import type { OrganizationSyncOptions } from '../auth/organizationSync.js'

/** What Remix passes to a loader or an action (`LoaderFunctionArgs` / `ActionFunctionArgs`). */
export interface AuthArgs {
  request: Request
  /** Remix's `AppLoadContext`; environment variables are also looked up in it (Cloudflare). */
  context?: unknown
  params?: unknown
}

/** A value, or a function of the request's URL that returns it. */
export type ValueOrFromUrl<T> = T | ((url: URL) => T)

/** Options of `getAuth`. Each one falls back to its environment variable. */
export interface GetAuthOptions {
  /** `CLERK_SECRET_KEY`. */
  secretKey?: string
  /** `CLERK_PUBLISHABLE_KEY`. */
  publishableKey?: string
  /** `CLERK_JWT_KEY`: the instance's PEM public key, for verification without fetching the JWKS. */
  jwtKey?: string
  /**
   * `CLERK_MACHINE_SECRET_KEY`: this app's machine secret key (`ak_…`). Opaque M2M tokens are then verified as meant
   * for this machine (the sending machine must be scoped to it); without it, with the secret key, any machine's
   * token of the instance verifies.
   */
  machineSecretKey?: string
  /** `CLERK_API_URL`; default derived from the publishable key (`https://api.clerk.com`). */
  apiUrl?: string
  /** `CLERK_PROXY_URL`: the Frontend API behind your own domain, absolute or a path such as `/__clerk`. */
  proxyUrl?: ValueOrFromUrl<string>
  /** `CLERK_DOMAIN`: a satellite's own domain (its Frontend API is then `clerk.<domain>`). */
  domain?: ValueOrFromUrl<string>
  /** `CLERK_IS_SATELLITE`: this app is a satellite domain, signed in through the primary domain. */
  isSatellite?: ValueOrFromUrl<boolean>
  /**
   * `CLERK_SIGN_IN_URL`: the sign-in page. A satellite's is the primary application's (absolute, required on
   * development instances), through which it syncs.
   */
  signInUrl?: string
  /**
   * `CLERK_SATELLITE_AUTO_SYNC`: a satellite's first page load without cookies syncs with the primary at once;
   * default false (as @clerk/backend 3): it syncs after a sign-in on the primary (`__clerk_synced=false`) instead.
   */
  satelliteAutoSync?: boolean
  /**
   * `CLERK_TRUST_FORWARDED_HOST`: the app's public host is the one `X-Forwarded-Host` names; default false, the
   * `Host` header (which is also what the Remix adapters put in `request.url`). Set it only behind a proxy that
   * sets the header and drops any a client sent: otherwise a client chooses where `clerkState` points ClerkJS
   * (`proxyUrl: '/__clerk'`) and where the handshake returns. `X-Forwarded-Proto` is always read.
   */
  trustForwardedHost?: boolean
  /** URL paths that name an organization (`organizationPatterns`) or the personal account to activate. */
  organizationSyncOptions?: OrganizationSyncOptions
  /**
   * Origins of your satellites, on a development primary: where it may send the browser back to, with its dev
   * browser token, when a satellite syncs (`__clerk_redirect_url`). `authorizedParties` count too.
   */
  allowedRedirectOrigins?: string[]
  /** Accepted `aud` values; once set, a session token must carry one of them. */
  audience?: string | string[]
  /** Accepted `azp` origins, e.g. `['https://example.com']`; once set, a session token must carry one. */
  authorizedParties?: string[]
  /** Tolerated clock difference for `exp`, `nbf` and `iat`; default 5000. */
  clockSkewInMs?: number
  /**
   * Whether a session with a task left to do (`sts: 'pending'`, e.g. choosing an organization) counts as signed out
   * (its `sessionStatus` says `'pending'`); default true, as @clerk/backend 3.
   */
  treatPendingAsSignedOut?: boolean
}

/**
 * `acceptsToken`: which tokens the route takes: `'session_token'` (default), `'api_key'`, `'m2m_token'`,
 * `'oauth_token'`, `'any'`, or a list of kinds. A machine token in `Authorization` of an accepted kind gives that
 * kind's auth object; a token of another kind is refused (`token-type-mismatch`), never taken for a session. Given
 * to `getAuth` in its options object, the return type follows it.
 */
export interface AcceptsTokenOption {
  acceptsToken?: AcceptsToken
}

/** Options of `rootAuthLoader`: those of `getAuth`, the URLs the browser SDK needs, and resource loading. */
export interface RootAuthLoaderOptions extends GetAuthOptions, AcceptsTokenOption {
  /** `CLERK_SIGN_UP_URL`. */
  signUpUrl?: string
  /** `CLERK_SIGN_IN_FORCE_REDIRECT_URL`. */
  signInForceRedirectUrl?: string | null
  /** `CLERK_SIGN_IN_FALLBACK_REDIRECT_URL`. */
  signInFallbackRedirectUrl?: string | null
  /** `CLERK_SIGN_UP_FORCE_REDIRECT_URL`. */
  signUpForceRedirectUrl?: string | null
  /** `CLERK_SIGN_UP_FALLBACK_REDIRECT_URL`. */
  signUpFallbackRedirectUrl?: string | null
  /** `CLERK_AFTER_SIGN_IN_URL` (deprecated upstream in favour of the redirect URLs above). */
  afterSignInUrl?: string
  /** `CLERK_AFTER_SIGN_UP_URL` (deprecated upstream in favour of the redirect URLs above). */
  afterSignUpUrl?: string
  /** `CLERK_CHECKOUT_CONTINUE_URL`. */
  newSubscriptionRedirectUrl?: string | null
  /** Fetch the signed-in user (without `privateMetadata`) into `request.user` for the callback. */
  loadUser?: boolean
  /** Fetch the session into `request.session` for the callback. */
  loadSession?: boolean
  /** Fetch the active organization (without `privateMetadata`) into `request.organization`. */
  loadOrganization?: boolean
}

/** A user or organization as the callback sees it: a plain copy without `privateMetadata`. */
export type WithoutPrivateMetadata<T> = Omit<T, 'privateMetadata' | 'raw'>

/** The request handed to the `rootAuthLoader` callback: the same Request, with the auth state added. */
export type RequestWithAuth<Options extends RootAuthLoaderOptions = RootAuthLoaderOptions> = Request & {
  auth: Options extends { acceptsToken: infer Accepts } ? AuthObjectFor<Accepts> : AuthObject
} & (Options extends { loadSession: true } ? { session: Session | undefined } : unknown) &
  (Options extends { loadUser: true } ? { user: WithoutPrivateMetadata<User> | undefined } : unknown) &
  (Options extends { loadOrganization: true }
    ? { organization: WithoutPrivateMetadata<Organization> | undefined }
    : unknown)

export type LoaderArgsWithAuth<Args extends AuthArgs, Options extends RootAuthLoaderOptions> = Omit<Args, 'request'> & {
  request: RequestWithAuth<Options>
}

/** What `ClerkApp` from `@clerk/remix` reads from the root loader's data. */
export interface ClerkState {
  __internal_clerk_state: Record<string, unknown>
}

/** Remix's `TypedResponse`, by shape: a Response whose JSON body has a known type. */
export type JsonResponse<T> = Omit<Response, 'json'> & { json(): Promise<T> }

/**
 * What the callback may return: a plain object, `null`, a Response with a JSON object body (Remix's
 * `json()`), a redirect, Remix's `defer()` or single-fetch `data()`.
 */
export type RootAuthLoaderCallbackResult = Record<string, unknown> | null | Response | object

type WithClerkState<T> = (T extends null ? unknown : T) & { clerkState: ClerkState }

/**
 * The loader's return for a callback result `R`, so that `useLoaderData<typeof loader>()` stays typed.
 * `defer()` and `data()` results come back as they went in (with `clerkState` added to their data);
 * Remix's types for them have only `data` and `init`, so any result of that shape is typed that way.
 */
export type RootAuthLoaderResult<R> =
  R extends JsonResponse<infer Data>
    ? unknown extends Data
      ? Response
      : JsonResponse<WithClerkState<Data>>
    : R extends Response
      ? Response
      : R extends { data: unknown; init?: unknown }
        ? R
        : JsonResponse<WithClerkState<R>>
