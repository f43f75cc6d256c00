// Collects unhandled promise rejections while a suite runs: a failure that escapes as a floating promise
// would not fail the request that caused it, but could take a production process down.
import { afterAll, beforeAll } from 'vitest'

/** Installs a listener for the suite; the returned function hands over (and forgets) what was caught. */
export function watchUnhandledRejections(): () => unknown[] {
  let caught: unknown[] = []
  const listener = (reason: unknown) => caught.push(reason)
  beforeAll(() => {
    process.on('unhandledRejection', listener)
  })
  afterAll(() => {
    process.off('unhandledRejection', listener)
  })
  return () => {
    const seen = caught
    caught = []
    return seen
  }
}
