// Options of getAuth and rootAuthLoader: an explicit option wins, else its environment variable (see
// env.ts for where variables are looked up), else the default.
import type { AuthenticateOptions } from '../auth/clerkInstance.js'
import { RemixClerkError } from '../shared/remixClerkError.js'
import { envReader, isTruthy, type EnvReader } from './env.js'
import { missingKey, noPublishableKey, noSecretKey } from './errors.js'
import type { AuthArgs, GetAuthOptions, RootAuthLoaderOptions, ValueOrFromUrl } from './types.js'

const NO_OPTIONS: GetAuthOptions = Object.freeze({})

/**
 * What authentication depends on. Throws with the fix when a key is missing. `env` reads the variables (React Router's
 * layer reads `VITE_`-prefixed public ones first).
 */
export function loadAuthOptions(
  args: AuthArgs,
  overrides: GetAuthOptions | undefined,
  env: EnvReader = envReader(overrides, args.context),
  { machineTokens = false }: { machineTokens?: boolean } = {},
): AuthenticateOptions {
  const { request, context } = args
  overrides ??= NO_OPTIONS
  const secretKey = overrides.secretKey || env('CLERK_SECRET_KEY')
  if (!secretKey) throw new RemixClerkError('REMIX_CLERK_MISSING_SECRET_KEY', missingKey(noSecretKey, context))
  const publishableKey = overrides.publishableKey || env('CLERK_PUBLISHABLE_KEY')
  if (!publishableKey)
    throw new RemixClerkError('REMIX_CLERK_MISSING_PUBLISHABLE_KEY', missingKey(noPublishableKey, context))

  let url: URL | undefined
  const requestUrl = () => (url ??= new URL(request.url))
  const jwtKey = overrides.jwtKey || env('CLERK_JWT_KEY') || undefined
  // Honoured (upstream ignores the option and reads only CLERK_API_URL).
  const apiUrl = overrides.apiUrl || env('CLERK_API_URL') || undefined
  // An explicit `''` turns a CLERK_PROXY_URL off, as upstream.
  const proxyUrl =
    overrides.proxyUrl !== undefined
      ? fromUrl(overrides.proxyUrl, requestUrl) || undefined
      : env('CLERK_PROXY_URL') || undefined
  const domain = fromUrl(overrides.domain, requestUrl) || env('CLERK_DOMAIN') || undefined
  const isSatellite = fromUrl(overrides.isSatellite, requestUrl) || isTruthy(env('CLERK_IS_SATELLITE'))
  return {
    secretKey,
    publishableKey,
    jwtKey,
    apiUrl,
    proxyUrl,
    domain,
    isSatellite,
    // Only a satellite's authentication depends on these; other apps read them for clerkState alone.
    signInUrl: isSatellite ? overrides.signInUrl || env('CLERK_SIGN_IN_URL') || undefined : undefined,
    satelliteAutoSync: isSatellite
      ? (overrides.satelliteAutoSync ?? isTruthy(env('CLERK_SATELLITE_AUTO_SYNC')))
      : undefined,
    // Ours (Clerk always trusts the header): see GetAuthOptions.trustForwardedHost.
    trustForwardedHost: overrides.trustForwardedHost ?? isTruthy(env('CLERK_TRUST_FORWARDED_HOST')),
    organizationSyncOptions: overrides.organizationSyncOptions,
    allowedRedirectOrigins: overrides.allowedRedirectOrigins,
    audience: overrides.audience,
    authorizedParties: overrides.authorizedParties,
    clockSkewInMs: overrides.clockSkewInMs,
    // Read only where machine tokens are accepted: a session-only getAuth reads no more variables than before.
    machineSecretKey: machineTokens
      ? overrides.machineSecretKey || env('CLERK_MACHINE_SECRET_KEY') || undefined
      : undefined,
  }
}

/** The URLs the browser SDK needs (rootAuthLoader hands them over in `clerkState`). */
export interface ClientOptions {
  signInUrl: string
  signUpUrl: string
  signInForceRedirectUrl: string
  signInFallbackRedirectUrl: string
  signUpForceRedirectUrl: string
  signUpFallbackRedirectUrl: string
  afterSignInUrl: string
  afterSignUpUrl: string
  newSubscriptionRedirectUrl: string
}

const CLIENT_OPTION_VARIABLES: Readonly<Record<keyof ClientOptions, string>> = {
  signInUrl: 'CLERK_SIGN_IN_URL',
  signUpUrl: 'CLERK_SIGN_UP_URL',
  signInForceRedirectUrl: 'CLERK_SIGN_IN_FORCE_REDIRECT_URL',
  signInFallbackRedirectUrl: 'CLERK_SIGN_IN_FALLBACK_REDIRECT_URL',
  signUpForceRedirectUrl: 'CLERK_SIGN_UP_FORCE_REDIRECT_URL',
  signUpFallbackRedirectUrl: 'CLERK_SIGN_UP_FALLBACK_REDIRECT_URL',
  afterSignInUrl: 'CLERK_AFTER_SIGN_IN_URL',
  afterSignUpUrl: 'CLERK_AFTER_SIGN_UP_URL',
  newSubscriptionRedirectUrl: 'CLERK_CHECKOUT_CONTINUE_URL',
}

export function loadClientOptions(overrides: RootAuthLoaderOptions, env: EnvReader): ClientOptions {
  const options = {} as ClientOptions
  for (const [name, variable] of Object.entries(CLIENT_OPTION_VARIABLES) as Array<[keyof ClientOptions, string]>) {
    options[name] = overrides[name] || env(variable)
  }
  return options
}

function fromUrl<T>(value: ValueOrFromUrl<T> | undefined, url: () => URL): T | undefined {
  return typeof value === 'function' ? (value as (url: URL) => T)(url()) : value
}
