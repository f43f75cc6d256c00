/**
 * Satellite domains, locally. One server answers under several host names, and a browser keeps one cookie jar per
 * site: the `__client` cookie set on `localhost:4000` is not sent to `127.0.0.1:4000`. That is the split between a
 * primary domain and a satellite on Clerk, where each domain has its own Frontend API host. So the primary's
 * Frontend API is this server under `localhost` (where the primary app's sign-in leaves the client), and a
 * satellite's is this server under the satellite's own host name, same port (`http://127.0.0.1:4000` for an app on
 * `http://127.0.0.1:3001`).
 */
import { browserFacingUrl } from '../shared/urls.js'

export class Satellites {
  private readonly origins: ReadonlySet<string>
  private readonly hostnames: ReadonlySet<string>

  constructor(
    origins: readonly string[],
    private readonly frontendApiUrl: () => string,
  ) {
    this.origins = new Set(origins)
    this.hostnames = new Set(origins.map((origin) => new URL(origin).hostname))
  }

  /** Whether any satellite is configured (nothing here costs anything otherwise). */
  get any(): boolean {
    return this.origins.size > 0
  }

  /** Whether `origin` is one of the satellite applications. */
  isSatelliteOrigin(origin: string): boolean {
    return this.origins.has(origin)
  }

  /**
   * The primary's Frontend API origin: `LocalClerk.browserUrl`, the `CLERK_PROXY_URL` of the primary app (the public
   * URL, under `localhost` when that is `127.0.0.1`).
   */
  primaryOrigin(): string {
    return browserFacingUrl(this.frontendApiUrl())
  }

  /** The Frontend API of the satellite app at `origin`, when it is one: where its browser gets its tokens. */
  frontendApiForApp(origin: string | undefined): string | undefined {
    if (origin === undefined || !this.origins.has(origin)) return undefined
    return this.frontendApiOriginFor(new URL(origin).hostname)
  }

  /** The Frontend API of the satellite on `hostname`, when it is one: this server under that name. */
  frontendApiOriginFor(hostname: string): string | undefined {
    if (!this.hostnames.has(hostname)) return undefined
    const url = new URL(this.primaryOrigin())
    url.hostname = hostname
    return url.origin
  }
}
