// Starts the built remix-clerk-local in its own process (bench/localBackendProcess.mjs) on a temporary SQLite file,
// and gives the benchmark its URL, secret key, private key and request counter.
import { fork } from 'node:child_process'
import { join } from 'node:path'
import { readInstancePrivateKey } from './instanceKey.mjs'
import { makeTempDir, onCleanup } from './lifecycle.mjs'

const START_TIMEOUT_MS = 20_000
const STOP_TIMEOUT_MS = 5_000

/**
 * `dbPath` lets the benchmark open the same instance in-process too (SQLite in WAL mode allows it): same data, same key.
 * @returns {Promise<{ url: string, secretKey: string, dbPath: string, privateKeyPem: string,
 *   requestCount(): Promise<number>, cpuMicros(): Promise<number>, close(): Promise<void> }>}
 */
export async function startLocalBackend() {
  const dir = makeTempDir('local-backend')
  const dbPath = join(dir.path, 'local-clerk.db')
  const child = fork(new URL('./localBackendProcess.mjs', import.meta.url), [dbPath], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // BENCH_SERVER_PROFILE_DIR=/tmp/prof writes a CPU profile of the server process (DevTools opens it).
    execArgv: process.env.BENCH_SERVER_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVER_PROFILE_DIR}`] : [],
  })
  const untrack = onCleanup(() => child.kill('SIGKILL'))
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      if (child.connected) child.send({ type: 'close' })
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS)
      await exited
      clearTimeout(timer)
    }
    untrack()
    dir.remove()
  }
  try {
    const ready = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the local backend did not start within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS)
      child.once('message', (message) => {
        clearTimeout(timer)
        resolve(message)
      })
      void exited.then(({ code, signal }) => {
        clearTimeout(timer)
        reject(new Error(`the local backend exited before it was ready (code ${code}, signal ${signal})`))
      })
    })
    return {
      url: ready.url,
      secretKey: ready.secretKey,
      dbPath,
      privateKeyPem: readInstancePrivateKey(dbPath),
      requestCount: () => ask(child, 'count'),
      cpuMicros: () => ask(child, 'cpu'),
      close: stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}

let nextId = 0

/** One figure from the child over IPC: `count` (HTTP requests answered) or `cpu` (its CPU time so far, µs). */
function ask(child, type) {
  const id = ++nextId
  return new Promise((resolve, reject) => {
    const settle = () => {
      child.off('message', onMessage)
      child.off('exit', onExit)
    }
    const onMessage = (message) => {
      if (message?.type !== type || message.id !== id) return
      settle()
      resolve(message.value)
    }
    const onExit = () => {
      settle()
      reject(new Error(`the local backend exited while its ${type} figure was asked for`))
    }
    child.on('message', onMessage)
    child.once('exit', onExit)
    child.send({ type, id }, (error) => {
      if (error) onExit()
    })
  })
}
