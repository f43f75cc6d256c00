// The URLs and keys derived from the Frontend API URL (publishable key, browser-facing URL), and how secrets are
// redacted.
/**
 * The publishable key encodes the Frontend API URL: `pk_live_` + base64(`<url>$`) without padding. With the
 * scheme included, the SDK sends its handshake to plain HTTP; and the text must contain a dot, which
 * `http://127.0.0.1:<port>` has and `localhost:<port>` does not.
 */
export function publishableKeyFor(frontendApiUrl: string): string {
  return `pk_live_${Buffer.from(`${frontendApiUrl}$`).toString('base64').replace(/=+$/, '')}`
}

/** Addresses that mean "this machine" are published as 127.0.0.1 so the publishable key stays valid. */
export function urlForAddress(host: string, port: number): string {
  const local = ['0.0.0.0', '::', '127.0.0.1', 'localhost', '']
  if (local.includes(host)) return `http://127.0.0.1:${port}`
  return host.includes(':') ? `http://[${host}]:${port}` : `http://${host}:${port}`
}

/** `sk_live_abc…` → `sk_live_…`: enough to tell keys apart in messages, never enough to use one. */
export function redactSecret(secret: string): string {
  const match = /^(sk_(?:live|test)_)/.exec(secret)
  return match ? `${match[1]}…` : '…'
}

/** The Frontend API URL with `localhost` in place of `127.0.0.1` (see `LocalClerk.browserUrl`). */
export function browserFacingUrl(frontendApiUrl: string): string {
  const url = new URL(frontendApiUrl)
  if (url.hostname === '127.0.0.1') url.hostname = 'localhost'
  return url.origin
}

/** Before `listen()` and without a `url` option, URLs point where the CLI listens by default. */
const DEFAULT_URL = 'http://127.0.0.1:4000'

/** The Frontend API URL: the configured one, else the address being listened on, else the default. */
export class FrontendApiUrl {
  private listening: string | undefined

  constructor(private readonly configured: string | undefined) {}

  get value(): string {
    return this.configured ?? this.listening ?? DEFAULT_URL
  }

  setListening(url: string | undefined): void {
    this.listening = url
  }
}
