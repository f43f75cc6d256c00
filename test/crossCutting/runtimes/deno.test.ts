// Deno (the `deno` devDependency, its binary from the platform package) run with no --allow-env, so that every
// process.env read is refused (NotCapable), and only --allow-net=127.0.0.1, so that no request can leave the
// machine. React cannot load without env access (it reads NODE_ENV), so the scenario routes are called without a
// framework (app/plainHandler.ts); the keys come as options. remix-clerk is loaded by its package name from dist/,
// through node_modules (--node-modules-dir=manual) and with --cached-only: Deno fetches nothing.
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { childEnvironment, denoBinary, runtimeUnavailableReason, startServerProcess } from './runtimeProcess.js'
import { describeRuntime } from './scenarios.js'

const deno = denoBinary()
const unavailable = runtimeUnavailableReason(
  'Deno',
  deno !== undefined,
  'npm ci installs it: `deno` is a devDependency',
)

describeRuntime({
  name: `Deno ${deno ? /^deno (\S+)/.exec(execFileSync(deno, ['--version'], { encoding: 'utf8' }))?.[1] : ''} without --allow-env`,
  unavailable,
  start: (backend) =>
    startServerProcess(
      deno!,
      ['run', '--no-prompt', '--node-modules-dir=manual', '--cached-only', '--allow-net=127.0.0.1', 'deno.ts'],
      {
        cwd: fileURLToPath(new URL('./app', import.meta.url)),
        env: childEnvironment(),
        input: JSON.stringify(backend.keys),
      },
    ),
  variants: [{ name: 'loaders called without a framework', prefix: '', middleware: false }],
  withoutOptions: () => /^remix-clerk: missing Clerk secret key\. Set the CLERK_SECRET_KEY environment variable/,
  more(state) {
    it('createClerkClient without apiUrl: the refused CLERK_API_URL read counts as unset, so the default Backend API', async () => {
      const { app, backend } = state()
      const { headers } = await backend.signIn(`${app.url}/client-without-api-url`, 'authorization')
      const response = await fetch(`${app.url}/client-without-api-url`, { headers })
      const { loader } = (await response.json()) as { loader: { error: string } }
      // --allow-net=127.0.0.1 refuses the connection before anything is sent.
      expect(loader.error).toContain('api.clerk.com')
      expect(loader.error).not.toContain('env access')
    })
  },
})
