// Every number docs/reliability.md states is checked: a count (`<!-- count:NAME -->`) is asserted by the suite that
// produces it (test/helpers/documentedCount.ts) or, for the property suites, counted here from their sources; a
// measured figure is quoted from its home (test/crossCutting/docs/figures.test.ts); and any other number is an input or a limit
// that the named file states in the same words or as the same constant (reliabilityInputs.ts). A number outside all three
// fails, as does a count no suite asserts.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { COUNT, documentedCount } from '../../helpers/documentedCount.js'
import { QUOTE, ROOT } from './figures.js'
import { INPUTS } from './reliabilityInputs.js'
import { findFile, repositoryFiles } from './repositoryFiles.js'

const DOC = 'docs/reliability.md'
const text = readFileSync(join(ROOT, DOC), 'utf8')
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8')

/** Counts asserted by this file rather than by a suite: the property suites' size, counted from their sources. */
const COUNTED_HERE = ['properties', 'property-runs']
const PROPERTY_SUITES = /^(test\/.*|local\/test\/.*)\.property\.test\.ts$/

/** The doc's prose with code, links, quotes, counts, input phrases and SDK versions (`@clerk/backend` 3) blanked. */
function unexplainedNumbers(): string[] {
  let prose = text
    .replace(/^```[\s\S]*?^```/gm, (block) => block.replace(/[^\n]/g, ' '))
    .replace(QUOTE, ' ')
    .replace(COUNT, ' ')
    .replace(/`?@clerk\/(?:backend|remix)`? \d+/g, ' ')
    .replace(/`[^`]*`/g, ' ')
    .replace(/\]\([^)]*\)/g, ']')
  for (const { phrase } of INPUTS) prose = prose.split(phrase).join(' ')
  return [...prose.matchAll(/(?<![\w.%/-])\d[\d  ]*(?![\w])/g)].map((match) => {
    const line = prose.slice(0, match.index).split('\n').length
    return `${DOC}:${line}: ${match[0].trim()} in "${text.split('\n')[line - 1]!.trim().slice(0, 90)}"`
  })
}

describe('docs/reliability.md: every number is checked', () => {
  it('every count is asserted by the suite that produces it', () => {
    const suites = repositoryFiles()
      .filter((file) => /^(test|local\/test|example\/test)\/.*\.ts$/.test(file))
      .map(read)
      .join('\n')
    const unasserted = [...text.matchAll(COUNT)]
      .map((match) => match[1]!)
      .filter((name) => !COUNTED_HERE.includes(name) && !suites.includes(`documentedCount('${name}')`))
    expect(unasserted, 'assert each with expect(…).toBe(documentedCount(NAME)) in its suite').toEqual([])
  })

  it('the property suites hold as many properties and runs as it says', () => {
    const sources = repositoryFiles()
      .filter((file) => PROPERTY_SUITES.test(file))
      .map(read)
    const properties = sources.reduce((sum, source) => sum + (source.match(/\bfc\.assert\(/g)?.length ?? 0), 0)
    // fast-check's default is 100 runs; every property here names its own.
    const named = sources.flatMap((source) =>
      [...source.matchAll(/numRuns: ([\d_]+)/g)].map((match) => Number(match[1]!.replace(/_/g, ''))),
    )
    const runs = named.reduce((sum, n) => sum + n, 0) + (properties - named.length) * 100
    expect({ properties, runs }).toEqual({
      properties: documentedCount('properties'),
      runs: documentedCount('property-runs'),
    })
  })

  it('any other number is an input or a limit that its file states too', () => {
    const stale = INPUTS.filter(({ phrase }) => !text.includes(phrase)).map(
      ({ phrase }) => `${phrase}: not in ${DOC} any more`,
    )
    const unsaid = INPUTS.filter(({ file, says }) => {
      const found = findFile(file)
      return found === undefined || !read(found).includes(says)
    }).map(({ file, says }) => `${file} does not say ${says}`)
    expect([...stale, ...unsaid, ...unexplainedNumbers()]).toEqual([])
  })
})
