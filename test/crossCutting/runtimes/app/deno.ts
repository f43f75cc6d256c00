// Deno, run without --allow-env: every process.env read is refused, so the keys come as options, read from standard
// input (which needs no permission). The routes are served without a framework (see plainHandler.ts) by
// Deno.serve on 127.0.0.1 (port 0); prints `{"url":…}` when listening.
import { plainHandler } from './plainHandler'
import type { Host } from './routes'

const { secretKey, publishableKey, apiUrl, jwtKey, webhookSigningSecret } = JSON.parse(
  await new Response(Deno.stdin.readable).text(),
) as Record<'secretKey' | 'publishableKey' | 'apiUrl' | 'jwtKey' | 'webhookSigningSecret', string>
const fromOptions: Host = {
  keys: () => ({ secretKey, publishableKey, apiUrl }),
  jwtKey: () => jwtKey,
  client: () => ({ secretKey, apiUrl }),
  webhook: () => ({ signingSecret: webhookSigningSecret }),
}
Deno.serve(
  {
    hostname: '127.0.0.1',
    port: 0,
    onListen: ({ port }) => console.log(JSON.stringify({ url: `http://127.0.0.1:${port}` })),
  },
  plainHandler(fromOptions),
)
