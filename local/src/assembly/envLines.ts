// The settings an app copies into its environment, shared by the CLI's output and LocalClerk.env().
/** What a Remix app needs to talk to this backend, on the server (keys, URL) and in the browser (ClerkJS). */
export interface LocalClerkEnv {
  CLERK_SECRET_KEY: string
  CLERK_PUBLISHABLE_KEY: string
  CLERK_API_URL: string
  /** Where browsers reach the Frontend API (see LocalClerk.browserUrl); ClerkJS and the handshake go there. */
  CLERK_PROXY_URL: string
  /** ClerkJS as served by this backend (`clerkJSUrl`); absent when it has none (neither installed nor cached). */
  CLERK_JS?: string
  CLERK_JWT_KEY: string
  /** `whsec_…`: what the app verifies this backend's webhooks with (`verifyWebhook`). */
  CLERK_WEBHOOK_SIGNING_SECRET: string
}

/** `.env` lines; the PEM goes in double quotes with `\n` escapes, which dotenv turns back into newlines. */
export function formatEnvLines(env: LocalClerkEnv): string {
  return Object.entries(env)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) =>
      value.includes('\n') ? `${name}="${value.trim().replace(/\n/g, '\\n')}"` : `${name}=${value}`,
    )
    .join('\n')
}
