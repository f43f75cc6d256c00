// The example's browser suites again, against the CLI process (`remix-clerk-local start`) instead of the library:
// local/test/helpers/backend.ts reads LOCAL_CLERK_BACKEND. start.test.ts is about `npm start`, which uses the library.
import { defineConfig } from 'vitest/config'
import library from './vitest.config'

export default defineConfig({
  test: {
    ...library.test,
    name: 'example (cli)',
    include: ['test/{clerkjs,e2e,satellite,withoutJavaScript}.test.ts'],
    env: { LOCAL_CLERK_BACKEND: 'cli' },
  },
})
