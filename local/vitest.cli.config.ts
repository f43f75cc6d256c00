// The remix-clerk-local suites that speak HTTP to the Frontend API or drive a browser, and the Backend API's wire and
// bad-input suites, run again against the CLI process (`dist/cli.js start`) instead of the library: test/backend.ts
// reads LOCAL_CLERK_BACKEND.
import { defineConfig } from 'vitest/config'
import library from './vitest.config'

export default defineConfig({
  test: {
    ...library.test,
    name: 'remix-clerk-local (cli)',
    include: [
      'test/fapi/**/*.test.ts',
      'test/browser/**/*.test.ts',
      'test/hostile/{badInput,browserTokenCredentials,hostHeader,sessionFixation}.test.ts',
      'test/wire.test.ts',
    ],
    env: { LOCAL_CLERK_BACKEND: 'cli' },
    // Not test/buildDist.ts again, which always builds: the library project's setup has just built dist.
    globalSetup: ['../test/helpers/localDist.mjs'],
  },
})
