// Cloudflare Workers' bindings as the `cloudflare:workers` module exports them (`env`), for apps whose load context
// does not carry them: React Router's RouterContextProvider (future.v8_middleware), or a getLoadContext of their
// own. Imported once, on the first authentication, by a specifier built at run time so that no bundler tries to
// resolve it; on Node, Deno and Bun the import fails, and there is no such env.

/** undefined: not tried yet; null: not on Workers (or no env there). */
let moduleEnv: Record<string, unknown> | null | undefined
let loading: Promise<void> | undefined

/** A promise while the import has not been tried yet; undefined after that, so the hot path need not await. */
export function loadCloudflareWorkersEnv(): Promise<void> | undefined {
  if (moduleEnv !== undefined) return undefined
  const specifier = ['cloudflare', 'workers'].join(':')
  return (loading ??= import(/* webpackIgnore: true */ /* @vite-ignore */ specifier).then(
    (module: { env?: unknown }) => {
      moduleEnv = typeof module.env === 'object' && module.env !== null ? (module.env as Record<string, unknown>) : null
    },
    () => {
      moduleEnv = null
    },
  ))
}

/** The bindings from `cloudflare:workers`, once loaded; null elsewhere. */
export function cloudflareWorkersEnv(): Record<string, unknown> | null | undefined {
  return moduleEnv
}
