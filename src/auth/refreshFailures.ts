// What the session refresh remembers of its failures: each expired token whose refresh failed, for a while, so that
// whoever holds an old token cannot make one Backend API call per request by sending a new made-up `__refresh` value
// each time. A cache that forgets its oldest entry when full would let many tokens cycle it (300 tokens sent twice
// made 600 calls with 256 entries); this memory never forgets a failure before its time, and once it holds its limit
// no new refresh is tried until older failures age out, so failing calls are bounded per token and in all.
// Machine-token verification keeps its failed Backend API calls the same way (machine/machineTokenCache.ts), each
// failure being the whole answer (`Failure`) rather than a reason.

export class RefreshFailures<Failure = string> {
  // Insertion order is time order (every entry lives as long), so the first entries are the first to age out.
  readonly #failures = new Map<string, { readonly reason: Failure; readonly until: number }>()
  #inFlight = 0

  constructor(
    readonly limit: number,
    private readonly lifetimeMs: number,
  ) {}

  /** Why a refresh of this expired token failed within the lifetime, if it did. */
  failedRecently(tokenKey: string, now: number): Failure | undefined {
    const failure = this.#failures.get(tokenKey)
    return failure && failure.until > now ? failure.reason : undefined
  }

  /**
   * Takes a place for a refresh about to be tried, or undefined when remembered failures and refreshes in flight
   * already fill the limit. The place is given back with `settle`.
   */
  reserve(now: number): { settle(tokenKey: string, failure: Failure | undefined, at: number): void } | undefined {
    this.#forgetAged(now)
    if (this.#failures.size + this.#inFlight >= this.limit) return undefined
    this.#inFlight++
    let settled = false
    return {
      settle: (tokenKey, failure, at) => {
        if (settled) return
        settled = true
        this.#inFlight--
        if (failure === undefined) return
        this.#failures.delete(tokenKey)
        this.#failures.set(tokenKey, { reason: failure, until: at + this.lifetimeMs })
      },
    }
  }

  clear(): void {
    this.#failures.clear()
  }

  #forgetAged(now: number): void {
    for (const [key, { until }] of this.#failures) {
      if (until > now) return
      this.#failures.delete(key)
    }
  }
}
