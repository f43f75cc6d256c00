import { defineConfig } from 'tsup'

export default defineConfig({
  entry: ['src/index.ts', 'src/testing.ts', 'src/cli.ts'],
  format: ['esm', 'cjs'],
  dts: { entry: ['src/index.ts', 'src/testing.ts'] },
  clean: true,
  sourcemap: true,
  target: 'node20',
  platform: 'node',
  // import.meta.url in the CommonJS build too (clerkJsBundle.ts resolves packages next to itself).
  shims: true,
})
