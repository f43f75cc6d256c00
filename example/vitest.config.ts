// The example's test project: browser tests against the built app, one file at a time.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: 'example',
    root: import.meta.dirname,
    include: ['test/**/*.test.ts'],
    // Builds remix-clerk, remix-clerk-local and the app when stale: the tests run the built app, which loads ClerkJS
    // from the cache `remix-clerk-local clerk-js install` fills.
    globalSetup: ['test/globalSetup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Files run beside the other projects' (each starts its own backend and app on free ports, and keeps its own
    // screenshots): run one at a time, this project's browsers left one core idle for minutes at the end of npm test.
  },
})
