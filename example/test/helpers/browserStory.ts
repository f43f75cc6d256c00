// One visitor's story per browser suite: a fresh stack, one Chromium page for every step, and the page's errors.
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { launchChromium, type LaunchedBrowser } from '../../../test/helpers/chromium'
import { startStack, type Stack } from './stack'

/** One visitor's story: the stack, one Chromium page, and what went wrong in the browser along the way. */
export interface BrowserStory {
  stack: Stack
  context: BrowserContext
  page: Page
  /** Uncaught errors in the app's pages (a failed hydration shows up here). */
  pageErrors: string[]
  /** Console errors, with the URL they came from. */
  consoleErrors: string[]
  /** Requests that got no answer at all (network errors, aborted loads). */
  failedRequests: string[]
}

/**
 * Registers the hooks of a browser suite (call it inside `describe`): the stack and Chromium start before the first
 * step and stop after the last; a failed step prints the end of the app's log, where its cause usually is. The
 * returned object is filled in before the first step runs.
 */
export function useBrowserStory(options: {
  sessionLifetime: number
  /** How long one step (a locator, a navigation) may take: generous, as npm test runs browsers on every core at once. */
  stepTimeoutMs: number
  javaScriptEnabled?: boolean
  /** More variables for the app (see startStack). */
  appEnv?: Record<string, string>
}): BrowserStory {
  const story = { pageErrors: [], consoleErrors: [], failedRequests: [] } as unknown as BrowserStory
  let browser: LaunchedBrowser | undefined

  beforeAll(async () => {
    story.stack = await startStack({ sessionLifetime: options.sessionLifetime, appEnv: options.appEnv })
    browser = await launchChromium({ javaScriptEnabled: options.javaScriptEnabled })
    story.context = browser.context
    // Every page answers in milliseconds: a step that waits longer has failed, and should say so soon.
    story.context.setDefaultTimeout(options.stepTimeoutMs)
    const page = story.context.pages()[0] ?? (await story.context.newPage())
    story.page = page
    page.on('pageerror', (error) => story.pageErrors.push(`${page.url()}: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() === 'error') story.consoleErrors.push(`${message.text()} [${message.location().url}]`)
    })
    page.on('requestfailed', (request) => {
      // ClerkJS runs its timers in a worker loaded from a blob: URL, which a navigation cancels while it loads: no
      // request leaves the page, so nothing failed on the wire.
      if (request.url().startsWith('blob:') && request.failure()?.errorText === 'net::ERR_ABORTED') return
      story.failedRequests.push(`${request.method()} ${request.url()} (${request.failure()?.errorText})`)
    })
  })

  afterEach(({ task }) => {
    if (task.result?.state === 'fail')
      console.error(`The app's last output:\n${story.stack.appOutput.slice(-40).join('\n')}`)
  })

  afterAll(async () => {
    await browser?.close()
    await story.stack?.close()
  })

  return story
}
