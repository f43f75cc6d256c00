// `clerkState` for @clerk/react-router's `<ClerkProvider loaderData={loaderData}>`: what remix-clerk hands to
// @clerk/remix's ClerkApp, less the fields @clerk/react-router does not read, plus those it does (its ClerkJS and
// Clerk UI URLs, prefetching, the development-mode warning). Page data is public: no secret key, no token.
import type { AnyAuthObject } from '../auth/machine/machineAuthObjects.js'
import type { SettledState } from '../auth/requestState.js'
import { clerkStateFor } from '../remix/clerkState.js'
import { isTruthy, type EnvReader } from '../remix/env.js'
import type { ClientOptions } from '../remix/options.js'
import type { ClerkState } from '../remix/types.js'

export function reactRouterClerkState(
  state: SettledState,
  auth: AnyAuthObject,
  client: ClientOptions,
  env: EnvReader,
): ClerkState {
  const {
    __afterSignInUrl: _afterSignIn,
    __afterSignUpUrl: _afterSignUp,
    newSubscriptionRedirectUrl: _newSubscription,
    ...shared
  } = clerkStateFor(state, auth, client, env).__internal_clerk_state
  return {
    __internal_clerk_state: {
      ...shared,
      // @clerk/react-router's variable is CLERK_JS_URL; CLERK_JS (what remix-clerk-local prints) counts too.
      __clerkJSUrl: env('CLERK_JS_URL') || env('CLERK_JS') || undefined,
      __clerkUIUrl: env('CLERK_UI_URL') || undefined,
      __clerkUIVersion: env('CLERK_UI_VERSION') || undefined,
      __prefetchUI: env('CLERK_PREFETCH_UI') === 'false' ? false : undefined,
      __unsafeDisableDevelopmentModeConsoleWarning: isTruthy(
        env('CLERK_UNSAFE_DISABLE_DEVELOPMENT_MODE_CONSOLE_WARNING'),
      ),
    },
  }
}
