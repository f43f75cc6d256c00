// Properties of the JWT template engine (fast-check): the shortcode parser and the claims compiler on
// arbitrary strings and claim objects give a parse, a ShortcodeSyntaxError or a ClaimsSyntaxError, never
// another error and never a hang; what parses is what was written; rendering any context yields valid
// JSON whose static parts are the template's own.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ClaimsSyntaxError, compileClaims, type CompiledClaims } from '../../../src/templates/compile.js'
import {
  type Expression,
  type Operand,
  type ParsedString,
  ShortcodeSyntaxError,
  parseShortcodes,
} from '../../../src/templates/parse.js'

/** Mostly the characters of the shortcode syntax, so generated strings hit the parser's branches. */
const syntaxChar = fc.constantFrom(
  '{',
  '}',
  '|',
  "'",
  '"',
  '.',
  ' ',
  '\t',
  '\n',
  '-',
  '_',
  '$',
  '0',
  '7',
  'a',
  'u',
  's',
  'e',
  'r',
  'é',
  '🔑',
)
const templateText = fc.oneof(
  fc.string({ unit: syntaxChar, maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc
    .array(
      fc.constantFrom(
        '{{',
        '}}',
        '||',
        "'x'",
        'user.id',
        ' ',
        'true',
        '-1.5',
        'org',
        '.',
        '{{ user.first_name || ',
        "'a}}'",
      ),
      { maxLength: 12 },
    )
    .map((parts) => parts.join('')),
)

function parse(source: string): ParsedString | ShortcodeSyntaxError {
  try {
    return parseShortcodes(source)
  } catch (error) {
    expect(error).toBeInstanceOf(ShortcodeSyntaxError)
    return error as ShortcodeSyntaxError
  }
}

function compile(claims: Record<string, unknown>): CompiledClaims | ClaimsSyntaxError {
  try {
    return compileClaims(claims)
  } catch (error) {
    expect(error).toBeInstanceOf(ClaimsSyntaxError)
    return error as ClaimsSyntaxError
  }
}

describe('parseShortcodes', () => {
  it('any string: a parse or a ShortcodeSyntaxError that points inside the string', () => {
    fc.assert(
      fc.property(templateText, (source) => {
        const result = parse(source)
        if (result instanceof ShortcodeSyntaxError) {
          expect(result.position).toBeGreaterThanOrEqual(0)
          expect(result.position).toBeLessThanOrEqual(source.length)
          expect(result.message).toMatch(/\(at character \d+\)$/)
          return
        }
        expect(['text', 'whole', 'interpolation']).toContain(result.kind)
        if (!source.includes('{{')) expect(result).toEqual({ kind: 'text', text: source })
      }),
      { numRuns: 5_000 },
    )
  })

  it('what is written is what is parsed: text and shortcodes printed with any spacing come back as they were', () => {
    const segment = fc
      .stringMatching(/^[A-Za-z_$][A-Za-z0-9_$-]{0,8}$/)
      .filter((name) => name !== 'true' && name !== 'false')
    const operand: fc.Arbitrary<{ text: string; operand: Operand }> = fc.oneof(
      fc
        .array(segment, { minLength: 1, maxLength: 4 })
        .map((path) => ({ text: path.join('.'), operand: { kind: 'path' as const, path } })),
      fc
        .stringMatching(/^[^']{0,10}$/)
        .map((value) => ({ text: `'${value}'`, operand: { kind: 'literal' as const, value } })),
      fc
        .stringMatching(/^-?\d{1,6}(\.\d{1,3})?$/)
        .map((text) => ({ text, operand: { kind: 'literal' as const, value: Number(text) } })),
      fc.boolean().map((value) => ({ text: String(value), operand: { kind: 'literal' as const, value } })),
    )
    const space = fc.constantFrom('', ' ', '  ', '\t')
    const shortcode = fc
      .tuple(fc.array(fc.tuple(space, operand, space), { minLength: 1, maxLength: 3 }), space)
      .map(([operands, close]) => ({
        text: `{{${operands.map(([before, { text }, after]) => `${before}${text}${after}`).join('||')}${close}}}`,
        expression: operands.map(([, { operand: o }]) => o) as Expression,
      }))
    // Text around shortcodes: no "{" at all, so no brace can merge with the next "{{".
    const text = fc.stringMatching(/^[^{]{1,12}$/)
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            text.map((t) => ({ text: t, part: t as string | Expression })),
            shortcode.map((s) => ({ text: s.text, part: s.expression })),
          ),
          { minLength: 1, maxLength: 6 },
        ),
        (pieces) => {
          const source = pieces.map((piece) => piece.text).join('')
          // Neighbouring texts read as one.
          const parts: Array<string | Expression> = []
          for (const { part } of pieces) {
            const last = parts.length - 1
            if (typeof part === 'string' && typeof parts[last] === 'string') parts[last] += part
            else parts.push(part)
          }
          const expected: ParsedString = parts.every((part) => typeof part === 'string')
            ? { kind: 'text', text: source }
            : parts.length === 1
              ? { kind: 'whole', expression: parts[0] as Expression }
              : { kind: 'interpolation', parts }
          expect(parseShortcodes(source)).toEqual(expected)
        },
      ),
      { numRuns: 3_000 },
    )
  })

  it('hostile lengths end promptly: 100 000 openers, an endless string literal, 10 000 alternatives', () => {
    const inputs = [
      '{{'.repeat(100_000),
      `{{ '${'a'.repeat(200_000)}`,
      `{{ ${Array.from({ length: 10_000 }, (_, i) => `user.a${i}`).join(' || ')} }}`,
      '{{x}}'.repeat(50_000),
    ]
    const kinds = inputs.map((input) => {
      const result = parse(input)
      return result instanceof ShortcodeSyntaxError ? 'error' : result.kind
    })
    expect(kinds).toEqual(['error', 'error', 'whole', 'interpolation'])
  })
})

describe('compileClaims', () => {
  // Claim objects at any depth whose strings are template text.
  const claimValue = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      templateText,
      fc.jsonValue({ maxDepth: 1 }),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 6 }), tie('value'), { maxKeys: 3 }),
    ),
  })).value
  const claims = fc.dictionary(
    fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'exp')),
    claimValue,
    { maxKeys: 6 },
  )
  const context = fc.record({
    user: fc.oneof(
      fc.jsonValue(),
      fc.record({
        id: fc.string(),
        first_name: fc.oneof(fc.string(), fc.constant(null)),
        public_metadata: fc.jsonValue(),
      }),
    ),
    org: fc.jsonValue(),
    session: fc.jsonValue(),
  })

  it('any claims: compiled, or a ClaimsSyntaxError naming each bad string; rendering any context gives valid JSON', () => {
    let compiled = 0
    fc.assert(
      fc.property(claims, fc.array(context, { minLength: 1, maxLength: 3 }), (template, contexts) => {
        const result = compile(template)
        if (result instanceof ClaimsSyntaxError) {
          expect(result.problems.length).toBeGreaterThan(0)
          for (const problem of result.problems) expect(problem.reason).toMatch(/\(at character \d+\)$/)
          return
        }
        compiled += 1
        for (const ctx of contexts) {
          const rendered = JSON.parse(result.render(ctx)) as Record<string, unknown>
          expect(Object.keys(rendered)).toEqual(Object.keys(template))
          for (const [key, value] of Object.entries(template)) {
            if (!containsString(value)) expect(rendered[key]).toEqual(JSON.parse(JSON.stringify(value)))
          }
          const withTail = JSON.parse(result.render(ctx, '"iat":1,"exp":2')) as Record<string, unknown>
          expect([withTail.iat, withTail.exp]).toEqual([1, 2])
        }
      }),
      { numRuns: 2_000 },
    )
    expect(compiled).toBeGreaterThan(0)
  })

  it('a whole-value path renders the typed value found in the context, null where there is none', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, present) => {
        const rendered = JSON.parse(
          compileClaims({ v: '{{ user.public_metadata.deep }}' }).render(
            present ? { user: { public_metadata: { deep: value } } } : { user: null },
          ),
        )
        expect(rendered).toEqual({ v: present ? JSON.parse(JSON.stringify(value)) : null })
      }),
      { numRuns: 2_000 },
    )
  })
})

function containsString(value: unknown): boolean {
  if (typeof value === 'string') return true
  if (Array.isArray(value)) return value.some(containsString)
  if (typeof value === 'object' && value !== null) return Object.values(value).some(containsString)
  return false
}
