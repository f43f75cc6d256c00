// The one object every service and route takes: store, keys, clock, token settings and the host and origin rules, built
// once per instance.
import { AllowedHosts } from '../http/allowedHosts.js'
import type { AllowedOrigins } from '../http/allowedOrigins.js'
import type { ClerkJsBundle } from '../clerkJsBundles/clerkJsBundle.js'
import { servedBundles } from '../clerkJsBundles/clerkJsChoice.js'
import { type InstanceKeys, loadInstance } from '../tokens/instanceKeys.js'
import type { ResolvedOptions } from './options.js'
import { Satellites } from '../http/satellites.js'
import { Store } from '../store/index.js'
import { TokenMinter } from '../tokens/minter.js'
import { FrontendApiUrl } from '../shared/urls.js'
import { WebhookEvents } from '../webhooks/events.js'

/** What services and routes share: the store, the instance keys, the clock and the token settings. */
export interface Core {
  readonly store: Store
  readonly keys: InstanceKeys
  /** Milliseconds; the only clock anything reads, so tests can freeze or move time. */
  readonly now: () => number
  /** The current Frontend API URL: the `iss` of every token and the base of the publishable key. */
  readonly frontendApiUrl: () => string
  /** Session token lifetime in seconds. */
  readonly sessionLifetime: number
  readonly tokenVersion: 1 | 2
  readonly minter: TokenMinter
  /** Where the Frontend API may redirect browsers, and which origins may call it with credentials. */
  readonly allowedOrigins: AllowedOrigins
  /** The host names served over HTTP (DNS rebinding); `listen()` adds the interface it binds to. */
  readonly allowedHosts: AllowedHosts
  /** The satellite applications and where the primary's and each satellite's Frontend API live. */
  readonly satellites: Satellites
  /** The ClerkJS this server hands to browsers (`CLERK_JS`) and runs its hosted pages on, if it has one. */
  readonly clerkJs: ClerkJsBundle | undefined
  /** Every bundle served under `/npm/`: `clerkJs` first, then the other installed or cached ClerkJS and `@clerk/ui`. */
  readonly npmBundles: readonly ClerkJsBundle[]
  /** Webhooks: every operation that changes something Clerk announces calls `events.emit(type, data)`. */
  readonly events: WebhookEvents
}

/**
 * Opens the database, loads (or creates) the instance and wires the minter. `url` is returned separately because
 * only the owner of the listening server may change it.
 */
export async function createCore(options: ResolvedOptions): Promise<{ core: Core; url: FrontendApiUrl }> {
  const store = Store.open(options.db)
  try {
    const keys = await loadInstance(store, options.now())
    const url = new FrontendApiUrl(options.url)
    const settings = {
      store,
      keys,
      now: options.now,
      frontendApiUrl: () => url.value,
      sessionLifetime: options.sessionLifetime,
      tokenVersion: options.tokenVersion,
    }
    const { allowedOrigins } = options
    const allowedHosts = new AllowedHosts(options.url, allowedOrigins)
    const satellites = new Satellites(options.satelliteOrigins, settings.frontendApiUrl)
    const minter = new TokenMinter({
      ...settings,
      satelliteFrontendApi: (origin) => satellites.frontendApiForApp(origin),
    })
    const { clerkJs, bundles: npmBundles } = servedBundles(options.clerkJs)
    const events = new WebhookEvents(
      {
        instanceId: keys.instanceId,
        secretKey: keys.secretKey,
        now: options.now,
        onCommit: (callback) => store.onCommit(callback),
      },
      options.webhooks,
    )
    return {
      core: { ...settings, minter, allowedOrigins, allowedHosts, satellites, clerkJs, npmBundles, events },
      url,
    }
  } catch (error) {
    store.close()
    throw error
  }
}
