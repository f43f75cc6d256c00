// Quoting values from outside in messages: JSON as upstream quotes claims, short, printable ASCII only.
import { describe, expect, it } from 'vitest'
import { printable, quote } from '../../src/shared/quote.js'

describe('quote', () => {
  it('quotes strings, objects and arrays as JSON, numbers and what JSON cannot show with String()', () => {
    expect(quote('v1')).toBe('"v1"')
    expect(quote(['a', 'b'])).toBe('["a","b"]')
    expect(quote({ $ne: null })).toBe('{"$ne":null}')
    expect(quote(null)).toBe('null')
    expect(quote(true)).toBe('true')
    expect(quote(42)).toBe('42')
    expect(quote(Number.NaN)).toBe('NaN')
    expect(quote(Number.POSITIVE_INFINITY)).toBe('Infinity')
    expect(quote(undefined)).toBe('undefined')
    expect(quote(10n)).toBe('10')
  })

  it('survives values JSON refuses', () => {
    const cycle: Record<string, unknown> = {}
    cycle.self = cycle
    expect(quote(cycle)).toBe('[object Object]')
  })

  it('cuts long values and replaces what could break a message or header', () => {
    expect(quote('x'.repeat(500))).toBe(`"${'x'.repeat(99)}…`)
    expect(quote('x'.repeat(500), 10)).toBe(`"${'x'.repeat(9)}…`)
    expect(quote('a\r\nSet-Cookie: x')).toBe('"a\\r\\nSet-Cookie: x"')
    expect(quote('exämple')).toBe('"ex?mple"')
  })
})

describe('printable', () => {
  it('leaves ordinary text alone', () => {
    expect(printable('kid_123-ABC')).toBe('kid_123-ABC')
  })

  it('shows control and non-ASCII characters as ?, and cuts at max', () => {
    expect(printable('a\nb\u0000c\u00e9')).toBe('a?b?c?')
    expect(printable('k'.repeat(101))).toBe(`${'k'.repeat(100)}…`)
  })
})
