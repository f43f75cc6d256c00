// Query strings of the Backend API read strictly: an unknown or malformed parameter is a Clerk-shaped 4xx, never
// ignored.
import { type ClerkErrorEntry, paramFormatInvalid, paramUnknown, paramValueInvalid, unprocessable } from '../errors.js'

/** Accepted on every Backend API route (spec §0: the API version may come as a query parameter). */
const ALWAYS_ALLOWED = ['__clerk_api_version']

/**
 * Query parameters of one request, checked against the names the route understands. An unknown name is a 422
 * rather than being ignored: a silently dropped filter would return the wrong users.
 */
export class Query {
  private readonly params: URLSearchParams

  constructor(url: string, allowed: readonly string[]) {
    this.params = new URL(url).searchParams
    const errors: ClerkErrorEntry[] = []
    for (const key of new Set(this.params.keys())) {
      const name = key.endsWith('[]') ? key.slice(0, -2) : key
      if (!allowed.includes(name) && !ALWAYS_ALLOWED.includes(name)) errors.push(paramUnknown(name))
    }
    if (errors.length > 0) throw unprocessable(...errors)
  }

  string(name: string): string | undefined {
    return this.params.get(name) ?? undefined
  }

  /** Repeated keys (`a=1&a=2`, what the SDK sends) or bracketed ones (`a[]=1`); undefined when absent. */
  list(name: string): string[] | undefined {
    const values = [...this.params.getAll(name), ...this.params.getAll(`${name}[]`)]
    return values.length > 0 ? values : undefined
  }

  boolean(name: string): boolean {
    const value = this.params.get(name)
    if (value === null || value === 'false') return false
    if (value === 'true') return true
    throw unprocessable(paramFormatInvalid(name, 'must be true or false.'))
  }

  integer(name: string, min: number, max: number, fallback: number): number {
    return this.optionalInteger(name, min, max) ?? fallback
  }

  /** An integer in [min, max], or undefined when absent. */
  optionalInteger(name: string, min: number, max: number): number | undefined {
    const value = this.params.get(name)
    if (value === null || value === '') return undefined
    if (!/^-?\d+$/.test(value)) throw unprocessable(paramFormatInvalid(name, 'must be an integer.'))
    const number = Number(value)
    if (number < min || number > max) throw unprocessable(paramValueInvalid(name, `must be between ${min} and ${max}.`))
    return number
  }

  /** `limit` (1–500, default 10) and `offset`, as on every Clerk list endpoint. */
  page(): { limit: number; offset: number } {
    return { limit: this.integer('limit', 1, 500, 10), offset: this.integer('offset', 0, Number.MAX_SAFE_INTEGER, 0) }
  }
}

export const PAGE_PARAMS = ['limit', 'offset'] as const
