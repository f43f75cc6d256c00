// Stand-ins for `process.env` that record which names are read: one that refuses every read as Deno does without
// `--allow-env` (it throws `NotCapable`), and one that answers with given values.
class NotCapable extends Error {
  override name = 'NotCapable'
}

/** Every read throws, as Deno's `process.env` does without `--allow-env`. */
export function refusingEnvironment(reads: string[] = []): NodeJS.ProcessEnv {
  return recorded(reads, (name) => {
    throw new NotCapable(`Requires env access to "${name}", run again with the --allow-env flag`)
  })
}

/** Reads answer from `values`. */
export function recordingEnvironment(reads: string[], values: Record<string, string>): NodeJS.ProcessEnv {
  return recorded(reads, (name) => values[name])
}

function recorded(reads: string[], read: (name: string) => string | undefined): NodeJS.ProcessEnv {
  return new Proxy(
    {},
    {
      get(_target, name) {
        if (typeof name !== 'string') return undefined
        reads.push(name)
        return read(name)
      },
    },
  ) as NodeJS.ProcessEnv
}

/** Runs `run` with `process.env` replaced, restoring it afterwards. */
export async function withProcessEnv<T>(env: NodeJS.ProcessEnv, run: () => Promise<T>): Promise<T> {
  const original = process.env
  process.env = env
  try {
    return await run()
  } finally {
    process.env = original
  }
}
