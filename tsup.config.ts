import { readFileSync } from 'node:fs'
import { defineConfig } from 'tsup'

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string
}

export default defineConfig({
  entry: ['src/api.server.ts', 'src/ssr.server.ts', 'src/webhooks.ts', 'src/react-router.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  // No source maps in the package: they were two thirds of its size, and dist/ is readable ESM as it is.
  sourcemap: false,
  target: 'es2022',
  platform: 'neutral',
  // Runtime dependencies stay external; everything under src/ is bundled into the four entries.
  external: ['jose', 'cookie', 'standardwebhooks'],
  define: { __REMIX_CLERK_VERSION__: JSON.stringify(version) },
})
