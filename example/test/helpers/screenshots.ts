// Screenshots of each step of a browser test, to look at when one fails or the UI changes.
import { mkdirSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'

const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-results')

/** Numbered full-page screenshots under example/test-results/<suite>/, in the order the steps ran (this run's only). */
export function screenshotter(suite: string) {
  // The same suite runs against the library and the CLI process, at the same time: each keeps its own folder.
  const dir = join(RESULTS_DIR, process.env.LOCAL_CLERK_BACKEND === 'cli' ? `${suite} (cli)` : suite)
  // Only this run's pictures: an earlier run's, numbered differently, would read as steps of this one.
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  let count = 0
  return async (page: Page, step: string): Promise<string> => {
    count += 1
    const path = join(dir, `${String(count).padStart(2, '0')}-${step}.png`)
    await page.screenshot({ path, fullPage: true })
    return path
  }
}
