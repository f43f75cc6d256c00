// The Remix (Vite) build of the example app.
import { fileURLToPath } from 'node:url'
import { vitePlugin as remix } from '@remix-run/dev'
import { defineConfig } from 'vite'

export default defineConfig({
  plugins: [
    remix({
      // Opt in to the React Router v7 behaviours that change nothing for this app, so the build prints no
      // warnings about them. Single fetch stays off: the app uses the classic loader data flow.
      future: {
        v3_fetcherPersist: true,
        v3_lazyRouteDiscovery: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
      },
    }),
  ],
  // `~/…` is app/, as in tsconfig.json's paths.
  resolve: { alias: { '~': fileURLToPath(new URL('./app', import.meta.url)) } },
  server: { port: 3000 },
})
