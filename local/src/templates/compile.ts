// JWT template claims compiled once per template, so each mint only fills in values.
import { type Expression, type ParsedString, ShortcodeSyntaxError, parseShortcodes } from './parse.js'

/**
 * Turns a template's `claims` object into a renderer of the claims' JSON text. Every string at any depth (arrays
 * included) is parsed once here; keys are never evaluated. The JSON of everything static is written once too, so a
 * mint only concatenates fixed text with the JSON of each shortcode's value: no claims object is built per token,
 * which for large templates costs more than the signature (a 1 000-key object takes ~0.25 ms to build).
 */

export type ShortcodeContext = Readonly<Record<string, unknown>>

export interface CompiledClaims {
  /**
   * The claims as a JSON object text. `tail` is appended as further members (e.g. `"exp":1,"iat":0`), which is how
   * the minter adds the default claims after the template's own.
   */
  render(context: ShortcodeContext, tail?: string): string
  /**
   * The first one and two segments of every path used, e.g. `user` and `user.organizations`, so a minter can skip
   * loading what no shortcode reads.
   */
  readonly references: ReadonlySet<string>
}

export interface ClaimProblem {
  /** Where in `claims`, e.g. `profile.names[1]`. */
  path: string
  reason: string
}

export class ClaimsSyntaxError extends Error {
  constructor(readonly problems: ClaimProblem[]) {
    super(problems.map((p) => `claims.${p.path}: ${p.reason}`).join('; '))
    this.name = 'ClaimsSyntaxError'
  }
}

/** Fixed JSON text, or the JSON text of a shortcode's value. */
type Piece = string | ((context: ShortcodeContext) => string)

interface Compilation {
  problems: ClaimProblem[]
  references: Set<string>
}

export function compileClaims(claims: Readonly<Record<string, unknown>>): CompiledClaims {
  const state: Compilation = { problems: [], references: new Set() }
  const pieces: Piece[] = ['{']
  Object.entries(claims).forEach(([key, value], index) => {
    pieces.push(`${index > 0 ? ',' : ''}${JSON.stringify(key)}:`, ...compileValue(value, key, state))
  })
  if (state.problems.length > 0) throw new ClaimsSyntaxError(state.problems)
  const body = merge(pieces)
  const empty = Object.keys(claims).length === 0
  return {
    render: (context, tail = '') => {
      let json = ''
      for (const piece of body) json += typeof piece === 'string' ? piece : piece(context)
      return `${json}${tail && !empty ? ',' : ''}${tail}}`
    },
    references: state.references,
  }
}

function compileValue(value: unknown, path: string, state: Compilation): Piece[] {
  if (typeof value === 'string') return [compileString(value, path, state)]
  if (Array.isArray(value)) {
    const pieces: Piece[] = ['[']
    value.forEach((item, index) => pieces.push(index > 0 ? ',' : '', ...compileValue(item, `${path}[${index}]`, state)))
    return [...pieces, ']']
  }
  if (typeof value === 'object' && value !== null) {
    const pieces: Piece[] = ['{']
    Object.entries(value).forEach(([key, item], index) => {
      pieces.push(`${index > 0 ? ',' : ''}${JSON.stringify(key)}:`, ...compileValue(item, `${path}.${key}`, state))
    })
    return [...pieces, '}']
  }
  return [JSON.stringify(value)]
}

function compileString(source: string, path: string, state: Compilation): Piece {
  let parsed: ParsedString
  try {
    parsed = parseShortcodes(source)
  } catch (error) {
    if (!(error instanceof ShortcodeSyntaxError)) throw error
    state.problems.push({ path, reason: error.message })
    return JSON.stringify(source)
  }
  noteReferences(parsed, state.references)
  switch (parsed.kind) {
    case 'text':
      return JSON.stringify(parsed.text)
    case 'whole': {
      const expression = parsed.expression
      // The value keeps its JSON type: an object stays an object, a number a number.
      return (context) => valueJson(evaluateExpression(expression, context))
    }
    case 'interpolation': {
      const parts = parsed.parts
      return (context) => {
        let text = ''
        for (const part of parts)
          text += typeof part === 'string' ? part : printValue(evaluateExpression(part, context))
        // The documented example renders "{{user.last_name}} {{user.first_name}} " as "Doe Maria".
        return stringJson(text.trimEnd())
      }
    }
  }
}

/** Joins neighbouring fixed texts, so rendering walks as few pieces as there are shortcodes. */
function merge(pieces: Piece[]): Piece[] {
  const merged: Piece[] = []
  for (const piece of pieces) {
    const last = merged.length - 1
    if (typeof piece === 'string' && typeof merged[last] === 'string') merged[last] += piece
    else merged.push(piece)
  }
  return merged
}

function noteReferences(parsed: ParsedString, references: Set<string>): void {
  const expressions =
    parsed.kind === 'whole'
      ? [parsed.expression]
      : parsed.kind === 'interpolation'
        ? parsed.parts.filter((p) => typeof p !== 'string')
        : []
  for (const expression of expressions) {
    for (const operand of expression) {
      if (operand.kind !== 'path') continue
      references.add(operand.path[0]!)
      if (operand.path.length > 1) references.add(`${operand.path[0]}.${operand.path[1]}`)
    }
  }
}

/** The first operand that is neither null nor false; otherwise the last operand as it is. */
function evaluateExpression(expression: Expression, context: ShortcodeContext): unknown {
  let value: unknown = null
  for (const operand of expression) {
    value = operand.kind === 'literal' ? operand.value : resolvePath(context, operand.path)
    if (value !== null && value !== false) return value
  }
  return value
}

/** Own properties only (so `user.constructor` is null, not a function); arrays by numeric index; else null. */
function resolvePath(context: ShortcodeContext, path: readonly string[]): unknown {
  let current: unknown = context
  for (const segment of path) {
    if (Array.isArray(current)) {
      current = /^\d+$/.test(segment) ? current[Number(segment)] : undefined
    } else if (typeof current === 'object' && current !== null && Object.hasOwn(current, segment)) {
      current = (current as Record<string, unknown>)[segment]
    } else {
      return null
    }
    if (current === undefined) return null
  }
  return current
}

/** What a string needs escaped in JSON: quotes, backslashes, control characters, and (if lone) surrogates. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/

/**
 * JSON.stringify of a string, without its call when nothing needs escaping: e-mail addresses, ids, names and roles
 * (nearly every shortcode value) are plain text, and a large template renders hundreds of them per token.
 */
function stringJson(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`
}

/** JSON.stringify of a shortcode's value (never undefined: resolvePath gives null), scalars without its call. */
function valueJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return stringJson(value)
    case 'boolean':
      return value ? 'true' : 'false'
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null'
    default:
      return JSON.stringify(value) ?? 'null'
  }
}

/** How a value prints inside an interpolated string: null as "null", objects as JSON. */
function printValue(value: unknown): string {
  if (typeof value === 'string') return value
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}
