// Bun (the `bun` devDependency, its binary from the platform package) with React Router 7's request handler behind
// Bun.serve, with and without future.v8_middleware. Keys in process.env; remix-clerk loaded by its package name,
// that is from dist/ through the package's exports, as an app installed from the registry loads it.
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { bunBinary, childEnvironment, runtimeUnavailableReason, startServerProcess } from './runtimeProcess.js'
import { describeRuntime, REACT_ROUTER_VARIANTS } from './scenarios.js'

const bun = bunBinary()
const unavailable = runtimeUnavailableReason('Bun', bun !== undefined, 'npm ci installs it: `bun` is a devDependency')

describeRuntime({
  name: `Bun ${bun ? execFileSync(bun, ['--version'], { encoding: 'utf8' }).trim() : ''}`,
  unavailable,
  start: (backend) =>
    startServerProcess(bun!, ['run', 'bun.ts'], {
      cwd: fileURLToPath(new URL('./app', import.meta.url)),
      env: childEnvironment({
        CLERK_SECRET_KEY: backend.keys.secretKey,
        CLERK_PUBLISHABLE_KEY: backend.keys.publishableKey,
        CLERK_API_URL: backend.keys.apiUrl,
        RUNTIMES_JWT_KEY: backend.keys.jwtKey,
        CLERK_WEBHOOK_SIGNING_SECRET: backend.keys.webhookSigningSecret,
      }),
    }),
  variants: REACT_ROUTER_VARIANTS,
  withoutOptions: () => 'signed-in',
})
