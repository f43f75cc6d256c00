import { describe, expect, it } from 'vitest'
import { ClaimsSyntaxError, compileClaims } from '../../src/templates/compile.js'
import { buildShortcodeContext } from '../../src/templates/context.js'
import type { UserRecord } from '../../src/store/userStore.js'

const context = {
  user: {
    id: 'user_1',
    first_name: 'Maria',
    last_name: null,
    email_verified: false,
    phone_number_verified: true,
    created_at: 1227618844,
    public_metadata: {
      interests: ['reading', 'climbing'],
      addresses: { Home: '2355 Pointe Lane' },
      zero: 0,
      empty: '',
      flag: false,
    },
    unsafe_metadata: { foo: { bar: 42 } },
    nothing: null,
  },
  org: null,
}

describe('compileClaims: evaluation', () => {
  const rows: Array<[string, unknown, unknown]> = [
    ['static string', 'hello', 'hello'],
    ['static number', 7, 7],
    ['static null', null, null],
    ['static boolean', true, true],
    ['static array', ['hiking', 'knitting'], ['hiking', 'knitting']],
    ['static object', { bar: [1, 2, 3] }, { bar: [1, 2, 3] }],
    ['whole string', '{{user.id}}', 'user_1'],
    ['whole keeps number type', '{{user.created_at}}', 1227618844],
    ['whole keeps boolean type', '{{user.phone_number_verified}}', true],
    ['whole keeps object type', '{{user.unsafe_metadata}}', { foo: { bar: 42 } }],
    ['whole keeps array type', '{{user.public_metadata.interests}}', ['reading', 'climbing']],
    ['nested path', '{{user.public_metadata.addresses.Home}}', '2355 Pointe Lane'],
    ['array index', '{{user.public_metadata.interests.1}}', 'climbing'],
    ['array index out of range', '{{user.public_metadata.interests.5}}', null],
    ['array non-index segment', '{{user.public_metadata.interests.length}}', null],
    ['unknown path', '{{user.i_dont_exist}}', null],
    ['unknown root', '{{nope.x}}', null],
    ['path through null', '{{org.id}}', null],
    ['path through a string', '{{user.id.length}}', null],
    ['prototype is not reachable', '{{user.constructor}}', null],
    ['__proto__ is not reachable', '{{user.__proto__}}', null],
    ['toString is not reachable', '{{user.toString}}', null],
    ['null value', '{{user.last_name}}', null],
    ['fallback past null', "{{user.last_name || 'Doe'}}", 'Doe'],
    ['fallback past false', '{{user.email_verified || user.phone_number_verified}}', true],
    ['fallback keeps 0', '{{user.public_metadata.zero || 5}}', 0],
    ['fallback keeps empty string', "{{user.public_metadata.empty || 'x'}}", ''],
    ['fallback past false metadata', "{{user.public_metadata.flag || 'x'}}", 'x'],
    ['fallback to number', '{{user.public_metadata.age || user.unsafe_metadata.age || 30}}', 30],
    ['all falsy returns last (false)', '{{user.last_name || false}}', false],
    ['all falsy returns last (null path)', '{{user.email_verified || user.nothing}}', null],
    ['first truthy literal wins', "{{ 'a' || 'b' }}", 'a'],
    ['literal true', '{{true}}', true],
    ['literal negative', '{{-2.5}}', -2.5],
    ['interpolation', '{{user.last_name}} {{user.first_name}}', 'null Maria'],
    ['interpolation trims trailing space', '{{user.first_name}} {{user.id}} ', 'Maria user_1'],
    ['interpolation keeps leading space', ' {{user.first_name}}', ' Maria'],
    ['interpolation of number', 'since {{user.created_at}}', 'since 1227618844'],
    ['interpolation of boolean', 'verified={{user.email_verified}}', 'verified=false'],
    ['interpolation of object', 'm={{user.unsafe_metadata}}', 'm={"foo":{"bar":42}}'],
    ['interpolation of array', 'i={{user.public_metadata.interests}}', 'i=["reading","climbing"]'],
    ['interpolation with fallback', "Awesome {{user.last_name || 'user'}}", 'Awesome user'],
    ['interpolation of unknown', 'x{{user.nope}}x', 'xnullx'],
    ['two shortcodes no text', '{{user.first_name}}{{user.id}}', 'Mariauser_1'],
    ['whole with only a literal string', "{{'x'}}", 'x'],
    ['nested in arrays', ['{{user.id}}', 1, ['{{user.created_at}}']], ['user_1', 1, [1227618844]]],
    ['nested in objects', { a: { b: '{{user.first_name}}', c: 1 } }, { a: { b: 'Maria', c: 1 } }],
    ['keys are not evaluated', { '{{user.id}}': '{{user.id}}' }, { '{{user.id}}': 'user_1' }],
    ['array of objects', [{ n: '{{user.first_name}}' }, { n: 'static' }], [{ n: 'Maria' }, { n: 'static' }]],
  ]

  it.each(rows)('%s', (_name, template, expected) => {
    expect(JSON.parse(compileClaims({ value: template }).render(context))).toEqual({ value: expected })
  })

  it('renders compact JSON in template order, with the tail members last', () => {
    const compiled = compileClaims({ b: { c: '{{user.id}}', d: [1, '{{user.created_at}}'] }, a: 'x', n: null })
    expect(compiled.render(context)).toBe('{"b":{"c":"user_1","d":[1,1227618844]},"a":"x","n":null}')
    expect(compiled.render(context, '"exp":2,"sub":"user_1"')).toBe(
      '{"b":{"c":"user_1","d":[1,1227618844]},"a":"x","n":null,"exp":2,"sub":"user_1"}',
    )
    expect(compileClaims({}).render(context)).toBe('{}')
    expect(compileClaims({}).render(context, '"exp":2')).toBe('{"exp":2}')
  })

  it('escapes keys, text and values as JSON', () => {
    const compiled = compileClaims({ 'quote"key': 'line\nbreak "{{user.public_metadata.addresses.Home}}"' })
    expect(JSON.parse(compiled.render(context))).toEqual({ 'quote"key': 'line\nbreak "2355 Pointe Lane"' })
  })

  it("writes every shortcode value exactly as JSON.stringify does (plain strings skip its call; the rest don't)", () => {
    const values: Record<string, unknown> = {
      plain: 'ada@example.com',
      empty: '',
      quote: 'say "hi"',
      backslash: 'C:\\path',
      control: 'tab\there\u0000nul\u001fus',
      del: 'del\u007f',
      unicode: 'Łódź café 日本',
      emoji: 'party 🎉',
      loneHigh: 'broken \ud83c',
      loneLow: '\udf89 broken',
      lineSeparator: 'a\u2028b',
      integer: 42,
      negativeZero: -0,
      fraction: 0.1,
      huge: 1e21,
      tiny: 5e-7,
      yes: true,
      no: false,
      nothing: null,
      list: ['a"b', 1, null, { c: '\n' }],
    }
    const local = { user: { public_metadata: values } }
    const claims = Object.fromEntries(
      Object.keys(values).flatMap((key) => [
        [key, `{{user.public_metadata.${key}}}`],
        [`${key}_text`, `<{{user.public_metadata.${key}}}>`],
      ]),
    )
    const expected = Object.fromEntries(
      Object.entries(values).flatMap(([key, value]) => [
        [key, value],
        [`${key}_text`, `<${typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)}>`],
      ]),
    )
    expect(compileClaims(claims).render(local)).toBe(JSON.stringify(expected))
  })

  it('keeps a claim named __proto__ as data', () => {
    const claims = JSON.parse('{"__proto__": {"x": "{{user.id}}"}, "y": 1}') as Record<string, unknown>
    const json = compileClaims(claims).render(context)
    expect(json).toBe('{"__proto__":{"x":"user_1"},"y":1}')
    const result = JSON.parse(json) as Record<string, unknown>
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype)
    expect(Object.keys(result)).toEqual(['__proto__', 'y'])
  })

  it('lists the roots and first fields the shortcodes read', () => {
    const compiled = compileClaims({
      a: '{{user.organizations}}',
      b: ['x {{org.name || session.actor}}'],
      c: '{{ 1 }}',
    })
    expect([...compiled.references].sort()).toEqual([
      'org',
      'org.name',
      'session',
      'session.actor',
      'user',
      'user.organizations',
    ])
  })
})

describe('compileClaims: syntax errors name the claim path', () => {
  const rows: Array<[string, Record<string, unknown>, Array<{ path: string; reason: RegExp }>]> = [
    ['top level', { name: '{{ user.' }, [{ path: 'name', reason: /^unclosed shortcode/ }]],
    ['nested object', { profile: { name: '{{}}' } }, [{ path: 'profile.name', reason: /^empty shortcode/ }]],
    ['inside an array', { list: ['ok', "{{ 'x }}"] }, [{ path: 'list[1]', reason: /^unterminated string literal/ }]],
    ['deep mix', { a: [{ b: ['{{ 1x }}'] }] }, [{ path: 'a[0].b[0]', reason: /^invalid number literal/ }]],
    [
      'several at once',
      { a: '{{', b: { c: '{{ x || }}' } },
      [
        { path: 'a', reason: /^unclosed shortcode/ },
        { path: 'b.c', reason: /^expected an operand/ },
      ],
    ],
  ]

  it.each(rows)('%s', (_name, claims, expected) => {
    let caught: unknown
    try {
      compileClaims(claims)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(ClaimsSyntaxError)
    const problems = (caught as ClaimsSyntaxError).problems
    expect(problems).toHaveLength(expected.length)
    problems.forEach((problem, i) => {
      expect(problem.path).toBe(expected[i]!.path)
      expect(problem.reason).toMatch(expected[i]!.reason)
    })
  })
})

describe('the documented complete example', () => {
  it('renders as the JWT templates guide shows', () => {
    const user: UserRecord = {
      id: 'user_abcdef123456789',
      external_id: null,
      username: null,
      first_name: 'Maria',
      last_name: 'Doe',
      password_enabled: false,
      public_metadata: { profile: { interests: ['reading', 'climbing'] } },
      private_metadata: { secret: 'never in a token' },
      unsafe_metadata: { foo: { bar: 42 } },
      primary_email_address_id: 'idn_1',
      primary_phone_number_id: null,
      locale: null,
      legal_accepted_at: null,
      last_sign_in_at: null,
      last_active_at: null,
      banned: false,
      locked_until: null,
      image_id: null,
      delete_self_enabled: true,
      create_organization_enabled: true,
      create_organizations_limit: null,
      created_at: 1227618844_000,
      updated_at: 1227618844_500,
    }
    const ctx = buildShortcodeContext({
      user,
      emails: [
        { id: 'idn_1', user_id: user.id, value: 'maria@example.com', verification: null, created_at: 0, updated_at: 0 },
      ],
      phones: [],
    })
    const compiled = compileClaims({
      aud: 'https://my-site.com',
      version: 1,
      foo: { bar: [1, 2, 3] },
      user_id: '{{user.id}}',
      full_name: '{{user.last_name}} {{user.first_name}} ',
      email: '{{user.primary_email_address}}',
      phone: '{{user.primary_phone_address}}',
      registration_date: '{{user.created_at}}',
      likes_to_do: '{{user.public_metadata.profile.interests}}',
      unsafe_meta: '{{user.unsafe_metadata}}',
      invalid_shortcode: '{{user.i_dont_exist}}',
      private: '{{user.private_metadata}}',
      has_verified_contact_info: '{{user.email_verified || user.phone_number_verified}}',
      display: "{{user.full_name || 'Awesome User'}}",
    })
    expect(JSON.parse(compiled.render(ctx))).toEqual({
      aud: 'https://my-site.com',
      version: 1,
      foo: { bar: [1, 2, 3] },
      user_id: 'user_abcdef123456789',
      full_name: 'Doe Maria',
      email: 'maria@example.com',
      phone: null,
      registration_date: 1227618844,
      likes_to_do: ['reading', 'climbing'],
      unsafe_meta: { foo: { bar: 42 } },
      invalid_shortcode: null,
      private: null,
      has_verified_contact_info: true,
      display: 'Maria Doe',
    })
  })
})
