// The bounded cache behind every per-process cache: never more than its limit, and when full it forgets the entry
// inserted first or, when asked, the one used least recently.
import { describe, expect, it } from 'vitest'
import { BoundedCache } from '../../src/shared/boundedCache.js'

const filled = (cache: BoundedCache<string, number>, ...keys: string[]) => {
  keys.forEach((key, index) => cache.set(key, index))
  return cache
}
const valuesOf = (cache: BoundedCache<string, number>) => {
  const seen: number[] = []
  for (const value of cache.values()) seen.push(value)
  return seen
}

describe('BoundedCache', () => {
  it('keeps at most maxEntries, forgetting the entry inserted first by default', () => {
    const cache = filled(new BoundedCache<string, number>(3), 'a', 'b', 'c')
    expect(cache.get('a')).toBe(0) // a use does not save it
    cache.set('d', 3)
    expect(cache.size).toBe(3)
    expect(cache.get('a')).toBeUndefined()
    expect(valuesOf(cache)).toEqual([1, 2, 3])
  })

  it('with least-recently-used eviction, a use saves an entry from eviction', () => {
    const cache = filled(new BoundedCache<string, number>(3, 'least-recently-used'), 'a', 'b', 'c')
    expect(cache.get('a')).toBe(0)
    cache.set('d', 3)
    expect(cache.get('b')).toBeUndefined()
    expect(cache.get('a')).toBe(0)
    expect(cache.size).toBe(3)
  })

  it('with least-recently-used eviction, repeated uses of the newest entry keep the order exact', () => {
    const cache = filled(new BoundedCache<string, number>(3, 'least-recently-used'), 'a', 'b', 'c')
    for (const key of ['c', 'c', 'a', 'a', 'c', 'b', 'c']) cache.get(key)
    expect(valuesOf(cache)).toEqual([0, 1, 2]) // a, b, c: a is now the least recently used
    cache.delete('c')
    cache.get('b')
    cache.set('d', 3)
    cache.set('e', 4)
    expect(valuesOf(cache)).toEqual([1, 3, 4])
  })

  it('replacing an entry makes it the newest and does not grow the cache', () => {
    const cache = filled(new BoundedCache<string, number>(2), 'a', 'b')
    cache.set('a', 9)
    expect(cache.size).toBe(2)
    cache.set('c', 2)
    expect(cache.get('b')).toBeUndefined()
    expect(cache.get('a')).toBe(9)
  })

  it('reads through values() count as no use', () => {
    const cache = filled(new BoundedCache<string, number>(2, 'least-recently-used'), 'a', 'b')
    expect(valuesOf(cache)).toEqual([0, 1])
    cache.set('c', 2)
    expect(cache.get('a')).toBeUndefined()
  })

  it('deletes and clears', () => {
    const cache = filled(new BoundedCache<string, number>(4), 'a', 'b', 'c')
    expect(cache.delete('b')).toBe(true)
    expect(cache.delete('b')).toBe(false)
    expect(valuesOf(cache)).toEqual([0, 2])
    cache.clear()
    expect(cache.size).toBe(0)
  })

  it('refuses a limit that is not a positive integer, naming it', () => {
    for (const max of [0, -1, 1.5, Number.NaN]) {
      expect(() => new BoundedCache(max)).toThrow(`maxEntries must be a positive integer, got ${String(max)}`)
    }
  })
})
