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
    // One browser at a time: the machine has two cores and the suite shares one app server.
    fileParallelism: false,
  },
})
