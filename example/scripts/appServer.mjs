// @ts-check
// Runs the built example app with remix-serve (Remix's own production server) as a child process, and stops it
// cleanly. Used by `npm start` and by the end-to-end tests, so both exercise the same server.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const EXAMPLE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..')
const STARTUP_TIMEOUT_MS = 30_000
const STOP_TIMEOUT_MS = 5_000

/** The port is taken by another process. */
export class PortInUseError extends Error {
  /**
   * @param {number} port
   * @param {string} host
   * @param {string} hint
   */
  constructor(port, host, hint) {
    super(`port ${port} on ${host} is already in use (another npm start?). ${hint}`)
    this.name = 'PortInUseError'
    this.port = port
  }
}

/**
 * Binds the port for a moment: a free port is known before remix-serve starts, which otherwise dies with a stack
 * trace. Port 0 asks the system for a free one.
 * @param {number} port
 * @param {string} host
 * @param {string} hint what to do when the port is taken
 * @returns {Promise<number>} the port, free at the time of the check
 */
export function claimPort(port, host, hint) {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', (/** @type {NodeJS.ErrnoException} */ error) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, host, hint) : error),
    )
    probe.listen(port, host, () => {
      const address = probe.address()
      const free = typeof address === 'object' && address ? address.port : port
      probe.close(() => resolve(free))
    })
  })
}

function remixServeScript() {
  const require = createRequire(import.meta.url)
  const manifestPath = require.resolve('@remix-run/serve/package.json')
  /** @type {{ bin: Record<string, string> }} */
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
  return join(dirname(manifestPath), manifest.bin['remix-serve'] ?? 'dist/cli.js')
}

/**
 * @typedef {object} AppServerOptions
 * @property {number} port 0 picks a free port
 * @property {string} [host] interface to listen on; default 127.0.0.1 (the local backend only redirects to this machine anyway)
 * @property {Record<string, string | undefined>} env the app's environment (CLERK_* variables)
 * @property {(line: string) => void} [onOutput] each line remix-serve prints (its request log)
 */

/**
 * @typedef {object} AppServer
 * @property {string} url `http://localhost:<port>`
 * @property {number} port
 * @property {number} pid
 * @property {Promise<number | null>} exited resolves with the exit code when the server process ends, however it ends
 * @property {() => Promise<void>} stop SIGTERM, then SIGKILL if it has not exited after a few seconds
 */

/**
 * Starts `remix-serve build/server/index.js` in example/ and resolves once it listens.
 * @param {AppServerOptions} options
 * @returns {Promise<AppServer>}
 */
export async function startAppServer({ port: requestedPort, host = '127.0.0.1', env, onOutput = () => {} }) {
  const port = await claimPort(requestedPort, host, 'Stop that process or choose another port with PORT=<port>.')
  const child = spawn(process.execPath, [remixServeScript(), 'build/server/index.js'], {
    cwd: EXAMPLE_DIR,
    env: { ...env, PORT: String(port), HOST: host, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  /** @type {string[]} */
  const recent = []
  /** @type {(line: string) => void} */
  let onLine = () => {}
  let stopping = false
  /** @type {() => void} */
  let onServerClosed = () => {}
  /** Resolves once remix-serve's HTTP server has closed and every connection has ended. */
  const serverClosed = new Promise((resolve) => (onServerClosed = () => resolve(undefined)))
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      if (line.trim() === '' || line === 'undefined') {
        // remix-serve stops on SIGINT/SIGTERM with `server.close(console.error)`: the callback prints an empty line
        // on stderr once the last connection has ended.
        if (stream === child.stderr) onServerClosed()
        return
      }
      recent.push(line)
      if (recent.length > 50) recent.shift()
      // While stopping, remix-serve may report that its server was already closed (by a terminal's Ctrl-C
      // reaching it first): noise, not news.
      if (!stopping) onOutput(line)
      onLine(line)
    })
  }
  /** @type {Promise<number | null>} */
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)))

  /**
   * SIGTERM lets remix-serve finish the requests in flight. Once its server has closed, only the timer that Remix's
   * default entry.server.tsx sets to abort slow renders (5 s, never cleared) keeps the process alive: it is killed
   * then rather than waited for, so Ctrl-C takes a moment, not seconds.
   */
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    stopping = true
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS)
    await Promise.race([exited, serverClosed])
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    await exited
    clearTimeout(timer)
  }

  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the app did not start within ${STARTUP_TIMEOUT_MS / 1000} s:\n${recent.join('\n')}`)),
        STARTUP_TIMEOUT_MS,
      )
      onLine = (line) => {
        if (line.startsWith(`[remix-serve] http://localhost:${port}`)) {
          clearTimeout(timer)
          resolve(undefined)
        }
      }
      child.once('error', reject)
      void exited.then((code) => {
        clearTimeout(timer)
        reject(new Error(`the app exited during start-up (exit code ${code}):\n${recent.join('\n')}`))
      })
    })
  } catch (error) {
    await stop()
    throw error
  }
  onLine = () => {}
  return { url: `http://localhost:${port}`, port, pid: /** @type {number} */ (child.pid), exited, stop }
}
