import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * vitest globalSetup: the CLI tests spawn the built `dist/cli.js`, exactly what the `remix-clerk-local` bin runs,
 * so the package is built once before any test file starts.
 */
export default function buildDist(): void {
  const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..')
  const require = createRequire(import.meta.url)
  const tsupCli = join(dirname(require.resolve('tsup/package.json')), 'dist', 'cli-default.js')
  execFileSync(process.execPath, [tsupCli, '--silent'], { cwd: packageDir, stdio: ['ignore', 'ignore', 'inherit'] })
}
