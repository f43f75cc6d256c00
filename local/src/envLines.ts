/** The four values a Remix app needs to talk to this backend. */
export interface LocalClerkEnv {
  CLERK_SECRET_KEY: string
  CLERK_PUBLISHABLE_KEY: string
  CLERK_API_URL: string
  CLERK_JWT_KEY: string
}

/** `.env` lines; the PEM goes in double quotes with `\n` escapes, which dotenv turns back into newlines. */
export function formatEnvLines(env: LocalClerkEnv): string {
  return Object.entries(env)
    .map(([name, value]) => (value.includes('\n') ? `${name}="${value.trim().replace(/\n/g, '\\n')}"` : `${name}=${value}`))
    .join('\n')
}
