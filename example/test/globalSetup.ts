// The end-to-end tests run the built app (and `npm start` runs it the same way), so anything stale is built once,
// before the first test file: remix-clerk's dist, remix-clerk-local's dist and the app. Up to date, this costs a
// few file stats (the root `npm test` has just built everything).
import { installClerkJsBundles } from '../../scripts/clerkJsBundles.mjs'
import { ensureBuilt } from '../scripts/ensureBuilt.mjs'

export default async function buildWhatIsStale(): Promise<void> {
  await ensureBuilt(['remix-clerk', 'remix-clerk-local', 'example'], (message) =>
    console.log(`[example e2e] ${message}`),
  )
  // ClerkJS 5 and 6 (and @clerk/ui), which the backend serves to the app, through `remix-clerk-local clerk-js install`.
  await installClerkJsBundles()
}
