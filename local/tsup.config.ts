import { defineConfig } from 'tsup'

export default defineConfig({
  entry: ['src/index.ts', 'src/testing.ts', 'src/cli.ts'],
  format: ['esm', 'cjs'],
  dts: {
    entry: ['src/index.ts', 'src/testing.ts'],
    // The public types only: without the internals (the LocalClerk constructor's store, keys and router), which
    // would pull better-sqlite3's types (a devDependency) and hono's into every app (test/crossCutting/packaging checks it).
    compilerOptions: { stripInternal: true },
  },
  clean: true,
  sourcemap: true,
  target: 'node20',
  platform: 'node',
  // import.meta.url in the CommonJS build too (clerkJsBundle.ts resolves packages next to itself).
  shims: true,
})
