// Everything this package keeps per process (caches, counters) says here how to forget it, so that a test can put the
// whole package back in the state of a fresh process with one call, whatever modules it loaded.

const forgetters: Array<() => void> = []

/** Called once, next to a module-level cache or counter, with what empties it. */
export function forgetOnReset(forget: () => void): void {
  forgetters.push(forget)
}

/**
 * @internal Test hook, not part of the package API: forgets every cache and counter of the modules loaded so far, as a fresh
 * process would. Work in flight (a JWKS fetch, a handshake, a minted token on its way) is not state: it settles.
 */
export function resetProcessState(): void {
  for (const forget of forgetters) forget()
}
