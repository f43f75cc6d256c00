// Where a Remix app keeps its configuration depends on the host: `process.env` on Node, the load
// context on Cloudflare (`context.cloudflare.env` with Remix's Vite plugin, `context.env` with older
// adapters), `cloudflare:workers` when the context does not carry the bindings (React Router middleware),
// global bindings on classic Workers. The order is newest @clerk/shared's, less its import.meta.env.
import { BoundedCache } from '../shared/boundedCache.js'
import { currentProcessEnv, processEnvValue } from '../shared/processEnv.js'
import { forgetOnReset } from '../shared/processState.js'
import { cloudflareWorkersEnv } from './cloudflareWorkersEnv.js'

type EnvRecord = Record<string, unknown>

/** One variable: `''` when no source has it. */
export type EnvReader = (name: string) => string

/**
 * The reader of the variables for one call. `process.env` is read once per name for each options object passed
 * again and again (a module-level constant): on Node every `process.env` read costs ~0.25 µs, and a getAuth reads up
 * to eight variables. Calls without an options object, or with a new one each time, read `process.env` every time,
 * so a variable set or changed later is seen at once. The other sources are read on every call.
 */
export function envReader(options: object | undefined, context: unknown): EnvReader {
  const values = options === undefined ? undefined : processEnvValuesFor(options)
  let others: OtherSources | undefined
  return (name) => {
    let fromProcess: unknown
    if (values === undefined) {
      fromProcess = processEnvValue(name)
    } else {
      // An unset variable is kept as null, so that a name read before costs one lookup, set or not.
      fromProcess = values.get(name)
      if (fromProcess === undefined) {
        fromProcess = processEnvValue(name) ?? null
        values.set(name, fromProcess)
      }
    }
    if (typeof fromProcess === 'string' && fromProcess !== '') return fromProcess
    // The context is looked at once per reader (one call), for whichever variables process.env lacks.
    others ??= otherSources(context)
    return others(name)
  }
}

type OtherSources = (name: string) => string

/**
 * After `process.env`: the `env` of `cloudflare:workers` (once loaded, see cloudflareWorkersEnv.ts) →
 * `context.cloudflare.env` or `context.env` (either one ends the lookup) → `context[name]` → `globalThis[name]`;
 * `''` when none has it. Only non-empty strings count. Never throws: a refused `process.env` read (Deno without
 * `--allow-env`) counts as unset, and the lookup goes on.
 */
function otherSources(context: unknown): OtherSources {
  const workers = cloudflareWorkersEnv()
  let contextEnv: unknown
  let contextOwn: EnvRecord | undefined
  if (typeof context === 'object' && context !== null) {
    const { cloudflare, env } = context as { cloudflare?: { env?: unknown }; env?: unknown }
    // A context that has an env object is the whole story: a missing name there is missing.
    if (typeof cloudflare === 'object' && cloudflare !== null && cloudflare.env !== undefined)
      contextEnv = cloudflare.env
    else if (env !== undefined) contextEnv = env
    else contextOwn = context as EnvRecord
  }
  return (name) => {
    const fromWorkers = workers?.[name]
    if (typeof fromWorkers === 'string' && fromWorkers !== '') return fromWorkers
    if (contextEnv !== undefined) return stringIn(contextEnv, name)
    const own = contextOwn?.[name]
    if (typeof own === 'string' && own !== '') return own
    const global = globalValue(name)
    return typeof global === 'string' ? global : ''
  }
}

// `globalThis` read by a constant name for the variables every getAuth asks for: V8 answers a read of a name the
// global object lacks through its inline cache in a few ns, and by a computed name only through a call into its
// runtime, ~0.2 µs on Node 20, which each unset optional variable cost on every request (a fifth of a getAuth on a
// token seen before). Other names (rootAuthLoader's URLs, read once per page) are read by name.
const globals = globalThis as EnvRecord
const GLOBAL_READS = new Map<string, () => unknown>([
  ['CLERK_SECRET_KEY', () => globals.CLERK_SECRET_KEY],
  ['CLERK_PUBLISHABLE_KEY', () => globals.CLERK_PUBLISHABLE_KEY],
  ['CLERK_JWT_KEY', () => globals.CLERK_JWT_KEY],
  ['CLERK_API_URL', () => globals.CLERK_API_URL],
  ['CLERK_PROXY_URL', () => globals.CLERK_PROXY_URL],
  ['CLERK_DOMAIN', () => globals.CLERK_DOMAIN],
  ['CLERK_IS_SATELLITE', () => globals.CLERK_IS_SATELLITE],
  ['CLERK_SIGN_IN_URL', () => globals.CLERK_SIGN_IN_URL],
  ['CLERK_SATELLITE_AUTO_SYNC', () => globals.CLERK_SATELLITE_AUTO_SYNC],
  ['CLERK_TRUST_FORWARDED_HOST', () => globals.CLERK_TRUST_FORWARDED_HOST],
])

function globalValue(name: string): unknown {
  const read = GLOBAL_READS.get(name)
  return read === undefined ? globals[name] : read()
}

// The `process.env` values read for each options object, most recently used first: few apps have more than a couple
// of options objects, and a new object per call only cycles through. Forgotten when `process.env` itself is replaced.
const readByOptions = new BoundedCache<object, { readonly env: unknown; readonly values: Map<string, unknown> }>(
  16,
  'least-recently-used',
)
forgetOnReset(() => readByOptions.clear())

function processEnvValuesFor(options: object): Map<string, unknown> {
  const env = currentProcessEnv()
  let read = readByOptions.get(options)
  if (read === undefined || read.env !== env) {
    read = { env, values: new Map() }
    readByOptions.set(options, read)
  }
  return read.values
}

/** `"true"` in any case, or a positive integer, as upstream reads boolean variables. */
export function isTruthy(value: string): boolean {
  if (value === '') return false
  if (value.toLowerCase() === 'true') return true
  const number = Number.parseInt(value, 10)
  return Number.isFinite(number) && number > 0
}

function stringIn(env: unknown, name: string): string {
  if (typeof env !== 'object' || env === null) return ''
  const value = (env as EnvRecord)[name]
  return typeof value === 'string' ? value : ''
}
