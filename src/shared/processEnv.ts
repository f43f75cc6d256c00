// One variable of `process.env`, read so that it can never throw: Deno without `--allow-env` throws `NotCapable`
// on every read, and any host may install a `process.env` whose reads throw. A refused read is an unset variable.

// The names this `process.env` refused. A refusal costs Deno an exception (about 16 µs), and getAuth reads several
// optional variables per request, so a refused name is not asked again: a permission refused at start stays
// refused (Deno grants one at run time only through an interactive prompt). A new `process.env` starts afresh.
let refusingEnv: object | undefined
let refusedNames = new Set<string>()

/** `process.env[name]`; undefined where there is no `process.env`, or where reading it throws. */
export function processEnvValue(name: string): unknown {
  let env: Record<string, unknown> | undefined
  try {
    env = (globalThis as { process?: { env?: Record<string, unknown> } }).process?.env
    if (env === undefined || (env === refusingEnv && refusedNames.has(name))) return undefined
    return env[name]
  } catch {
    if (env !== undefined) {
      if (env !== refusingEnv) {
        refusingEnv = env
        refusedNames = new Set()
      }
      refusedNames.add(name)
    }
    return undefined
  }
}

/** The `process.env` object itself (not its values), to notice when a host or a test replaces it as a whole. */
export function currentProcessEnv(): unknown {
  try {
    return (globalThis as { process?: { env?: unknown } }).process?.env
  } catch {
    return undefined
  }
}
