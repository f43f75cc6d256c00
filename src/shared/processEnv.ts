// One variable of `process.env`, read so that it can never throw: Deno without `--allow-env` throws `NotCapable`
// on every read, and any host may install a `process.env` whose reads throw. A refused read is an unset variable.

/** `process.env[name]`; undefined where there is no `process.env`, or where reading it throws. */
export function processEnvValue(name: string): unknown {
  try {
    return (globalThis as { process?: { env?: Record<string, unknown> } }).process?.env?.[name]
  } catch {
    return undefined
  }
}
