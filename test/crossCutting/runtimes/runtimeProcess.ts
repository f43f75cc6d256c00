// The Bun and Deno binaries come from their npm packages (devDependencies): npm installs the platform package
// (`@oven/bun-linux-x64`, `@deno/linux-x64-glibc`, …) that holds the binary, and the wrapper's postinstall, which
// would move it, is not allowed to run (package.json allowScripts). Nothing is downloaded at run time.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { arch, platform } from 'node:process'
import type { RunningApp } from './scenarios.js'

const require = createRequire(import.meta.url)

/** Where a package's own folder is, or undefined when it is not installed. */
function packageDir(name: string): string | undefined {
  try {
    return dirname(require.resolve(`${name}/package.json`))
  } catch {
    return undefined
  }
}

const isMusl = () =>
  platform === 'linux' &&
  !(process.report?.getReport() as { header?: { glibcVersionRuntime?: string } }).header?.glibcVersionRuntime

/** The first candidate that is a real binary (the wrappers ship a small placeholder script in its place). */
function firstBinary(candidates: Array<string | undefined>): string | undefined {
  return candidates.find(
    (path): path is string => path !== undefined && existsSync(path) && statSync(path).size > 1_000_000,
  )
}

export function bunBinary(): string | undefined {
  const cpu = arch === 'arm64' ? 'aarch64' : arch
  const platformPackage = packageDir(`@oven/bun-${platform}-${cpu}${isMusl() ? '-musl' : ''}`)
  const wrapper = packageDir('bun')
  return firstBinary([
    platformPackage && join(platformPackage, 'bin', 'bun'),
    wrapper && join(wrapper, 'bin', 'bun.exe'),
  ])
}

export function denoBinary(): string | undefined {
  const platformPackage = packageDir(`@deno/${platform}-${arch}${platform === 'linux' ? '-glibc' : ''}`)
  const wrapper = packageDir('deno')
  return firstBinary([platformPackage && join(platformPackage, 'deno'), wrapper && join(wrapper, 'deno')])
}

/**
 * Why a runtime suite cannot run, or undefined. Outside CI a missing runtime skips the suite with a loud message;
 * under CI=true it is a failure, so a broken install can never turn the suite green.
 */
export function runtimeUnavailableReason(runtime: string, found: boolean, fix: string): string | undefined {
  if (found) return undefined
  const message = `${runtime} is not installed (${fix}).`
  if (process.env.CI === 'true') throw new Error(`${message} CI=true: a runtime that cannot start is a failure.`)
  console.warn(`\n${'!'.repeat(100)}\n!! SKIPPING THE ${runtime.toUpperCase()} SUITE: ${message}\n${'!'.repeat(100)}\n`)
  return message
}

/**
 * Starts a runtime that prints `{"url":…}` on its first line of output once it listens. Its standard error is kept
 * for the failure message; `input` is written to its standard input, which is then closed.
 */
export async function startServerProcess(
  command: string,
  args: string[],
  { cwd, env, input = '' }: { cwd: string; env: Record<string, string>; input?: string },
): Promise<RunningApp> {
  const child = spawn(command, args, { cwd, env: env as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000)
  })
  child.stdin.end(input)
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = ''
    const fail = (why: string) => reject(new Error(`${command} ${args.join(' ')}: ${why}\n${stderr}`))
    const timer = setTimeout(() => fail('no URL printed within 30 s'), 30_000)
    child.on('error', (error) => fail(error.message))
    child.on('exit', (code, signal) => fail(`exited (${code ?? signal}) before listening`))
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
      const line = stdout.split('\n').find((candidate) => candidate.startsWith('{"url":'))
      if (!line) return
      clearTimeout(timer)
      resolve((JSON.parse(line) as { url: string }).url)
    })
  })
  return { url, close: () => stop(child) }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
  await exited
  clearTimeout(timer)
}

/** The environment a runtime child gets: PATH and HOME only, plus `extra`; no telemetry, no update checks. */
export function childEnvironment(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    DO_NOT_TRACK: '1',
    DENO_NO_UPDATE_CHECK: '1',
    NO_COLOR: '1',
    ...extra,
  }
}
