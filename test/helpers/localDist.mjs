// vitest globalSetup of the "remix-clerk (cli)" project: the CLI process its suites start runs local/dist, built here
// when older than its sources (a few file stats when it is up to date, as after `npm test`'s own build).
import { ensureBuilt } from '../../example/scripts/ensureBuilt.mjs'

export default async function buildLocalDistWhenStale() {
  await ensureBuilt(['remix-clerk-local'], (/** @type {string} */ message) => console.log(`[remix-clerk (cli)] ${message}`))
}
