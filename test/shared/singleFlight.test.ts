// Identical work in flight is done once: callers that come while it runs share its outcome, success or failure, and
// the next caller after it settles starts afresh.
import { describe, expect, it } from 'vitest'
import { SingleFlight } from '../../src/shared/singleFlight.js'

function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('SingleFlight', () => {
  it('joins callers of the same key while the work runs, and starts again once it settled', async () => {
    const flights = new SingleFlight<string>()
    let starts = 0
    const work = deferred<string>()
    const start = () => {
      starts += 1
      return work.promise
    }
    const first = flights.run('a', start)
    const second = flights.run('a', start)
    expect(second).toBe(first)
    expect(flights.size).toBe(1)
    work.resolve('done')
    expect(await Promise.all([first, second])).toEqual(['done', 'done'])
    expect(flights.size).toBe(0)
    await flights.run('a', () => {
      starts += 1
      return Promise.resolve('again')
    })
    expect(starts).toBe(2)
  })

  it('runs different keys apart', async () => {
    const flights = new SingleFlight<string>()
    const results = await Promise.all([flights.run('a', async () => 'A'), flights.run('b', async () => 'B')])
    expect(results).toEqual(['A', 'B'])
  })

  it('hands a failure to every caller that joined, and lets the next caller try again', async () => {
    const flights = new SingleFlight<string>()
    const work = deferred<string>()
    const joined = [flights.run('a', () => work.promise), flights.run('a', () => work.promise)]
    work.reject(new Error('backend down'))
    for (const outcome of await Promise.allSettled(joined)) {
      expect(outcome).toMatchObject({ status: 'rejected', reason: new Error('backend down') })
    }
    expect(await flights.run('a', async () => 'recovered')).toBe('recovered')
  })
})
