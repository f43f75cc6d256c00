// The client's surface, counted against the installed @clerk/backend at run time: every API object of its
// createClerkClient and every public method on it must exist on ours, under the same names. A method Clerk adds
// upstream makes this fail until it is declared in src/backend/endpoints.
import { createClerkClient as createOfficialClient } from '@clerk/backend'
import { describe, expect, it } from 'vitest'
import { createClerkClient } from '../../src/api.server.js'

const official = createOfficialClient({ secretKey: 'sk_test_x', telemetry: { disabled: true } }) as unknown as Record<
  string,
  unknown
>
const ours = createClerkClient({ secretKey: 'sk_test_x' }) as unknown as Record<string, unknown>

/** Upstream's API objects: the client's properties that hold a Backend API request function. */
const officialGroups = Object.keys(official).filter((name) => {
  const value = official[name] as { request?: unknown } | null
  return typeof value === 'object' && value !== null && typeof value.request === 'function'
})

// The prototype every upstream API object inherits from (AbstractAPI) holds helpers (requireId), not API methods.
const sharedPrototypes = commonPrototypes(officialGroups.map((name) => official[name] as object))

/** Methods reachable through the prototype chain, less the constructor and the shared helpers. */
function methodNames(object: object): string[] {
  const names = new Set<string>()
  for (
    let proto = Object.getPrototypeOf(object);
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    if (sharedPrototypes.has(proto)) continue
    for (const name of Object.getOwnPropertyNames(proto)) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, name)
      if (name !== 'constructor' && typeof descriptor?.value === 'function') names.add(name)
    }
  }
  return [...names].sort()
}

function commonPrototypes(objects: object[]): Set<object> {
  const chains = objects.map((object) => {
    const chain = new Set<object>()
    for (
      let proto = Object.getPrototypeOf(object);
      proto && proto !== Object.prototype;
      proto = Object.getPrototypeOf(proto)
    ) {
      chain.add(proto)
    }
    return chain
  })
  const [first = new Set<object>(), ...rest] = chains
  return new Set([...first].filter((proto) => rest.every((chain) => chain.has(proto))))
}

const officialSurface = Object.fromEntries(officialGroups.map((name) => [name, methodNames(official[name] as object)]))

describe("the client's methods are @clerk/backend's", () => {
  it('finds upstream API objects and methods to compare with (the walk itself works)', () => {
    expect(officialGroups).toContain('users')
    expect(officialSurface.users).toContain('updateUserMetadata')
    expect(officialSurface.users).not.toContain('requireId')
    expect(Object.values(officialSurface).flat().length).toBeGreaterThan(150)
  })

  it('has every upstream API object', () => {
    const missing = officialGroups.filter((name) => typeof ours[name] !== 'object' || ours[name] === null)
    expect(missing).toEqual([])
  })

  it.each(officialGroups)('%s: every upstream method, no other', (name) => {
    const group = ours[name]
    const ourMethods = typeof group === 'object' && group !== null ? methodNames(group) : []
    expect({ missing: officialSurface[name]!.filter((method) => !ourMethods.includes(method)) }).toEqual({
      missing: [],
    })
    expect({ extra: ourMethods.filter((method) => !officialSurface[name]!.includes(method)) }).toEqual({ extra: [] })
  })
})
