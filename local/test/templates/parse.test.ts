import { describe, expect, it } from 'vitest'
import { type ParsedString, ShortcodeSyntaxError, parseShortcodes } from '../../src/templates/parse.js'

const path = (...segments: string[]) => ({ kind: 'path', path: segments }) as const
const lit = (value: string | number | boolean) => ({ kind: 'literal', value }) as const

describe('parseShortcodes: accepted input', () => {
  const rows: Array<[string, ParsedString]> = [
    ['plain text', { kind: 'text', text: 'plain text' }],
    ['', { kind: 'text', text: '' }],
    ['closing }} alone is text', { kind: 'text', text: 'closing }} alone is text' }],
    ['single { brace', { kind: 'text', text: 'single { brace' }],
    ['{{user.id}}', { kind: 'whole', expression: [path('user', 'id')] }],
    ['{{ user.id }}', { kind: 'whole', expression: [path('user', 'id')] }],
    ['{{\tuser.id\n}}', { kind: 'whole', expression: [path('user', 'id')] }],
    [
      '{{user.public_metadata.addresses.Home}}',
      { kind: 'whole', expression: [path('user', 'public_metadata', 'addresses', 'Home')] },
    ],
    [
      '{{user.public_metadata.x-hasura-role}}',
      { kind: 'whole', expression: [path('user', 'public_metadata', 'x-hasura-role')] },
    ],
    ['{{user.public_metadata.list.0}}', { kind: 'whole', expression: [path('user', 'public_metadata', 'list', '0')] }],
    ['{{_private.$x}}', { kind: 'whole', expression: [path('_private', '$x')] }],
    ["{{ 'text' }}", { kind: 'whole', expression: [lit('text')] }],
    ["{{ '' }}", { kind: 'whole', expression: [lit('')] }],
    ["{{ 'a}}b' }}", { kind: 'whole', expression: [lit('a}}b')] }],
    ["{{ 'with || pipes' }}", { kind: 'whole', expression: [lit('with || pipes')] }],
    ['{{ 30 }}', { kind: 'whole', expression: [lit(30)] }],
    ['{{ -1 }}', { kind: 'whole', expression: [lit(-1)] }],
    ['{{ 1.5 }}', { kind: 'whole', expression: [lit(1.5)] }],
    ['{{ 0 }}', { kind: 'whole', expression: [lit(0)] }],
    ['{{ true }}', { kind: 'whole', expression: [lit(true)] }],
    ['{{ false }}', { kind: 'whole', expression: [lit(false)] }],
    ['{{ true.x }}', { kind: 'whole', expression: [path('true', 'x')] }],
    ['{{ null }}', { kind: 'whole', expression: [path('null')] }],
    ['{{a||b}}', { kind: 'whole', expression: [path('a'), path('b')] }],
    [
      '{{ user.public_metadata.age || user.unsafe_metadata.age || 30 }}',
      {
        kind: 'whole',
        expression: [path('user', 'public_metadata', 'age'), path('user', 'unsafe_metadata', 'age'), lit(30)],
      },
    ],
    [
      "{{ user.full_name || 'Awesome User' }}",
      { kind: 'whole', expression: [path('user', 'full_name'), lit('Awesome User')] },
    ],
    ['{{ a || true || false }}', { kind: 'whole', expression: [path('a'), lit(true), lit(false)] }],
    [
      '{{user.last_name}} {{user.first_name}}',
      { kind: 'interpolation', parts: [[path('user', 'last_name')], ' ', [path('user', 'first_name')]] },
    ],
    ['Hi {{user.id}}', { kind: 'interpolation', parts: ['Hi ', [path('user', 'id')]] }],
    ['{{user.id}} ', { kind: 'interpolation', parts: [[path('user', 'id')], ' '] }],
    ['{{a}}{{b}}', { kind: 'interpolation', parts: [[path('a')], [path('b')]] }],
    [
      "Awesome {{user.first_name || 'user'}}!",
      { kind: 'interpolation', parts: ['Awesome ', [path('user', 'first_name'), lit('user')], '!'] },
    ],
  ]

  it.each(rows)('%j', (source, expected) => {
    expect(parseShortcodes(source)).toEqual(expected)
  })
})

describe('parseShortcodes: rejected input', () => {
  const rows: Array<[string, RegExp]> = [
    ['{{ user.', /^unclosed shortcode "\{\{ user\.": expected "\}\}"/],
    ['{{user.id', /^unclosed shortcode/],
    ['text {{', /^unclosed shortcode/],
    ['{{ a }} {{ b', /^unclosed shortcode "\{\{ b"/],
    ['{{}}', /^empty shortcode/],
    ['{{   }}', /^empty shortcode/],
    ['{{ user. }}', /^expected a name after "\."/],
    ['{{ user..id }}', /^expected a name after "\."/],
    ["{{ 'open }}", /^unterminated string literal/],
    ['{{ "double" }}', /^string literals use single quotes/],
    ['{{ 12abc }}', /^invalid number literal "12a"/],
    ['{{ 1.2.3 }}', /^invalid number literal "1\.2\."/],
    ['{{ - }}', /^invalid number literal starting with "-"/],
    ['{{ a || }}', /^expected an operand after "\|\|"/],
    ['{{ || a }}', /^unexpected character "\|"/],
    ['{{ a | b }}', /^expected "\|\|" or "\}\}" but found "\|"/],
    ['{{ a b }}', /^expected "\|\|" or "\}\}" but found "b"/],
    ['{{ a && b }}', /^expected "\|\|" or "\}\}" but found "&"/],
    ['{{ {a} }}', /^unexpected character "\{"/],
    ['{{ user.id() }}', /^invalid path "user\.id\("/],
    ["{{ 'a''b' }}", /^expected "\|\|" or "\}\}" but found "'"/],
    ['{{ [1] }}', /^unexpected character "\["/],
  ]

  it.each(rows)('%j', (source, message) => {
    let caught: unknown
    try {
      parseShortcodes(source)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(ShortcodeSyntaxError)
    expect((caught as ShortcodeSyntaxError).reason).toMatch(message)
  })

  it('reports the position of the problem', () => {
    let caught: ShortcodeSyntaxError | undefined
    try {
      parseShortcodes('abc {{ x || }}')
    } catch (error) {
      caught = error as ShortcodeSyntaxError
    }
    expect(caught?.position).toBe(12)
    expect(caught?.message).toBe('expected an operand after "||" (at character 13)')
  })
})
