// The numbers docs/reliability.md states about the suites (how many hostile tokens, paths, rows, requests), each
// written once there as `<!-- count:NAME -->113<!-- /count -->`. The suite that produces a number asserts it is
// exactly the documented one (`expect(cases.length).toBe(documentedCount('hostile-tokens'))`), so the doc and the
// suite cannot drift apart; test/crossCutting/docs/reliability.test.ts checks that every count of the doc is asserted by a suite.
import { readFileSync } from 'node:fs'

const DOC = new URL('../../docs/reliability.md', import.meta.url)

/** `<!-- count:NAME -->` followed by the number (spaces group thousands: `64 000`). */
export const COUNT = /<!-- count:([\w-]+) -->([\d  ]+)<!-- \/count -->/g

let counts: Map<string, number> | undefined

/** The number docs/reliability.md gives under `name`; throws when it gives none. */
export function documentedCount(name: string): number {
  counts ??= new Map(
    [...readFileSync(DOC, 'utf8').matchAll(COUNT)].map((match) => [match[1]!, Number(match[2]!.replace(/\s/g, ''))]),
  )
  const count = counts.get(name)
  if (count === undefined)
    throw new Error(`docs/reliability.md has no <!-- count:${name} -->: add it where the doc states that number.`)
  return count
}
