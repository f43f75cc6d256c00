import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: 'remix-clerk-local',
    root: import.meta.dirname,
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/buildDist.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
})
