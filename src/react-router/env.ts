// @clerk/react-router reads the public variables under Vite's `VITE_` prefix first (`VITE_CLERK_PUBLISHABLE_KEY`, …),
// which a Vite app exposes to the browser anyway; secrets (`CLERK_SECRET_KEY`, `CLERK_JWT_KEY`,
// `CLERK_MACHINE_SECRET_KEY`) and `CLERK_API_URL` are read without it.
import { envReader, type EnvReader } from '../remix/env.js'
import type { GetAuthOptions } from '../remix/types.js'

const PUBLIC_VARIABLES = new Set([
  'CLERK_PUBLISHABLE_KEY',
  'CLERK_DOMAIN',
  'CLERK_IS_SATELLITE',
  'CLERK_PROXY_URL',
  'CLERK_SIGN_IN_URL',
  'CLERK_SIGN_UP_URL',
  'CLERK_JS_URL',
  'CLERK_JS_VERSION',
  'CLERK_UI_URL',
  'CLERK_UI_VERSION',
  'CLERK_PREFETCH_UI',
  'CLERK_TELEMETRY_DISABLED',
  'CLERK_TELEMETRY_DEBUG',
  'CLERK_UNSAFE_DISABLE_DEVELOPMENT_MODE_CONSOLE_WARNING',
  'CLERK_SIGN_IN_FORCE_REDIRECT_URL',
  'CLERK_SIGN_UP_FORCE_REDIRECT_URL',
  'CLERK_SIGN_IN_FALLBACK_REDIRECT_URL',
  'CLERK_SIGN_UP_FALLBACK_REDIRECT_URL',
  'CLERK_AFTER_SIGN_IN_URL',
  'CLERK_AFTER_SIGN_UP_URL',
  'CLERK_CHECKOUT_CONTINUE_URL',
])

export function reactRouterEnvReader(overrides: GetAuthOptions | undefined, context: unknown): EnvReader {
  const env = envReader(overrides, context)
  return (name) => (PUBLIC_VARIABLES.has(name) ? env(`VITE_${name}`) || env(name) : env(name))
}
