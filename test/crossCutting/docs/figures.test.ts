// Every figure lives once (test/crossCutting/docs/figures.ts says where): the docs quote it from its home, and this test fails
// when a quote differs from its home or names no figure, and when a doc states a figure without quoting it. After
// `npm run bench` rewrote bench/results.md (it runs this too), or after editing docs/measurements.md:
//   npm run docs:figures     (UPDATE_DOCS=1 npx vitest run test/crossCutting/docs/figures.test.ts: rewrites the quotes)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { COUNT } from '../../helpers/documentedCount.js'
import { MEASUREMENTS, QUOTE, RESULTS, ROOT, readFigures } from './figures.js'
import { INPUTS } from './reliabilityInputs.js'

/** The docs that quote figures: every Markdown file a reader is sent to, but the two homes. */
const DOCS = [
  'README.md',
  'local/README.md',
  'example/README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((file) => file.endsWith('.md'))
    .map((file) => `docs/${file}`),
].filter((file) => file !== MEASUREMENTS && file !== RESULTS)

/**
 * What counts as a figure: a number with the unit of a measurement (time, ratio, share, size). Durations in seconds
 * or minutes count too: how long an install, a suite or a start takes is measured.
 */
const FIGURE =
  /(?<![\w.@/-])(?:~\s?)?\d[\d  ]*(?:[.,]\d+)?(?:\s?[-–]\s?\d[\d  ]*(?:[.,]\d+)?)?\s?(?:µs|ms|×|%|KiB|KB|MiB|MB|GB|bytes|s|min|minutes?)(?![\w])/g

/**
 * Numbers with such a unit that are not measurements but what the code does (limits, windows, defaults) or the text
 * of an example, each with where it is and why it is no figure. A doc that states one of these again elsewhere needs
 * another entry: a figure that slips in as "behaviour" is what this list must not hide.
 */
const NOT_FIGURES: Record<string, string[]> = {
  // The hostile inputs and limits, each checked against the file that states it by test/crossCutting/docs/reliability.test.ts.
  'docs/reliability.md': INPUTS.map(({ phrase }) => phrase),
  'README.md': [
    'timestamp more than 5 minutes away', // verifyWebhook's tolerance (standardwebhooks')
  ],
  'docs/errors.md': [
    'more than 5 minutes old', // verifyWebhook's tolerance (standardwebhooks')
  ],
  'local/README.md': [
    'one-time link (60 s)', // how long a sync link is valid
    'at most 10 MiB', // the image upload limit
    'lasts 30 minutes by default', // an actor token's session
    '24 bytes in base64', // the webhook secret's length, as Clerk's
    'no answer within 10 s', // a webhook delivery's deadline
    'limited to 1 MiB', // the request body limit
    'uploads to 10 MiB', // the image upload limit
    '(10 s per attempt', // a webhook delivery's deadline
  ],
  'docs/api-client.md': [
    'until 10 s before it expires', // how long a minted token is reused
    'honoured up to 10 s', // the longest Retry-After the client waits
  ],
  'docs/differences.md': [
    'secret key), 5 minutes', // the JWKS cache's lifetime
    'once per 5 s', // the unknown-kid refetch window
    'for 10 s', // how long a refresh outcome is reused
    'per 10 s', // the window of the failing-refresh limit
    "page's 3 s deadline", // the refresh call's deadline
  ],
  'docs/drop-in.md': [
    'for 10 s', // how long a refresh outcome is reused
    'per 10 s', // the window of the failing-refresh limit
  ],
}

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8')

/** The prose of a doc with its code (blocks and inline), its quotes, the `allowed` phrases and links' targets blanked. */
function unquotedProse(text: string, allowed: readonly string[]): string[] {
  let fence: string | undefined
  const blanked = allowed.reduce((prose, phrase) => prose.split(phrase).join(phrase.replace(/[^\n]/g, ' ')), text)
  return blanked.split('\n').map((line) => {
    const match = /^\s*(`{3,}|~{3,})/.exec(line)
    if (fence === undefined && match) {
      fence = match[1]
      return ''
    }
    if (fence !== undefined) {
      if (line.trim().startsWith(fence)) fence = undefined
      return ''
    }
    return line
      .replace(QUOTE, ' ')
      .replace(COUNT, ' ')
      .replace(/`[^`]*`/g, ' ')
      .replace(/\]\([^)]*\)/g, ']')
      .replace(/<!--.*?-->/g, ' ')
  })
}

describe('figures: each lives once, and the docs quote it', () => {
  const figures = readFigures()

  it('every quote names a figure and says what its home says', () => {
    const wrong: string[] = []
    for (const file of DOCS) {
      const text = read(file)
      const updated = text.replace(QUOTE, (quote, name: string, said: string) => {
        const figure = figures.get(name)
        if (!figure) {
          wrong.push(`${file}: no figure named ${name} (see test/crossCutting/docs/figures.ts)`)
          return quote
        }
        if (said !== figure.value) wrong.push(`${file}: ${name} says "${said}", ${figure.home} "${figure.value}"`)
        return `<!-- figure:${name} -->${figure.value}<!-- /figure -->`
      })
      if (process.env.UPDATE_DOCS && updated !== text) writeFileSync(join(ROOT, file), updated)
    }
    if (process.env.UPDATE_DOCS) return
    expect(wrong, 'run npm run docs:figures').toEqual([])
  })

  it('no doc states a figure without quoting it', () => {
    const unquoted: string[] = []
    for (const file of DOCS) {
      unquotedProse(read(file), NOT_FIGURES[file] ?? []).forEach((line, index) => {
        for (const match of line.matchAll(FIGURE)) {
          unquoted.push(`${file}:${index + 1}: "${match[0].trim()}" in "${line.trim().slice(0, 100)}"`)
        }
      })
    }
    for (const [file, phrases] of Object.entries(NOT_FIGURES)) {
      for (const phrase of phrases)
        if (!read(file).includes(phrase))
          unquoted.push(`${file}: NOT_FIGURES names "${phrase}", which it no longer says`)
    }
    expect(unquoted, `quote them from ${RESULTS} or ${MEASUREMENTS}, or say in NOT_FIGURES why they are none`).toEqual(
      [],
    )
  })
})
