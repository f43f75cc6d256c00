/**
 * The host names the server answers to, the defence against DNS rebinding: a page on `rebind.evil.example`,
 * whose name an attacker points at 127.0.0.1, reaches this server as its own origin, and a browser sends its
 * name in `Host`. Only names this server was configured with are served.
 */
import type { AllowedOrigins } from './allowedOrigins.js'

/** Always served: they name this machine, and no DNS answer can make them point elsewhere. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]']
const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' }

export class AllowedHosts {
  private readonly names: Set<string>
  private readonly configured: { hostname: string; port: string; portIsDefault: boolean } | undefined

  /**
   * `url`: the public URL option, served on its own port (a proxy in front may listen elsewhere). The host names
   * of the allowed origins (where the apps live, e.g. `devbox.test`) and the loopback names are served on the
   * port the request came in on.
   */
  constructor(url: string | undefined, allowedOrigins: AllowedOrigins) {
    this.names = new Set([...LOOPBACK_NAMES, ...allowedOrigins.hostnames()])
    if (url !== undefined) {
      const parsed = new URL(url)
      this.configured = {
        hostname: parsed.hostname,
        port: parsed.port || DEFAULT_PORTS[parsed.protocol]!,
        portIsDefault: parsed.port === '',
      }
    }
  }

  /** Adds the interface `listen()` binds to (`192.168.1.5`, `::1`, `devbox.local`). */
  addListenHost(host: string): void {
    if (host === '') return
    this.names.add(host.includes(':') ? `[${host.toLowerCase()}]` : host.toLowerCase())
  }

  /** Whether a `Host` header value names this server, for a request that arrived on local port `localPort`. */
  allows(host: string, localPort: number): boolean {
    const parsed = splitHost(host)
    if (!parsed) return false
    const { configured } = this
    // Without a port, the browser used the scheme's default one.
    if (
      configured?.hostname === parsed.hostname &&
      (parsed.port === undefined ? configured.portIsDefault : parsed.port === configured.port)
    ) {
      return true
    }
    return this.names.has(parsed.hostname) && (parsed.port ?? '80') === String(localPort)
  }
}

/** `name:port`, `[v6]:port`, or without the port; anything else (user info, a path, odd characters) is refused. */
function splitHost(host: string): { hostname: string; port: string | undefined } | undefined {
  // Linear: the name's characters exclude ':' and ']', so there is one way to split.
  const match = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+)(?::(\d{1,5}))?$/.exec(host)
  if (!match) return undefined
  return { hostname: match[1]!.toLowerCase(), port: match[2] }
}
