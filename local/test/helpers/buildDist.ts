import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const BUILT_CLI = join(PACKAGE_DIR, 'dist', 'cli.js')

/**
 * vitest globalSetup of this project and of the root one: the CLI tests spawn the built `dist/cli.js`, exactly what
 * the `remix-clerk-local` bin runs, so the package is built once before any test file starts; then the ClerkJS
 * bundles the suites serve (ClerkJS 5, and 6 with @clerk/ui) go into the user's cache through that very command
 * (`clerk-js install`: a few file reads when `npm test` has just run it).
 */
export default function buildDist(): void {
  const require = createRequire(import.meta.url)
  const tsupCli = join(dirname(require.resolve('tsup/package.json')), 'dist', 'cli-default.js')
  execFileSync(process.execPath, [tsupCli, '--silent'], { cwd: PACKAGE_DIR, stdio: ['ignore', 'ignore', 'inherit'] })
  installClerkJs()
}

/** `remix-clerk-local clerk-js install 5 6` with the built command. */
export function installClerkJs(): void {
  execFileSync(process.execPath, [BUILT_CLI, 'clerk-js', 'install', '5', '6'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  })
}
