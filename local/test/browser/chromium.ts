import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, chromium } from 'playwright-core'

// The system Chromium (Debian's package), as the example app's end-to-end tests use it.
const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
  (path): path is string => Boolean(path),
)

const findChromium = (): string | undefined => CANDIDATES.find((path) => existsSync(path))

/**
 * Why the browser tests cannot run, or undefined when they can. A missing browser skips them loudly outside CI
 * and fails under CI=true, so a broken install step never turns the suite green.
 */
export function chromiumMissing(): string | undefined {
  if (findChromium()) return undefined
  const message = `No Chromium found (looked at ${CANDIDATES.join(', ')}). Install it with \`apt-get install -y chromium\` to run the browser tests of remix-clerk-local.`
  if (process.env.CI === 'true') throw new Error(`${message} CI=true: a missing browser is a failure.`)
  console.warn(`\n${'!'.repeat(100)}\n!! SKIPPING BROWSER TESTS: ${message}\n${'!'.repeat(100)}\n`)
  return message
}

/** A headless Chromium with a throw-away profile; `close()` removes it. */
export async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const executablePath = findChromium()
  if (!executablePath) throw new Error('No Chromium found; check chromiumMissing() first.')
  const userDataDir = mkdtempSync(join(tmpdir(), 'remix-clerk-local-chromium-'))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
  return {
    context,
    async close() {
      await context.close().catch(() => undefined)
      rmSync(userDataDir, { recursive: true, force: true })
    },
  }
}
