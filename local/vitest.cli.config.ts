// The remix-clerk-local suites that speak HTTP to the Frontend API or drive a browser, and the Backend API's wire and
// bad-input suites, run again against the CLI process (`dist/cli.js start`) instead of the library:
// test/helpers/backend.ts reads LOCAL_CLERK_BACKEND.
import { configDefaults, defineConfig } from 'vitest/config'
import library from './vitest.config.js'

export default defineConfig({
  test: {
    ...library.test,
    name: 'remix-clerk-local (cli)',
    include: [
      'test/fapi/**/*.test.ts',
      'test/system/clerkJs/**/*.test.ts',
      'test/system/conformance/officialSdkHandshake.test.ts',
      'test/system/browser/**/*.test.ts',
      'test/system/hostile/{badInput,browserTokenCredentials,hostHeader,sessionFixation}.test.ts',
      'test/system/wire.test.ts',
      // What a CLI user adds endpoints with while the backend runs.
      'test/bapi/routes/webhookEndpoints.test.ts',
    ],
    // The handshake's payload is checked on the app object itself (createApp), with no backend to start.
    exclude: [...configDefaults.exclude, 'test/fapi/handshakePayload.test.ts'],
    env: { LOCAL_CLERK_BACKEND: 'cli' },
    // Not test/helpers/buildDist.ts again, which always builds: the library project's setup has just built dist.
    globalSetup: ['../test/helpers/localDist.mjs'],
  },
})
