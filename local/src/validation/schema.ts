// A small schema checker for JSON bodies, turning every bad field into Clerk's 422 form errors at once.
import {
  type ClerkErrorEntry,
  paramFormatInvalid,
  paramMissing,
  paramUnknown,
  paramValueInvalid,
  unprocessable,
} from '../shared/errors.js'

/** Thrown by a field parser; collected so that one response lists every bad parameter. */
class FieldError {
  constructor(readonly entry: ClerkErrorEntry) {}
}

export interface Field<T, Required extends boolean = boolean> {
  readonly isRequired: Required
  parse(value: unknown, name: string): T
}

type Parsed<S> = {
  [K in keyof S]: S[K] extends Field<infer T, true> ? T : S[K] extends Field<infer T, false> ? T | undefined : never
}

/**
 * Checks a JSON body (or seed item) against a schema: unknown keys, missing required keys and bad values all
 * become 422 form errors naming the parameter. `undefined` input counts as an empty object.
 */
export function parseFields<S extends Record<string, Field<unknown>>>(input: unknown, schema: S): Parsed<S> {
  const source = input === undefined ? {} : input
  if (typeof source !== 'object' || source === null || Array.isArray(source)) {
    throw unprocessable(paramFormatInvalid('body', 'must be a JSON object.'))
  }
  const errors: ClerkErrorEntry[] = []
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(source)) {
    if (!Object.hasOwn(schema, key)) errors.push(paramUnknown(key))
  }
  for (const [key, field] of Object.entries(schema)) {
    const value = (source as Record<string, unknown>)[key]
    if (value === undefined) {
      if (field.isRequired) errors.push(paramMissing(key))
      continue
    }
    try {
      out[key] = field.parse(value, key)
    } catch (error) {
      if (!(error instanceof FieldError)) throw error
      errors.push(error.entry)
    }
  }
  if (errors.length > 0) throw unprocessable(...errors)
  return out as Parsed<S>
}

function field<T>(parse: (value: unknown, name: string) => T): Field<T, false> & { required(): Field<T, true> } {
  return {
    isRequired: false,
    parse,
    required: () => ({ isRequired: true, parse }),
  }
}

const formatError = (name: string, detail: string) => new FieldError(paramFormatInvalid(name, detail))
const valueError = (name: string, detail: string) => new FieldError(paramValueInvalid(name, detail))

/** Wraps a parser so that JSON `null` passes through (Clerk's "nullable" parameters). */
function orNull<T>(parse: (value: unknown, name: string) => T) {
  return (value: unknown, name: string): T | null => (value === null ? null : parse(value, name))
}

interface StringRules {
  minLength?: number
  maxLength?: number
  /** Checked after the length: a RegExp, or any `{ test }` (for checks a regular expression cannot do in linear time). */
  pattern?: { test(value: string): boolean }
  /** Shown when `pattern` fails, e.g. "must be a valid email address." */
  patternHint?: string
}

function parseString(rules: StringRules) {
  return (value: unknown, name: string): string => {
    if (typeof value !== 'string') throw formatError(name, 'must be a string.')
    if (rules.minLength !== undefined && value.length < rules.minLength) {
      throw valueError(name, `must be at least ${rules.minLength} characters long.`)
    }
    if (rules.maxLength !== undefined && value.length > rules.maxLength) {
      throw valueError(name, `must be at most ${rules.maxLength} characters long.`)
    }
    if (rules.pattern && !rules.pattern.test(value)) {
      throw formatError(name, rules.patternHint ?? `does not match ${String(rules.pattern)}.`)
    }
    return value
  }
}

function parseInteger(min: number, max: number) {
  return (value: unknown, name: string): number => {
    if (typeof value !== 'number' || !Number.isInteger(value)) throw formatError(name, 'must be an integer.')
    if (value < min || value > max) throw valueError(name, `must be between ${min} and ${max}.`)
    return value
  }
}

function parseBoolean(value: unknown, name: string): boolean {
  if (typeof value !== 'boolean') throw formatError(name, 'must be a boolean.')
  return value
}

function parseObject(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw formatError(name, 'must be a JSON object.')
  }
  return value as Record<string, unknown>
}

function parseStringArray(item: (value: unknown, name: string) => string, maxItems: number) {
  return (value: unknown, name: string): string[] => {
    if (!Array.isArray(value)) throw formatError(name, 'must be an array of strings.')
    if (value.length > maxItems) throw valueError(name, `must have at most ${maxItems} items.`)
    return value.map((v, i) => item(v, `${name}[${i}]`))
  }
}

function parseTimestamp(value: unknown, name: string): number {
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN
  if (!Number.isFinite(ms)) throw formatError(name, 'must be an RFC 3339 date-time, e.g. 2024-05-01T12:00:00Z.')
  return ms
}

/** Field builders; call `.required()` on one to make it mandatory. */
export const f = {
  string: (rules: StringRules = {}) => field(parseString(rules)),
  nullableString: (rules: StringRules = {}) => field(orNull(parseString(rules))),
  integer: (min: number, max: number) => field(parseInteger(min, max)),
  nullableInteger: (min: number, max: number) => field(orNull(parseInteger(min, max))),
  boolean: () => field(parseBoolean),
  nullableBoolean: () => field(orNull(parseBoolean)),
  object: () => field(parseObject),
  nullableObject: () => field(orNull(parseObject)),
  stringArray: (rules: StringRules = {}, maxItems = 100) => field(parseStringArray(parseString(rules), maxItems)),
  timestamp: () => field(parseTimestamp),
  oneOf: <T extends string>(values: readonly T[]) =>
    field((value: unknown, name: string): T => {
      if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
        throw valueError(name, `must be one of ${values.join(', ')}.`)
      }
      return value as T
    }),
  /** A custom parser; report problems with `invalidFormat`, so they are collected with the others. */
  custom: <T>(parse: (value: unknown, name: string) => T) => field(parse),
}

/** Lets a custom parser report a format problem the same way the built-in fields do. */
export function invalidFormat(name: string, detail: string): never {
  throw formatError(name, detail)
}
