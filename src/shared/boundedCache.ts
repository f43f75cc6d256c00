// A Map with a size limit, for the caches this package keeps per process (keys, instances, derived strings, minted
// tokens): whatever fills them comes from configuration or from requests, so each must stay bounded.

/**
 * Which entry a full cache forgets: the one inserted first (for caches of configurations, where use says little),
 * or the one used least recently (for caches of request data, where recent use predicts the next).
 */
export type Eviction = 'oldest-inserted' | 'least-recently-used'

export class BoundedCache<K, V> {
  // A Map iterates in insertion order, so its first key is the oldest entry; re-inserting an entry on use makes the
  // first key the least recently used one.
  readonly #entries = new Map<K, V>()
  readonly #moveOnUse: boolean
  /** The key last inserted or moved to the end: asked for again, it need not move (most lookups repeat the last one). */
  #newest: K | undefined

  constructor(
    readonly maxEntries: number,
    eviction: Eviction = 'oldest-inserted',
  ) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError(`BoundedCache: maxEntries must be a positive integer, got ${String(maxEntries)}.`)
    }
    this.#moveOnUse = eviction === 'least-recently-used'
  }

  get(key: K): V | undefined {
    const value = this.#entries.get(key)
    if (this.#moveOnUse && value !== undefined && key !== this.#newest) {
      this.#entries.delete(key)
      this.#entries.set(key, value)
      this.#newest = key
    }
    return value
  }

  /** Adds or replaces the entry (it becomes the newest), then forgets the oldest while the cache is over its limit. */
  set(key: K, value: V): void {
    this.#entries.delete(key)
    this.#entries.set(key, value)
    this.#newest = key
    if (this.#entries.size > this.maxEntries) this.#entries.delete(this.#entries.keys().next().value as K)
  }

  delete(key: K): boolean {
    if (key === this.#newest) this.#newest = undefined
    return this.#entries.delete(key)
  }

  clear(): void {
    this.#entries.clear()
    this.#newest = undefined
  }

  get size(): number {
    return this.#entries.size
  }

  /** Oldest first; reading values this way does not count as a use. */
  values(): MapIterator<V> {
    return this.#entries.values()
  }
}
