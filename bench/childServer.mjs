// A benchmark server in a child process of its own, so that it never shares an event loop with the client being
// measured. The child answers figures (`count`, `cpu`) over IPC, so that reading them is not itself a request, and
// stops on a `close` message or when the parent goes away.
import { fork } from 'node:child_process'
import { processCpuMicros } from './harness.mjs'
import { onCleanup } from './lifecycle.mjs'

const START_TIMEOUT_MS = 20_000
const STOP_TIMEOUT_MS = 5_000

/**
 * Forks `script` with `args` and waits for the child's first message, which it returns as `ready`. BENCH_SERVER_PROFILE_DIR=/tmp/prof writes a CPU profile of the child (DevTools opens it).
 * @returns {Promise<{ ready: any, ask(type: string): Promise<number>, stop(): Promise<void> }>}
 */
export async function forkChildServer(script, args = []) {
  const child = fork(script, args, {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: process.env.BENCH_SERVER_PROFILE_DIR
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVER_PROFILE_DIR}`]
      : [],
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
  }
  try {
    const ready = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${script} did not start within ${START_TIMEOUT_MS} ms`)),
        START_TIMEOUT_MS,
      )
      child.once('message', (message) => {
        clearTimeout(timer)
        resolve(message)
      })
      void exited.then(({ code, signal }) => {
        clearTimeout(timer)
        reject(new Error(`${script} exited before it was ready (code ${code}, signal ${signal})`))
      })
    })
    return { ready, ask: (type) => ask(child, type), stop }
  } catch (error) {
    await stop()
    throw error
  }
}

/**
 * For the child: answers `cpu` (user + system time of the whole process, every thread, in µs) and whatever
 * `figures` names, and runs `shutdown` on `close` or when the parent dies.
 * @param {{ figures?: Record<string, () => number>, shutdown: () => Promise<void> }} handlers
 */
export function answerParent({ figures = {}, shutdown }) {
  const stopOnce = async () => {
    await shutdown()
    process.exit(0)
  }
  const all = { ...figures, cpu: processCpuMicros }
  process.on('message', (message) => {
    if (Object.hasOwn(all, message?.type ?? ''))
      process.send({ type: message.type, id: message.id, value: all[message.type]() })
    if (message?.type === 'close') void stopOnce()
  })
  process.on('disconnect', () => void stopOnce())
}

let nextId = 0

/** One figure from the child over IPC. */
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
      reject(new Error(`the child server exited while its ${type} figure was asked for`))
    }
    child.on('message', onMessage)
    child.once('exit', onExit)
    child.send({ type, id }, (error) => {
      if (error) onExit()
    })
  })
}
