import { type ChildProcess, spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const CLI_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'cli.js')

/** A spawned `dist/cli.js` with its output collected as it arrives. */
export interface CliProcess {
  child: ChildProcess
  stdout(): string
  stderr(): string
  /** Resolves with the exit code (or the signal name). */
  exited: Promise<number | string>
  /** Resolves once stdout contains `text`; rejects if the process exits first or after `timeoutMs`. */
  waitFor(text: string, timeoutMs?: number): Promise<void>
}

/** `env`: variables set for the child on top of this process's (e.g. REMIX_CLERK_LOCAL_CACHE). */
export function runCli(args: string[], cwd?: string, env?: Record<string, string>): CliProcess {
  const child = spawn(process.execPath, [CLI_PATH, ...args], {
    cwd,
    env: env && { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()))
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  )
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor: (text, timeoutMs = 15_000) =>
      new Promise<void>((resolve, reject) => {
        const started = Date.now()
        const check = () => {
          if (out.includes(text)) return resolve()
          if (child.exitCode !== null || child.signalCode !== null) {
            return reject(new Error(`CLI exited before printing ${JSON.stringify(text)}; stderr: ${err}`))
          }
          if (Date.now() - started > timeoutMs)
            return reject(new Error(`CLI did not print ${JSON.stringify(text)}; stdout: ${out}`))
          setTimeout(check, 20)
        }
        check()
      }),
  }
}

/** URL and keys from the `start` banner. */
export function parseStartOutput(stdout: string) {
  const url = /listening on (\S+)/.exec(stdout)?.[1]
  const value = (name: string) => new RegExp(`^${name}=(.*)$`, 'm').exec(stdout)?.[1]
  if (!url) throw new Error(`no URL in CLI output: ${stdout}`)
  return {
    url,
    secretKey: value('CLERK_SECRET_KEY')!,
    publishableKey: value('CLERK_PUBLISHABLE_KEY')!,
    apiUrl: value('CLERK_API_URL')!,
    jwtKeyLine: value('CLERK_JWT_KEY')!,
  }
}

/** Stops a child that a test left running (by its own pid, never by name). */
export function stopIfRunning(cli: CliProcess | undefined): void {
  if (cli && cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill('SIGKILL')
}
