// @ts-check
// The ClerkJS bundles `npm start` and the tests load, obtained the way a user gets them: `remix-clerk-local clerk-js
// install`, which puts the browser bundles (and nothing of their npm dependency tree) in the user's cache. A release
// already there costs a few file reads and no network.
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { REPO_ROOT } from '../example/scripts/ensureBuilt.mjs'

/** ClerkJS 5 (what @clerk/remix 4 loads: the example and most browser tests), and ClerkJS 6 with @clerk/ui. */
const ALL_RELEASES = ['5', '6']

/**
 * Runs the built `remix-clerk-local clerk-js install` (build local/ first) and resolves with what it printed.
 * @param {string[]} [releases]
 * @returns {Promise<string>}
 */
export function installClerkJsBundles(releases = ALL_RELEASES) {
  const command = join(REPO_ROOT, 'local', 'bin', 'remix-clerk-local.js')
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [command, 'clerk-js', 'install', ...releases],
      { encoding: 'utf8' },
      (error, stdout, stderr) =>
        error
          ? reject(
              new Error(
                `remix-clerk-local clerk-js install ${releases.join(' ')} failed: ${stderr.trim() || error.message}`,
              ),
            )
          : resolve(stdout),
    )
  })
}
