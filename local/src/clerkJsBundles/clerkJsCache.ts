// Where `remix-clerk-local clerk-js install` keeps the ClerkJS and `@clerk/ui` bundles it downloads, and where the
// backend looks for them after the installed packages: one folder per exact version, so every project on the machine
// shares them and reinstalling node_modules does not throw them away (as Playwright keeps its browsers).
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

/** Overrides the cache folder, for the command and for the backend alike. */
export const CACHE_ENV = 'REMIX_CLERK_LOCAL_CACHE'

const FOLDER = 'remix-clerk-local'

/**
 * `$REMIX_CLERK_LOCAL_CACHE`, else the user's cache folder: `$XDG_CACHE_HOME` or `~/.cache` on Linux,
 * `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows; `remix-clerk-local` inside it.
 */
export function clerkJsCacheDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const override = env[CACHE_ENV]
  if (override) return resolve(override)
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(homedir(), 'AppData', 'Local'), FOLDER, 'Cache')
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches', FOLDER)
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), FOLDER)
}

/** The folder of one package version in the cache: `<cache>/@clerk/clerk-js@5.128.0/{package.json,dist/}`. */
export function cachedPackageDir(cacheDir: string, name: string, version: string): string {
  return join(cacheDir, `${name}@${version}`)
}
