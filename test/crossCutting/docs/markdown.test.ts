// The Markdown reading behind the docs tests: a block it missed or a link it skipped would go unchecked.
import { describe, expect, it } from 'vitest'
import { extractSnippets, headingAnchors, relativeLinks } from './markdown.js'

const DOC = [
  '# Title', //                                   1
  '',
  'See [the part](#the-backend-api-client) and [docs](docs/x.md#a-b), not `[code](y.md)` nor [web](https://e.x).',
  '',
  '```ts', //                                     5
  "const a: number = 'checked'",
  '```',
  '',
  '<!-- snippet: skip — it shows a file the reader writes -->',
  '', //                                         10
  '```tsx',
  'skipped()',
  '```',
  '',
  '<!-- snippet: skip -->', //                   15
  '```ts',
  'noReason()',
  '```',
  '',
  '````md', //                                   20
  '```ts',
  'inside another block: not a snippet [x](z.md)',
  '```',
  '````',
  '', //                                         25
  '## The Backend API client',
  '## Options (`getAuth`) & more',
  '## Options (`getAuth`) & more',
].join('\n')

describe('reading the docs', () => {
  it('finds ts and tsx blocks with their fence line and skip reason, and none inside other blocks', () => {
    expect(extractSnippets('x.md', DOC)).toEqual([
      { file: 'x.md', line: 5, lang: 'ts', code: "const a: number = 'checked'" },
      { file: 'x.md', line: 11, lang: 'tsx', code: 'skipped()', skip: 'it shows a file the reader writes' },
      { file: 'x.md', line: 16, lang: 'ts', code: 'noReason()', skip: '' },
    ])
  })

  it('finds relative links outside code, with their lines', () => {
    expect(relativeLinks(DOC)).toEqual([
      { target: '#the-backend-api-client', line: 3 },
      { target: 'docs/x.md#a-b', line: 3 },
    ])
  })

  it("gives headings GitHub's anchors", () => {
    expect(headingAnchors(DOC)).toEqual([
      'title',
      'the-backend-api-client',
      'options-getauth--more',
      'options-getauth--more-1',
    ])
  })
})
