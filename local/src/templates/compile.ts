import { type Expression, type ParsedString, ShortcodeSyntaxError, parseShortcodes } from './parse.js'

/**
 * Turns a template's `claims` object into a function from a shortcode context to claims. Every string at any depth
 * (arrays included) is parsed once here; keys are never evaluated. Subtrees without shortcodes are shared between
 * mints instead of rebuilt, which is safe because claims are only ever serialised.
 */

export type ShortcodeContext = Readonly<Record<string, unknown>>

export interface CompiledClaims {
  /** Builds a fresh top-level claims object (callers add default claims to it). */
  evaluate(context: ShortcodeContext): Record<string, unknown>
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

type Node = { readonly dynamic: false; readonly value: unknown } | { readonly dynamic: true; readonly evaluate: Evaluate }
type Evaluate = (context: ShortcodeContext) => unknown

interface Compilation {
  problems: ClaimProblem[]
  references: Set<string>
}

export function compileClaims(claims: Readonly<Record<string, unknown>>): CompiledClaims {
  const state: Compilation = { problems: [], references: new Set() }
  const entries = Object.entries(claims).map(([key, value]) => [key, compileNode(value, key, state)] as const)
  if (state.problems.length > 0) throw new ClaimsSyntaxError(state.problems)
  return {
    evaluate: (context) =>
      Object.fromEntries(entries.map(([key, node]) => [key, node.dynamic ? node.evaluate(context) : node.value])),
    references: state.references,
  }
}

function compileNode(value: unknown, path: string, state: Compilation): Node {
  if (typeof value === 'string') return compileString(value, path, state)
  if (Array.isArray(value)) {
    const items = value.map((item, index) => compileNode(item, `${path}[${index}]`, state))
    if (!items.some((item) => item.dynamic)) return { dynamic: false, value }
    return { dynamic: true, evaluate: (context) => items.map((item) => (item.dynamic ? item.evaluate(context) : item.value)) }
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([key, item]) => [key, compileNode(item, `${path}.${key}`, state)] as const)
    if (!entries.some(([, node]) => node.dynamic)) return { dynamic: false, value }
    return {
      dynamic: true,
      // fromEntries defines own properties, so a claim named "__proto__" stays data.
      evaluate: (context) =>
        Object.fromEntries(entries.map(([key, node]) => [key, node.dynamic ? node.evaluate(context) : node.value])),
    }
  }
  return { dynamic: false, value }
}

function compileString(source: string, path: string, state: Compilation): Node {
  let parsed: ParsedString
  try {
    parsed = parseShortcodes(source)
  } catch (error) {
    if (!(error instanceof ShortcodeSyntaxError)) throw error
    state.problems.push({ path, reason: error.message })
    return { dynamic: false, value: source }
  }
  noteReferences(parsed, state.references)
  switch (parsed.kind) {
    case 'text':
      return { dynamic: false, value: parsed.text }
    case 'whole': {
      const expression = parsed.expression
      return { dynamic: true, evaluate: (context) => evaluateExpression(expression, context) }
    }
    case 'interpolation': {
      const parts = parsed.parts
      return {
        dynamic: true,
        evaluate: (context) => {
          let text = ''
          for (const part of parts) text += typeof part === 'string' ? part : printValue(evaluateExpression(part, context))
          // The documented example renders "{{user.last_name}} {{user.first_name}} " as "Doe Maria".
          return text.trimEnd()
        },
      }
    }
  }
}

function noteReferences(parsed: ParsedString, references: Set<string>): void {
  const expressions =
    parsed.kind === 'whole' ? [parsed.expression] : parsed.kind === 'interpolation' ? parsed.parts.filter((p) => typeof p !== 'string') : []
  for (const expression of expressions) {
    for (const operand of expression) {
      if (operand.kind !== 'path') continue
      references.add(operand.path[0]!)
      if (operand.path.length > 1) references.add(`${operand.path[0]}.${operand.path[1]}`)
    }
  }
}

/** The first operand that is neither null nor false; otherwise the last operand as it is. */
export function evaluateExpression(expression: Expression, context: ShortcodeContext): unknown {
  let value: unknown = null
  for (const operand of expression) {
    value = operand.kind === 'literal' ? operand.value : resolvePath(context, operand.path)
    if (value !== null && value !== false) return value
  }
  return value
}

/** Own properties only (so `user.constructor` is null, not a function); arrays by numeric index; else null. */
export function resolvePath(context: ShortcodeContext, path: readonly string[]): unknown {
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

/** How a value prints inside an interpolated string: null as "null", objects as JSON. */
function printValue(value: unknown): string {
  if (typeof value === 'string') return value
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}
