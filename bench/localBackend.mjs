// Starts the built remix-clerk-local in its own process (bench/localBackendProcess.mjs) on a temporary SQLite file,
// and gives the benchmark its URL, secret key, private key and request counter.
import { join } from 'node:path'
import { forkChildServer } from './childServer.mjs'
import { readInstancePrivateKey } from './instanceKey.mjs'
import { makeTempDir } from './lifecycle.mjs'

/**
 * `prepare(dbPath)` fills the database before the server opens it (bench/scale.mjs seeds it in this process).
 * `dbPath` lets the benchmark open the same instance in-process too (SQLite in WAL mode allows it): same data, same key.
 * @returns {Promise<{ url: string, secretKey: string, dbPath: string, privateKeyPem: string,
 *   requestCount(): Promise<number>, cpuMicros(): Promise<number>, close(): Promise<void> }>}
 */
export async function startLocalBackend({ prepare } = {}) {
  const dir = makeTempDir('local-backend')
  const dbPath = join(dir.path, 'local-clerk.db')
  let child
  try {
    await prepare?.(dbPath)
    child = await forkChildServer(new URL('./localBackendProcess.mjs', import.meta.url), [dbPath])
  } catch (error) {
    dir.remove()
    throw error
  }
  return {
    url: child.ready.url,
    secretKey: child.ready.secretKey,
    dbPath,
    privateKeyPem: readInstancePrivateKey(dbPath),
    requestCount: () => child.ask('count'),
    cpuMicros: () => child.ask('cpu'),
    async close() {
      await child.stop()
      dir.remove()
    },
  }
}
