// The little of Bun's, Deno's and workerd's own APIs that the app's entries use (their type packages are not
// installed: the entries are type-checked with Node's types plus these).
declare const Bun: {
  serve(options: { hostname: string; port: number; fetch(request: Request): Promise<Response> }): { url: URL }
}

declare const Deno: {
  stdin: { readable: ReadableStream<Uint8Array> }
  serve(
    options: { hostname: string; port: number; onListen(address: { port: number }): void },
    handler: (request: Request) => Promise<Response>,
  ): unknown
}

declare module 'cloudflare:workers' {
  export const env: Record<string, unknown>
}
