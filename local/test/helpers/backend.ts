// One suite, two ways to start the backend. The Frontend API and browser suites start the local backend through
// startBackend(), which serves it as the library does (`createLocalClerk().listen()`, in the test process) or as
// `npx remix-clerk-local start` does (the built CLI, in a child process). The "(cli)" vitest projects run the same
// suites with LOCAL_CLERK_BACKEND=cli, so any difference between the two ways fails CI.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { LocalClerkOptions } from '../../src/index.js'
import { type CliProcess, runCli, stopIfRunning } from './cliProcess.js'

export type BackendMode = 'library' | 'cli'

/** How this run starts the backend: the "(cli)" projects of the vitest configs set LOCAL_CLERK_BACKEND=cli. */
export const BACKEND_MODE: BackendMode = process.env.LOCAL_CLERK_BACKEND === 'cli' ? 'cli' : 'library'

/**
 * Whether the tests hold the serving instance's clock: the library serves from the test process, on its `now`; the
 * CLI process serves on the real clock. A test that moves the server's clock runs only where it can
 * (`it.runIf(TESTS_HOLD_THE_SERVER_CLOCK)`): what it checks is the same code both ways, only the clock is not reachable.
 */
export const TESTS_HOLD_THE_SERVER_CLOCK = BACKEND_MODE === 'library'

/** The part of LocalClerk the harness uses, so that the sources' class and the built package's both fit. */
interface LocalClerkLike {
  readonly url: string
  env(): object
  listen(port?: number, host?: string): Promise<{ url: string }>
  close(): Promise<void>
}

/**
 * What both ways take: the CLI's options (`now` is the test process's instance's clock; the CLI's is the real one;
 * `webhooks` is the library's only: the CLI's `--webhook-url` has its own suite, webhooksCli.test.ts), and
 * `environment`: the variables the backend reads from its environment (REMIX_CLERK_LOCAL_CACHE), set for the CLI
 * process, or in this process while the library's instance is created (the only time it reads them).
 */
export type BackendOptions = Pick<
  LocalClerkOptions,
  'sessionLifetime' | 'tokenVersion' | 'allowedOrigins' | 'satelliteOrigins' | 'clerkJs' | 'now' | 'webhooks'
> & { environment?: Record<string, string> }

export interface Backend<C extends LocalClerkLike> {
  /**
   * The instance in the test process, to seed, mint test tokens and read the store: the served instance itself
   * (library), or a second one on the CLI's database file, opened as `remix-clerk-local seed` opens it (SQLite in WAL
   * mode: the server sees each commit). Requests go over HTTP to `url`, never through `clerk.fetch`.
   */
  clerk: C
  /** Where the server listens: 127.0.0.1 on a free port. */
  url: string
  /** The settings an app is given: what the CLI wrote with `--write-env`, or `clerk.env()`. */
  env: Record<string, string>
  close(): Promise<void>
}

/**
 * Starts the backend the way this run asks for (`mode`), with `create` being the library's `createLocalClerk` as the
 * caller imports it (the sources in remix-clerk-local's own tests, the package elsewhere).
 */
export async function startBackend<C extends LocalClerkLike>(
  create: (options: LocalClerkOptions) => Promise<C>,
  options: BackendOptions = {},
  mode: BackendMode = BACKEND_MODE,
): Promise<Backend<C>> {
  const { environment, ...clerkOptions } = options
  if (mode === 'library') {
    const clerk = await withEnvironment(environment, () => create({ db: ':memory:', ...clerkOptions }))
    try {
      const { url } = await clerk.listen(0)
      return { clerk, url, env: definedValues(clerk.env()), close: () => clerk.close() }
    } catch (error) {
      await clerk.close()
      throw error
    }
  }
  return startCli(create, clerkOptions, environment)
}

/** Runs `work` with `environment` in process.env, then puts back what was there. */
async function withEnvironment<T>(environment: Record<string, string> | undefined, work: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(environment ?? {}).map((name) => [name, process.env[name]]))
  Object.assign(process.env, environment)
  try {
    return await work()
  } finally {
    for (const [name, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  }
}

async function startCli<C extends LocalClerkLike>(
  create: (options: LocalClerkOptions) => Promise<C>,
  options: Omit<BackendOptions, 'environment'>,
  environment: Record<string, string> | undefined,
): Promise<Backend<C>> {
  const dir = mkdtempSync(join(tmpdir(), 'local-clerk-cli-backend-'))
  const db = join(dir, 'local-clerk.db')
  const envFile = join(dir, 'clerk.env')
  let cli: CliProcess | undefined
  let clerk: C | undefined
  const close = async () => {
    try {
      await clerk?.close()
      await stopCli(cli)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
  try {
    cli = runCli(
      ['start', '--port', '0', '--db', db, '--quiet', '--write-env', envFile, ...cliFlags(options)],
      undefined,
      environment,
    )
    // With --quiet, the URL on a line of its own is all it prints, once it listens (and has written the file).
    await cli.waitFor('\n', 30_000)
    const url = cli.stdout().trim()
    const env = parseEnvFile(readFileSync(envFile, 'utf8'))
    clerk = await create({ ...options, db, url })
    return { clerk, url, env, close }
  } catch (error) {
    await close()
    throw error
  }
}

/** The `start` flags for the options (all but `now`). */
function cliFlags(options: Omit<BackendOptions, 'environment'>): string[] {
  if (options.webhooks)
    throw new Error("The webhooks option is the library's: start the CLI with --webhook-url in its own test.")
  return [
    ...(options.sessionLifetime === undefined ? [] : ['--session-lifetime', String(options.sessionLifetime)]),
    ...(options.tokenVersion === undefined ? [] : ['--token-version', String(options.tokenVersion)]),
    ...(options.allowedOrigins ?? []).flatMap((origin) => ['--allowed-origin', origin]),
    ...(options.satelliteOrigins ?? []).flatMap((origin) => ['--satellite-origin', origin]),
    ...(options.clerkJs === undefined ? [] : ['--clerk-js', options.clerkJs]),
  ]
}

/** `NAME=value` lines; a quoted value (the PEM) is a JSON string with `\n` escapes. */
function parseEnvFile(text: string): Record<string, string> {
  const entries = text
    .split('\n')
    .filter((line) => line.includes('='))
    .map((line) => {
      const at = line.indexOf('=')
      const value = line.slice(at + 1)
      return [line.slice(0, at), value.startsWith('"') ? (JSON.parse(value) as string) : value]
    })
  return Object.fromEntries(entries)
}

const definedValues = (env: object): Record<string, string> =>
  Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))

/** SIGTERM, as Ctrl-C in a terminal would, so the CLI checkpoints and exits; SIGKILL if it has not within 5 s. */
async function stopCli(cli: CliProcess | undefined): Promise<void> {
  if (!cli || cli.child.exitCode !== null || cli.child.signalCode !== null) return
  cli.child.kill('SIGTERM')
  const timer = setTimeout(() => stopIfRunning(cli), 5_000)
  await cli.exited
  clearTimeout(timer)
}
