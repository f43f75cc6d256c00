// `clerkState`: what the root loader hands to the browser so that `ClerkApp` from `@clerk/remix` can
// start already knowing the session. Page data is public: no secret key, no jwtKey, no token.
import type { AnyAuthObject } from '../auth/machine/machineAuthObjects.js'
import type { SettledState } from '../auth/requestState.js'
import { isTruthy, type EnvReader } from './env.js'
import type { ClientOptions } from './options.js'
import type { ClerkState } from './types.js'

export function clerkStateFor(
  state: SettledState,
  auth: AnyAuthObject,
  client: ClientOptions,
  env: EnvReader,
): ClerkState {
  return {
    __internal_clerk_state: {
      __clerk_ssr_state: withoutFunctions(auth),
      __publishableKey: state.publishableKey,
      __proxyUrl: state.proxyUrl,
      __domain: state.domain,
      __isSatellite: state.isSatellite,
      __signInUrl: client.signInUrl,
      __signUpUrl: client.signUpUrl,
      __afterSignInUrl: client.afterSignInUrl,
      __afterSignUpUrl: client.afterSignUpUrl,
      __signInForceRedirectUrl: client.signInForceRedirectUrl,
      __signUpForceRedirectUrl: client.signUpForceRedirectUrl,
      __signInFallbackRedirectUrl: client.signInFallbackRedirectUrl,
      __signUpFallbackRedirectUrl: client.signUpFallbackRedirectUrl,
      // Without the `__` prefix, as `ClerkApp` reads it.
      newSubscriptionRedirectUrl: client.newSubscriptionRedirectUrl,
      __clerk_debug: {
        isSignedIn: state.isSignedIn,
        isAuthenticated: state.isAuthenticated,
        proxyUrl: state.proxyUrl,
        reason: state.reason,
        message: state.message,
        publishableKey: state.publishableKey,
        isSatellite: state.isSatellite,
        domain: state.domain,
      },
      __clerkJSUrl: env('CLERK_JS') || undefined,
      __clerkJSVersion: env('CLERK_JS_VERSION') || undefined,
      __telemetryDisabled: isTruthy(env('CLERK_TELEMETRY_DISABLED')),
      __telemetryDebug: isTruthy(env('CLERK_TELEMETRY_DEBUG')),
    },
  }
}

/**
 * The auth object as data: its functions (`getToken`, `has`, `debug`) would vanish in JSON anyway, and
 * would make Remix's single-fetch serializer (turbo-stream) throw.
 */
function withoutFunctions(auth: AnyAuthObject): Record<string, unknown> {
  const data: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(auth)) if (typeof value !== 'function') data[key] = value
  return data
}
