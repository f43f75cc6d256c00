// vitest globalSetup of the "(cli)" projects: the CLI process their suites start runs local/dist, built here when older
// than its sources (a few file stats when it is up to date, as after `npm test`'s build or another project's setup).
import { ensureBuilt } from '../../example/scripts/ensureBuilt.mjs'

export default async function buildLocalDistWhenStale() {
  await ensureBuilt(['remix-clerk-local'], (/** @type {string} */ message) => console.log(`[CLI suites] ${message}`))
}
