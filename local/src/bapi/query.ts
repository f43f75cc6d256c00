// Query strings of the Backend API read strictly: an unknown or malformed parameter is a Clerk-shaped 4xx, never
// ignored.
import type { Context } from 'hono'
import {
  type ClerkErrorEntry,
  paramFormatInvalid,
  paramUnknown,
  paramValueInvalid,
  unprocessable,
} from '../shared/errors.js'

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

  /**
   * `order_by`: a field name, `-` for descending, `+` (or nothing) for ascending; one of `fields`, else a 422 that
   * lists them.
   */
  order<Field extends string>(
    fields: readonly Field[],
    fallback: `${'-' | '+'}${Field}`,
  ): { field: Field; descending: boolean } {
    const raw = this.params.get('order_by') || fallback
    // A literal "+" in a query string decodes to a space.
    const field = raw.replace(/^[-+ ]/, '')
    if (!(fields as readonly string[]).includes(field)) {
      throw unprocessable(
        paramValueInvalid('order_by', `must be one of ${fields.join(', ')}, optionally prefixed with + or -.`),
      )
    }
    return { field: field as Field, descending: raw.startsWith('-') }
  }

  /** A list whose values may say `+id` (include, the default) or `-id` (exclude), as Clerk's organization filters. */
  signedList(name: string): { include: string[] | undefined; exclude: string[] | undefined } {
    const values = this.list(name) ?? []
    const include = values.filter((value) => !value.startsWith('-')).map((value) => value.replace(/^[+ ]/, ''))
    const exclude = values.filter((value) => value.startsWith('-')).map((value) => value.slice(1))
    return { include: include.length > 0 ? include : undefined, exclude: exclude.length > 0 ? exclude : undefined }
  }

  /** One of `values` (each may be repeated, `status=a&status=b`), else a 422 naming them. */
  oneOfList<Value extends string>(name: string, values: readonly Value[]): Value[] | undefined {
    const given = this.list(name)
    const wrong = given?.find((value) => !(values as readonly string[]).includes(value))
    if (wrong !== undefined)
      throw unprocessable(
        paramValueInvalid(name, `must be one of ${values.join(', ')} (got ${JSON.stringify(wrong.slice(0, 60))}).`),
      )
    return given as Value[] | undefined
  }

  /** `limit` (1–500, default 10) and `offset`, as on every Clerk list endpoint. */
  page(): { limit: number; offset: number } {
    return { limit: this.integer('limit', 1, 500, 10), offset: this.integer('offset', 0, Number.MAX_SAFE_INTEGER, 0) }
  }
}

export const PAGE_PARAMS = ['limit', 'offset'] as const

/**
 * A path parameter of the route or of the route it is mounted under: a file mounted at
 * `/organizations/:organization_id/…` reads the organization's id here (hono's types only know the file's own).
 */
export function pathParam(c: Context, name: string): string {
  const value = (c.req.param() as Record<string, string | undefined>)[name]
  if (value === undefined) throw new Error(`remix-clerk-local: this route has no :${name} parameter.`)
  return value
}
