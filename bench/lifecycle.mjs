// Whatever a benchmark starts (child processes, temporary directories) is registered here, so it is removed even
// when the benchmark throws, the run is interrupted with Ctrl-C, or the process exits early. Benchmarks still
// clean up in `finally`; this is the net under them.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Synchronous, because an `exit` handler cannot wait. */
const cleanups = new Set()

/** Registers `cleanup` (synchronous) and returns a function that unregisters it once done normally. */
export function onCleanup(cleanup) {
  cleanups.add(cleanup)
  return () => cleanups.delete(cleanup)
}

function runCleanups() {
  for (const cleanup of [...cleanups].reverse()) {
    cleanups.delete(cleanup)
    try {
      cleanup()
    } catch (error) {
      console.error(`bench: cleanup failed: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
}

process.on('exit', runCleanups)
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
]) {
  process.once(signal, () => {
    console.error(`\nbench: ${signal} received, cleaning up`)
    process.exit(code)
  })
}

/** A fresh directory under the OS temp dir; `remove()` deletes it now, otherwise it goes at exit. */
export function makeTempDir(label) {
  const path = mkdtempSync(join(tmpdir(), `remix-clerk-bench-${label}-`))
  const removeNow = () => rmSync(path, { recursive: true, force: true })
  const untrack = onCleanup(removeNow)
  return {
    path,
    remove() {
      untrack()
      removeNow()
    },
  }
}
