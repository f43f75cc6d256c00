// docs/differences.md names every deliberate difference from @clerk/remix and @clerk/backend by a stable heading, as
// the conformance suite (test/crossCutting/conformance/differences.ts) names the ones it detects. This test fails when a name of
// the suite has no heading, when a heading is neither the suite's nor says which tests pin it, when a link to a
// difference names no heading, and when a doc or a comment refers to a difference by number.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DIFFERENCES } from '../conformance/differences.js'
import { ROOT } from './figures.js'
import { findFile, repositoryFiles } from './repositoryFiles.js'

const DOC = 'docs/differences.md'
const text = readFileSync(join(ROOT, DOC), 'utf8')

/** Each `### name` heading with the text under it, up to the next heading. */
function sections(): Map<string, string> {
  const result = new Map<string, string>()
  const parts = text.split(/^(?=#{2,3} )/m)
  for (const part of parts) {
    const heading = /^### (.+)\n/.exec(part)
    if (!heading) continue
    const name = heading[1]!.trim()
    if (result.has(name)) throw new Error(`${DOC}: the heading ${name} appears twice.`)
    result.set(name, part.slice(heading[0].length))
  }
  return result
}

describe('docs/differences.md', () => {
  const headings = sections()

  it('has a heading for every difference the conformance suite names', () => {
    const missing = DIFFERENCES.map((d) => d.id).filter((id) => !headings.has(id))
    expect(missing, `add a "### name" heading to ${DOC}`).toEqual([])
  })

  it("names a heading in kebab case, and each heading is the suite's or says which tests pin it", () => {
    const suite = new Set(DIFFERENCES.map((d) => d.id))
    const unjustified: string[] = []
    for (const [name, body] of headings) {
      if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) unjustified.push(`${name}: not a kebab-case name`)
      if (suite.has(name)) continue
      const checked =
        /Checked by:? ([^\n]+(?:\n(?![A-Z#])[^\n]+)*)/.exec(body) ?? /The hostile suites pin it: ([^\n]+)/.exec(body)
      if (/Not checked by a test yet: \S/.test(body)) continue
      if (!checked) {
        unjustified.push(
          `${name}: neither a conformance difference nor "Checked by: <test files>" nor "Not checked by a test yet: <why>"`,
        )
        continue
      }
      const files = [...checked[1]!.matchAll(/((?:local\/|example\/)?test\/[\w./-]+\.ts)/g)].map((match) => match[1]!)
      if (files.length === 0) unjustified.push(`${name}: "Checked by" names no test file`)
      for (const file of files) {
        if (!findFile(file)) unjustified.push(`${name}: ${file} does not exist`)
      }
    }
    expect(unjustified).toEqual([])
  })

  it('links to a difference name a heading that exists', () => {
    const anchors = new Set([...headings.keys(), ...topicAnchors()])
    const broken: string[] = []
    for (const file of repositoryFiles()) {
      const content = readFileSync(join(ROOT, file), 'utf8')
      const links = [...content.matchAll(/differences\.md#([\w-]+)/g)]
      if (file === DOC) links.push(...content.matchAll(/\]\(#([\w-]+)\)/g))
      for (const match of links) if (!anchors.has(match[1]!)) broken.push(`${file}: #${match[1]}`)
    }
    expect(broken).toEqual([])
  })

  it('is referred to by name, never by number, anywhere in the repository', () => {
    const byNumber: string[] = []
    const pattern =
      /\bdifferences? #?\d+|differences\.md\)[^.\n]{0,20}\(\d+[–-]?\d*\)|\]\(docs\/differences\.md\)[^.\n]{0,3}\(\d/gi
    for (const file of repositoryFiles()) {
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .forEach((line, index) => {
          for (const match of line.matchAll(pattern)) byNumber.push(`${file}:${index + 1}: ${match[0]}`)
        })
    }
    expect(byNumber, 'refer to a difference by its heading, e.g. differences.md#handshake-get-only').toEqual([])
  })
})

/** The anchors of the topic headings (`## Handshake` → `handshake`), which links may name too. */
function topicAnchors(): Set<string> {
  return new Set(
    [...text.matchAll(/^## (.+)$/gm)].map((match) =>
      match[1]!
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-'),
    ),
  )
}
