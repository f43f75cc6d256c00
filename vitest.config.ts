import { readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string
}
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))
// Root tests drive the local backend from its sources, so a change there needs no rebuild.
const fromLocalSources = {
  alias: [
    { find: /^remix-clerk-local\/testing$/, replacement: here('./local/src/testing.ts') },
    { find: /^remix-clerk-local$/, replacement: here('./local/src/index.ts') },
  ],
}

export default defineConfig({
  define: { __REMIX_CLERK_VERSION__: JSON.stringify(version) },
  test: {
    // Every core: vitest's default for a run leaves one idle (one worker on a 2-core CI machine), and most suites wait
    // on browsers, servers and clocks rather than compute.
    maxWorkers: Math.max(2, availableParallelism()),
    // Each workspace is its own project so that `npm test` at the root runs everything once.
    projects: [
      {
        extends: true,
        resolve: fromLocalSources,
        test: {
          name: 'remix-clerk',
          include: ['test/**/*.test.ts'],
          // The ClerkJS bundles the browser suites load, through `remix-clerk-local clerk-js install`.
          globalSetup: ['test/helpers/clerkJsBundles.ts'],
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      './local/vitest.config.ts',
      './example/vitest.config.ts',
      // The Frontend API and browser suites again, against the CLI process instead of the library
      // (local/test/helpers/backend.ts): one suite, two ways to start the backend.
      './local/vitest.cli.config.ts',
      './example/vitest.cli.config.ts',
      {
        extends: true,
        resolve: fromLocalSources,
        test: {
          name: 'remix-clerk (cli)',
          include: ['test/crossCutting/browser/**/*.test.ts'],
          env: { LOCAL_CLERK_BACKEND: 'cli' },
          globalSetup: ['./test/helpers/localDist.mjs'],
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
})
