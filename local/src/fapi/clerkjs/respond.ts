// Answers to ClerkJS: `{ response, client }`, the browser's client piggybacked (ClerkJS replaces its state with it),
// with the cookies the call set and `__client_uat`, which tells the app's server whether this browser is signed in.
import { json } from '../../http/respond.js'
import { currentSession } from '../../services/clients.js'
import { clientUatCookies, suffixForFrontendApi } from '../../http/appCookies.js'
import type { ClerkJsCall } from './call.js'
import { clientJson } from './frontendJson.js'

/** A plain JSON answer (tokens are answered bare) with the call's cookies. */
export function reply(call: ClerkJsCall, body: unknown, status = 200): Response {
  const response = json(body, status, { 'Cache-Control': 'no-store' })
  for (const cookie of call.cookies) response.headers.append('Set-Cookie', cookie)
  return response
}

/**
 * The envelope. `__client_uat` is set on the Frontend API's host, which is the app's host too (the app and this
 * server must be the same site for the `__client` cookie anyway): the client's last change in seconds while a
 * session is active, else 0.
 */
export async function withClient(call: ClerkJsCall, response: unknown, status = 200): Promise<Response> {
  return envelope(call, () => response, status)
}

/** The client is the answer, too (`GET /v1/client`, sign-out). */
export function clientAnswer(call: ClerkJsCall): Promise<Response> {
  return envelope(call, (client) => client, 200)
}

async function envelope(call: ClerkJsCall, response: (client: unknown) => unknown, status: number): Promise<Response> {
  call.refreshClient()
  const { client, core } = call
  const session = client && currentSession(core, client)
  const options = {
    suffix: suffixForFrontendApi(core.frontendApiUrl()),
    secure: new URL(call.c.req.url).protocol === 'https:',
  }
  call.cookies.push(...clientUatCookies(session ? client.updated_at : undefined, options))
  const piggybacked = client ? await clientJson(call, client) : null
  return reply(call, { response: response(piggybacked), client: piggybacked }, status)
}
