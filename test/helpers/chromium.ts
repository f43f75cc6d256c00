// The system Chromium (Debian's package) for every browser suite: the example's end-to-end tests and the
// local backend's /local-clerk.js test.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext } from 'playwright-core'

// Debian's Chromium is the only browser we use: playwright's own downloads cannot be reached here.
const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
  (path): path is string => Boolean(path),
)

export function findChromium(): string | undefined {
  return CANDIDATES.find((path) => existsSync(path))
}

/**
 * Why a browser suite cannot run, or undefined when it can. Outside CI a missing browser skips the suite with a
 * loud message; under CI=true it is a failure, so a broken install step can never turn the suite green.
 */
export function browserUnavailableReason(): string | undefined {
  if (findChromium()) return undefined
  const message =
    'No Chromium found (looked at CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser). ' +
    'Install it with `apt-get install -y chromium` to run the browser end-to-end tests.'
  if (process.env.CI === 'true') throw new Error(`${message} CI=true: a missing browser is a failure.`)
  console.warn(`\n${'!'.repeat(100)}\n!! SKIPPING BROWSER TESTS: ${message}\n${'!'.repeat(100)}\n`)
  return message
}

export interface LaunchedBrowser {
  context: BrowserContext
  close(): Promise<void>
}

/**
 * A headless Chromium with a fresh, throw-away profile (playwright takes the profile as userDataDir). Without
 * JavaScript (`javaScriptEnabled: false`) pages work as their server renders them.
 */
export async function launchChromium({
  javaScriptEnabled = true,
}: { javaScriptEnabled?: boolean } = {}): Promise<LaunchedBrowser> {
  const executablePath = findChromium()
  if (!executablePath) throw new Error('No Chromium found; call browserUnavailableReason() first.')
  const userDataDir = mkdtempSync(join(tmpdir(), 'remix-clerk-chromium-'))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    javaScriptEnabled,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  })
  return {
    context,
    async close() {
      await context.close().catch(() => undefined)
      rmSync(userDataDir, { recursive: true, force: true })
    },
  }
}
