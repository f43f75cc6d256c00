import { type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createClerkClient } from '@clerk/backend'
import type { LocalClerk } from '../../src/index.js'

/** What the app answers after the official SDK looked at the request (unless it asked for a handshake). */
export interface AppAnswer {
  status: 'signed-in' | 'signed-out'
  reason: string | null
  userId: string | null
  sessionId: string | null
  orgId: string | null
  iat: number | null
}

export interface OfficialApp {
  url: string
  close(): Promise<void>
}

/**
 * A Node app whose only logic is `@clerk/backend`'s `authenticateRequest`, configured with the local backend's
 * keys and API URL: a handshake state becomes the SDK's 307, anything else a JSON summary (or, for a browser's
 * document request, the HTML of `page`) with the SDK's Set-Cookie headers appended, as a framework adapter
 * would do. It listens on 127.0.0.1; `host` only changes the URL it reports (e.g. `localhost`, another site).
 * `proxyUrl` is where the SDK sends browsers for the handshake instead of the publishable key's URL.
 */
export async function startOfficialApp(
  clerk: LocalClerk,
  options: { host?: string; page?: (answer: AppAnswer) => string; proxyUrl?: string } = {},
): Promise<OfficialApp> {
  const client = createClerkClient({
    secretKey: clerk.secretKey,
    publishableKey: clerk.publishableKey,
    apiUrl: clerk.apiUrl,
    ...(options.proxyUrl ? { proxyUrl: options.proxyUrl } : {}),
  })
  const server: Server = createServer((incoming, outgoing) => {
    const headers = new Headers()
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value)
    }
    const request = new Request(`http://${incoming.headers.host}${incoming.url}`, { method: incoming.method, headers })
    client.authenticateRequest(request).then(
      (state) => {
        const out = new Headers(state.headers)
        if (state.status === 'handshake') {
          outgoing.writeHead(307, Object.fromEntries(out)).end()
          return
        }
        const auth = state.toAuth() as {
          userId?: string | null
          sessionId?: string | null
          orgId?: string | null
          sessionClaims?: { iat?: number }
        }
        const answer: AppAnswer = {
          status: state.status === 'signed-in' ? 'signed-in' : 'signed-out',
          reason: state.reason,
          userId: auth?.userId ?? null,
          sessionId: auth?.sessionId ?? null,
          orgId: auth?.orgId ?? null,
          iat: auth?.sessionClaims?.iat ?? null,
        }
        const setCookies = out.getSetCookie()
        out.delete('set-cookie')
        const html = options.page !== undefined && incoming.headers['sec-fetch-dest'] === 'document'
        const contentType = html ? 'text/html; charset=utf-8' : 'application/json'
        outgoing.writeHead(200, { ...Object.fromEntries(out), 'content-type': contentType, 'set-cookie': setCookies })
        outgoing.end(html ? options.page!(answer) : JSON.stringify(answer))
      },
      (error: unknown) => {
        outgoing.writeHead(500, { 'content-type': 'text/plain' }).end(String(error))
      },
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}
