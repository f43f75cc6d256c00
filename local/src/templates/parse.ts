/**
 * Parser for the shortcode language of JWT templates: `{{ operand || operand … }}` inside claim strings, where an
 * operand is a dotted path (`user.public_metadata.addresses.Home`) or a literal ('text', 42, -1.5, true, false).
 * Pure: no I/O, no knowledge of what the paths mean.
 */

type Literal = string | number | boolean

/** @internal Exported for tests, which generate expressions operand by operand. */
export type Operand =
  { readonly kind: 'path'; readonly path: readonly string[] } | { readonly kind: 'literal'; readonly value: Literal }

/** `a || b || c`: at least one operand. */
export type Expression = readonly Operand[]

export type ParsedString =
  /** No shortcode at all: the string is kept as is. */
  | { readonly kind: 'text'; readonly text: string }
  /** The whole string is one shortcode: the result keeps the value's JSON type. */
  | { readonly kind: 'whole'; readonly expression: Expression }
  /** Text mixed with shortcodes: the result is always a string. */
  | { readonly kind: 'interpolation'; readonly parts: ReadonlyArray<string | Expression> }

export class ShortcodeSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly position: number,
  ) {
    super(`${reason} (at character ${position + 1})`)
    this.name = 'ShortcodeSyntaxError'
  }
}

const OPEN = '{{'
const CLOSE = '}}'
const WHITESPACE = /\s/
const SEGMENT = /[A-Za-z0-9_$-]/
const NUMBER = /^-?\d+(?:\.\d+)?/

export function parseShortcodes(source: string): ParsedString {
  const parts: Array<string | Expression> = []
  let cursor = 0
  while (cursor < source.length) {
    const open = source.indexOf(OPEN, cursor)
    if (open === -1) {
      parts.push(source.slice(cursor))
      break
    }
    if (open > cursor) parts.push(source.slice(cursor, open))
    const { expression, end } = new ExpressionReader(source, open + OPEN.length).read()
    parts.push(expression)
    cursor = end
  }
  if (parts.length === 0) return { kind: 'text', text: source }
  if (parts.length === 1 && typeof parts[0] !== 'string') return { kind: 'whole', expression: parts[0]! }
  if (parts.every((part) => typeof part === 'string')) return { kind: 'text', text: source }
  return { kind: 'interpolation', parts }
}

/** Reads one `operand (|| operand)* }}` starting right after `{{`. */
class ExpressionReader {
  private position: number

  constructor(
    private readonly source: string,
    start: number,
  ) {
    this.position = start
  }

  read(): { expression: Expression; end: number } {
    const shortcodeStart = this.position - OPEN.length
    // Checked first so that `{{ user.` reports the missing "}}" rather than the dangling dot.
    if (this.source.indexOf(CLOSE, this.position) === -1) throw this.unclosed(shortcodeStart)
    this.skipWhitespace()
    if (this.at(CLOSE))
      throw new ShortcodeSyntaxError('empty shortcode "{{}}": put a path or a literal inside', shortcodeStart)
    const operands: Operand[] = [this.readOperand(shortcodeStart)]
    for (;;) {
      this.skipWhitespace()
      if (this.at(CLOSE)) {
        this.position += CLOSE.length
        return { expression: operands, end: this.position }
      }
      if (this.position >= this.source.length) throw this.unclosed(shortcodeStart)
      if (!this.at('||')) {
        throw new ShortcodeSyntaxError(
          `expected "||" or "}}" but found ${JSON.stringify(this.source[this.position])}`,
          this.position,
        )
      }
      this.position += 2
      this.skipWhitespace()
      if (this.at(CLOSE) || this.position >= this.source.length) {
        throw new ShortcodeSyntaxError('expected an operand after "||"', this.position)
      }
      operands.push(this.readOperand(shortcodeStart))
    }
  }

  private readOperand(shortcodeStart: number): Operand {
    const start = this.position
    const char = this.source[start]
    if (char === undefined) throw this.unclosed(shortcodeStart)
    if (char === "'") {
      const close = this.source.indexOf("'", start + 1)
      if (close === -1)
        throw new ShortcodeSyntaxError('unterminated string literal: add the closing single quote', start)
      this.position = close + 1
      return { kind: 'literal', value: this.source.slice(start + 1, close) }
    }
    if (char === '"') {
      throw new ShortcodeSyntaxError('string literals use single quotes: write \'text\', not "text"', start)
    }
    if (char === '-' || (char >= '0' && char <= '9')) {
      const match = NUMBER.exec(this.source.slice(start))
      if (!match) throw new ShortcodeSyntaxError(`invalid number literal starting with ${JSON.stringify(char)}`, start)
      this.position = start + match[0].length
      this.expectOperandEnd(start, 'number literal')
      return { kind: 'literal', value: Number(match[0]) }
    }
    if (!/[A-Za-z_$]/.test(char)) {
      throw new ShortcodeSyntaxError(
        `unexpected character ${JSON.stringify(char)}: expected a path or a literal`,
        start,
      )
    }
    const path = [this.readSegment()]
    while (this.source[this.position] === '.') {
      this.position += 1
      const segmentStart = this.position
      const segment = this.readSegment()
      if (segment === '') throw new ShortcodeSyntaxError('expected a name after "."', segmentStart)
      path.push(segment)
    }
    this.expectOperandEnd(start, 'path')
    if (path.length === 1 && (path[0] === 'true' || path[0] === 'false')) {
      return { kind: 'literal', value: path[0] === 'true' }
    }
    return { kind: 'path', path }
  }

  private readSegment(): string {
    const start = this.position
    while (this.position < this.source.length && SEGMENT.test(this.source[this.position]!)) this.position += 1
    return this.source.slice(start, this.position)
  }

  /** An operand must be followed by whitespace, `||` or `}}`: rejects `12abc`, `user.name'x'`. */
  private expectOperandEnd(start: number, what: string): void {
    const next = this.source[this.position]
    if (next === undefined || WHITESPACE.test(next) || this.at('||') || this.at(CLOSE)) return
    throw new ShortcodeSyntaxError(
      `invalid ${what} ${JSON.stringify(this.source.slice(start, this.position + 1))}`,
      start,
    )
  }

  private skipWhitespace(): void {
    while (this.position < this.source.length && WHITESPACE.test(this.source[this.position]!)) this.position += 1
  }

  private at(token: string): boolean {
    return this.source.startsWith(token, this.position)
  }

  private unclosed(shortcodeStart: number): ShortcodeSyntaxError {
    const snippet = this.source.slice(shortcodeStart, shortcodeStart + 40)
    return new ShortcodeSyntaxError(`unclosed shortcode ${JSON.stringify(snippet)}: expected "}}"`, shortcodeStart)
  }
}
