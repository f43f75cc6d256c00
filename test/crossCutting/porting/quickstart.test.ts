// docs/porting.md applied to an app written the way Clerk's Remix quickstart and guides write one
// (test/crossCutting/porting/quickstart-app/, still on @clerk/remix/ssr.server and api.server), then run as the guide says: the
// packed packages installed, the imports swapped by the guide's command, `remix-clerk-local clerk-js install` and
// `start --write-env` (the CLI process), the built app on remix-serve with both env files. One visitor's story in
// Chromium: <SignIn/> from a protected loader, the loader's and an action's createClerkClient().users.getUser,
// sign-out, <SignInButton/> (to the app's page, and to the local Account Portal), Clerk's custom flow; no error in a page or the console, no failed request.
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import type { Page } from 'playwright-core'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserUnavailableReason, launchChromium, type LaunchedBrowser } from '../../helpers/chromium.js'
import { ROOT, installFromCache, packBoth } from '../packaging/packedPackages.js'

const FIXTURE = join(ROOT, 'test', 'crossCutting', 'porting', 'quickstart-app')
const guide = readFileSync(join(ROOT, 'docs', 'porting.md'), 'utf8')
const SWAP_IMPORTS = `grep -rlE '@clerk/remix/(ssr|api)\\.server' app | xargs sed -i -E 's#@clerk/remix/(ssr|api)\\.server#remix-clerk/\\1.server#g'`
const USER = { email: 'ada@example.com', password: 'a long password', firstName: 'Ada' }
const run = promisify(execFile)

/** A child process and what it printed so far. */
interface Running {
  child: ChildProcess
  output: string[]
}

/** Starts `node args…` in `cwd` and resolves once a line of its output matches `ready`. */
function startProcess(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  timeoutMs = 60_000,
): Promise<Running> {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
  const output: string[] = []
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start:\n${output.join('')}`)), timeoutMs)
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString())
      if (ready.test(output.join(''))) {
        clearTimeout(timer)
        resolve({ child, output })
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${args.join(' ')} exited (${code}):\n${output.join('')}`))
    })
  })
}

async function stopProcess(running: Running | undefined): Promise<void> {
  const { child } = running ?? {}
  if (!child || child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
  await exited
  clearTimeout(timer)
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

/**
 * The app's folder with its dependencies in the folder above, as `npm install` in the app would leave them: the
 * packed remix-clerk and remix-clerk-local installed by npm (the guide's step 1), and the quickstart's own
 * dependencies (@clerk/remix, Remix, React, Vite), which the app had before porting, linked to the repository's copies.
 */
async function prepareApp(work: string): Promise<string> {
  const tarballs = await packBoth()
  writeFileSync(join(work, 'package.json'), '{ "name": "quickstart-dependencies", "private": true }\n')
  await installFromCache(work, [tarballs.root, tarballs.local])
  const modules = join(work, 'node_modules')
  // Installed without its build script (minutes of compiling SQLite): the repository's build of the same version.
  const version = (dir: string) =>
    (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version
  const sqlite = join(ROOT, 'node_modules', 'better-sqlite3')
  expect(version(join(modules, 'better-sqlite3'))).toBe(version(sqlite))
  rmSync(join(modules, 'better-sqlite3'), { recursive: true })
  symlinkSync(sqlite, join(modules, 'better-sqlite3'), 'dir')

  const manifest = JSON.parse(readFileSync(join(FIXTURE, 'package.json'), 'utf8')) as Record<
    string,
    Record<string, string>
  >
  for (const name of Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })) {
    mkdirSync(dirname(join(modules, name)), { recursive: true })
    symlinkSync(join(ROOT, 'node_modules', name), join(modules, name), 'dir')
  }
  const app = join(work, 'app')
  cpSync(FIXTURE, app, { recursive: true })
  return app
}

/** The ported app type-checks against remix-clerk, with its own tsconfig.json (Remix's Vite template). */
function typeCheck(app: string): string[] {
  const { config } = ts.readConfigFile(join(app, 'tsconfig.json'), ts.sys.readFile)
  const { options, fileNames } = ts.parseJsonConfigFileContent(config, ts.sys, app)
  const program = ts.createProgram(fileNames, options)
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`)
}

const unavailable = browserUnavailableReason()

describe.skipIf(unavailable !== undefined)(
  'a @clerk/remix app ported with docs/porting.md, through the CLI, in Chromium',
  () => {
    const work = mkdtempSync(join(tmpdir(), 'remix-clerk-quickstart-'))
    // Nothing of the test runner's Clerk settings reaches the app or the backend.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith('CLERK_')),
    ) as NodeJS.ProcessEnv
    let app: string
    let backend: Running | undefined
    let appServer: Running | undefined
    let secondApp: Running | undefined
    let browser: LaunchedBrowser | undefined
    let page: Page
    let appUrl: string
    const pageErrors: string[] = []
    const consoleErrors: string[] = []
    const failedRequests: string[] = []
    const httpErrors: string[] = []

    beforeAll(async () => {
      app = await prepareApp(work)

      // 2. Swap the server imports, with the guide's command.
      expect(guide).toContain(`\n${SWAP_IMPORTS}\n`)
      execFileSync('sh', ['-c', SWAP_IMPORTS], { cwd: app })
      const ported = execFileSync('grep', ['-rhoE', "from '[^']*\\.server'", 'app'], { cwd: app, encoding: 'utf8' })
      expect(new Set(ported.trim().split('\n'))).toEqual(
        new Set(["from 'remix-clerk/ssr.server'", "from 'remix-clerk/api.server'"]),
      )
      expect(typeCheck(app)).toEqual([])
      await run(process.execPath, [join(work, 'node_modules', '@remix-run', 'dev', 'dist', 'cli.js'), 'vite:build'], {
        cwd: app,
        env,
      })

      // 3. The local backend, through its command.
      const cli = join(work, 'node_modules', 'remix-clerk-local', 'bin', 'remix-clerk-local.js')
      expect(guide).toContain('\nnpx remix-clerk-local clerk-js install\n')
      await run(process.execPath, [cli, 'clerk-js', 'install'], { cwd: app, env })
      expect(guide).toContain('\nnpx remix-clerk-local start --write-env .env.local-clerk\n')
      writeFileSync(
        join(app, 'seed.json'),
        JSON.stringify({ users: [{ email_address: USER.email, password: USER.password, first_name: USER.firstName }] }),
      )
      backend = await startProcess(
        [cli, 'start', '--port', '0', '--write-env', '.env.local-clerk', '--seed', 'seed.json'],
        app,
        env,
        /Wrote CLERK_SECRET_KEY/,
      )

      // 4. The app with its .env and the local lines, the local ones last.
      expect(guide).toContain(
        '\nnode --env-file=.env --env-file=.env.local-clerk node_modules/.bin/remix-serve build/server/index.js\n',
      )
      const port = await freePort()
      appUrl = `http://localhost:${port}`
      const remixServe = join(work, 'node_modules', '@remix-run', 'serve', 'dist', 'cli.js')
      appServer = await startProcess(
        ['--env-file=.env', '--env-file=.env.local-clerk', remixServe, 'build/server/index.js'],
        app,
        { ...env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production' },
        /\[remix-serve\] http:\/\/localhost:/,
      )

      browser = await launchChromium()
      browser.context.setDefaultTimeout(20_000)
      page = browser.context.pages()[0] ?? (await browser.context.newPage())
      page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`))
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(`${message.text()} [${message.location().url}]`)
      })
      page.on('requestfailed', (request) => {
        // A navigation cancels what the page still had in flight (Remix's /__manifest prefetch, ClerkJS's lazy chunks,
        // its blob: timer worker): the browser gave up on it, no server failed it. Every other failure counts.
        if (request.failure()?.errorText === 'net::ERR_ABORTED') return
        failedRequests.push(`${request.method()} ${request.url()} (${request.failure()?.errorText})`)
      })
      page.on('response', (response) => {
        if (response.status() >= 400)
          httpErrors.push(`${response.status()} ${response.request().method()} ${response.url()}`)
      })
    }, 600_000)

    afterAll(async () => {
      await browser?.close()
      await stopProcess(appServer)
      await stopProcess(secondApp)
      await stopProcess(backend)
      rmSync(work, { recursive: true, force: true })
    })

    const signInWithPassword = async () => {
      await page.getByLabel('Email address').fill(USER.email)
      await page.getByRole('button', { name: 'Continue', exact: true }).click()
      await page.getByLabel('Password', { exact: true }).fill(USER.password)
      await page.getByRole('button', { name: 'Continue', exact: true }).click()
    }

    it('keeps the instance key out of git: the backend created .data/ in the app with a .gitignore', () => {
      expect(readFileSync(join(app, '.data', '.gitignore'), 'utf8')).toMatch(/^\*$/m)
      expect(existsSync(join(app, '.data', 'local-clerk.db'))).toBe(true)
    })

    it('shows the home page signed out, with <SignInButton/>', async () => {
      await page.goto(appUrl)
      await page.getByText('You are signed out').waitFor()
      await page.getByRole('button', { name: 'Sign in' }).waitFor()
    })

    it("sends a signed-out visitor of the protected loader to <SignIn/>, and back with the loader's createClerkClient().users.getUser", async () => {
      await page.getByRole('link', { name: 'Protected page' }).click()
      await page.waitForURL(
        (url) => url.pathname === '/sign-in' && url.searchParams.get('redirect_url') === `${appUrl}/protected`,
      )
      await signInWithPassword()
      await page.waitForURL(`${appUrl}/protected`)
      await expect(page.getByTestId('user-email').innerText()).resolves.toBe(USER.email)
    })

    it('runs an action that reads the user with createClerkClient().users.getUser', async () => {
      await page.getByRole('button', { name: 'Say hello' }).click()
      await expect(page.getByTestId('action-message').innerText()).resolves.toBe(`Hello, ${USER.firstName}!`)
    })

    it('signs out with <UserButton/>', async () => {
      await page.getByRole('button', { name: 'Open user menu' }).click()
      await page.getByRole('menuitem', { name: 'Sign out' }).click()
      await page.waitForURL(`${appUrl}/`)
      await page.getByText('You are signed out').waitFor()
    })

    it("signs in with <SignInButton/>, through the app's sign-in page (CLERK_SIGN_IN_URL), back to the home page", async () => {
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.waitForURL((url) => url.pathname === '/sign-in')
      await signInWithPassword()
      await page.waitForURL(`${appUrl}/`)
      await page.getByText('You are signed in!').waitFor()
    })

    it("signs in with Clerk's custom flow: signIn.create({ identifier, password }) and setActive (/custom-sign-in)", async () => {
      await page.getByRole('button', { name: 'Open user menu' }).click()
      await page.getByRole('menuitem', { name: 'Sign out' }).click()
      await page.getByText('You are signed out').waitFor()
      await page.getByRole('link', { name: 'Custom sign-in' }).click()
      await page.getByLabel('Email address').fill(USER.email)
      await page.getByLabel('Password').fill(USER.password)
      await page.getByRole('button', { name: 'Sign in', exact: true }).click()
      await page.waitForURL(`${appUrl}/`)
      await page.getByText('You are signed in!').waitFor()
      await expect(page.getByTestId('custom-sign-in-error').count()).resolves.toBe(0)
    })

    it('signs in with <SignInButton/> through the hosted sign-in page when the app names none (CLERK_SIGN_IN_URL empty)', async () => {
      // The quickstart without Clerk's custom-pages guide: the same build, with CLERK_SIGN_IN_URL and CLERK_SIGN_UP_URL
      // empty (an empty value counts as unset, and the process environment wins over --env-file).
      const port = await freePort()
      const hostedUrl = `http://localhost:${port}`
      const remixServe = join(work, 'node_modules', '@remix-run', 'serve', 'dist', 'cli.js')
      secondApp = await startProcess(
        ['--env-file=.env', '--env-file=.env.local-clerk', remixServe, 'build/server/index.js'],
        app,
        {
          ...env,
          PORT: String(port),
          HOST: '127.0.0.1',
          NODE_ENV: 'production',
          CLERK_SIGN_IN_URL: '',
          CLERK_SIGN_UP_URL: '',
        },
        /\[remix-serve\] http:\/\/localhost:/,
      )
      await page.getByRole('button', { name: 'Open user menu' }).click()
      await page.getByRole('menuitem', { name: 'Sign out' }).click()
      await page.getByText('You are signed out').waitFor()
      await page.goto(hostedUrl)
      await page.getByRole('button', { name: 'Sign in' }).click()
      // The local backend's Account Portal: its own origin, the /accounts/sign-in page, redirect_url back to the app.
      await page.waitForURL((url) => url.pathname === '/accounts/sign-in' && url.origin !== hostedUrl)
      await signInWithPassword()
      await page.waitForURL((url) => url.origin === hostedUrl)
      await page.getByText('You are signed in!').waitFor()
    })

    it('ran without an error in a page or the console, a failed request or an HTTP error', () => {
      expect(pageErrors).toEqual([])
      expect(consoleErrors).toEqual([])
      expect(failedRequests).toEqual([])
      expect(httpErrors).toEqual([])
    })
  },
)
