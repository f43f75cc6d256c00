// Where a Remix app keeps its configuration depends on the host: `process.env` on Node, the load
// context on Cloudflare (`context.cloudflare.env` with Remix's Vite plugin, `context.env` with older
// adapters), `cloudflare:workers` when the context does not carry the bindings (React Router middleware),
// global bindings on classic Workers. The order is newest @clerk/shared's, less its import.meta.env.
import { processEnvValue } from '../shared/processEnv'
import { cloudflareWorkersEnv } from './cloudflareWorkersEnv'

type EnvRecord = Record<string, unknown>

/**
 * `process.env` → the `env` of `cloudflare:workers` (once loaded, see cloudflareWorkersEnv.ts) →
 * `context.cloudflare.env` or `context.env` (either one ends the lookup) → `context[name]` → `globalThis[name]`;
 * `''` when none has it. Only non-empty strings count. Never throws: a refused read (Deno without `--allow-env`)
 * counts as unset, and the lookup goes on.
 */
export function readEnv(name: string, context: unknown): string {
  // Looked up on every call: tests and some tools replace `process.env` as a whole.
  const fromProcess = processEnvValue(name)
  if (typeof fromProcess === 'string' && fromProcess !== '') return fromProcess
  const fromWorkers = cloudflareWorkersEnv()?.[name]
  if (typeof fromWorkers === 'string' && fromWorkers !== '') return fromWorkers
  if (typeof context === 'object' && context !== null) {
    const { cloudflare, env } = context as { cloudflare?: { env?: unknown }; env?: unknown }
    // A context that has an env object is the whole story: a missing name there is missing.
    if (typeof cloudflare === 'object' && cloudflare !== null && cloudflare.env !== undefined) {
      return stringIn(cloudflare.env, name)
    }
    if (env !== undefined) return stringIn(env, name)
    const own = (context as EnvRecord)[name]
    if (typeof own === 'string' && own !== '') return own
  }
  const global = (globalThis as EnvRecord)[name]
  return typeof global === 'string' ? global : ''
}

/** `"true"` in any case, or a positive integer, as upstream reads boolean variables. */
export function isTruthy(value: string): boolean {
  if (value.toLowerCase() === 'true') return true
  const number = Number.parseInt(value, 10)
  return Number.isFinite(number) && number > 0
}

function stringIn(env: unknown, name: string): string {
  if (typeof env !== 'object' || env === null) return ''
  const value = (env as EnvRecord)[name]
  return typeof value === 'string' ? value : ''
}
