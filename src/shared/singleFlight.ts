/**
 * Identical work started while the same work is in flight joins it instead of starting again.
 * The entry is removed once the work settles, so a failure reaches every caller that joined it
 * but the next caller starts afresh.
 */
export class SingleFlight<T> {
  readonly #inFlight = new Map<string, Promise<T>>()

  run(key: string, start: () => Promise<T>): Promise<T> {
    const running = this.#inFlight.get(key)
    if (running) return running
    const promise = start().finally(() => this.#inFlight.delete(key))
    this.#inFlight.set(key, promise)
    return promise
  }

  get size(): number {
    return this.#inFlight.size
  }
}
