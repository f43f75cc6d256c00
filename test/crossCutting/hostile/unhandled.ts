// Fails a suite on any unhandled promise rejection: a failure that escapes as a floating promise would
// not fail the request that caused it, but could take a production process down.
import { afterAll, afterEach, beforeAll, expect } from 'vitest'

/** Installs a listener for the suite and checks after every test (and at the end) that it caught nothing. */
export function failOnUnhandledRejections(): void {
  let caught: unknown[] = []
  const listener = (reason: unknown) => caught.push(reason)
  const expectNone = () => {
    const seen = caught
    caught = []
    expect(seen).toEqual([])
  }
  beforeAll(() => {
    process.on('unhandledRejection', listener)
  })
  afterEach(expectNone)
  afterAll(() => {
    process.off('unhandledRejection', listener)
    expectNone()
  })
}
