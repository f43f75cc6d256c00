import type { InstanceKeys } from './keys.js'
import type { Store } from './store/index.js'
import type { TokenMinter } from './tokens/minter.js'

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
}
