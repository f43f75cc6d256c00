import type { Context } from 'hono'
import { compactVerify, importJWK } from 'jose'
import type { Core } from '../core.js'
import { clerkError } from '../errors.js'
import { json } from '../bapi/respond.js'
import { SESSION_TOKEN_CATEGORY } from '../tokens/sessionClaims.js'
import { cookieClient } from './clientCookie.js'

const unauthorized = (detail: string) =>
  clerkError(401, 'authentication_invalid', 'Unauthorized request', `${detail} Sign in again through the handshake.`)

/**
 * `POST /v1/client/sessions/{sid}/tokens[/{template}]`, what `/local-clerk.js` calls to keep `__session` fresh:
 * a bare `{object: "token", jwt}` minted with `azp` = the page's `Origin`.
 *
 * The caller proves it holds the session in one of two ways. Clerk's way is the `__client` cookie, but that
 * cookie lives on this server's origin and is SameSite=Lax, so a page on another site (the usual
 * `http://localhost:3000` app next to `http://127.0.0.1:4000`) never sends it with `fetch`; a SameSite=None
 * cookie does not help either, since browsers block third-party cookies. So the page may instead send the
 * session token it already holds, as `Authorization: Bearer`. It is accepted when our key signed it as a
 * session token of this very session, even once expired: like Clerk's refresh, it stands for "this browser
 * was signed in", while the session's own state (active, not ended or revoked) decides.
 */
export function browserTokenHandler(core: Core): (c: Context) => Promise<Response> {
  const verificationKey = importJWK(core.keys.jwk, 'RS256')
  return async (c) => {
    const sessionId = c.req.param('session_id')!
    const origin = c.req.header('origin')
    if (origin !== undefined && !core.allowedOrigins.allows(origin)) {
      throw clerkError(
        403,
        'origin_not_allowed',
        'Origin not allowed',
        `Requests from ${origin.slice(0, 200)} are not allowed. Add the origin with the allowedOrigins option or the --allowed-origin flag.`,
      )
    }
    const session = core.store.sessions.getStored(sessionId)
    const mismatch = `The credentials sent do not belong to session ${sessionId.slice(0, 100)}.`
    if (!session) throw unauthorized(mismatch)
    const bearer = /^Bearer (\S+)$/.exec(c.req.header('authorization')?.trim() ?? '')?.[1]
    const byCookie = cookieClient(core, c)?.id === session.client_id
    if (!byCookie) {
      if (!bearer) throw unauthorized('Send the __client cookie or the session token as "Authorization: Bearer <token>".')
      const subject = await sessionTokenSubject(await verificationKey, core.keys.instanceId, bearer, sessionId)
      if (subject !== session.user_id) throw unauthorized(mismatch)
    }
    const template = c.req.param('template')
    const mint = { origin }
    const jwt = template === undefined
      ? await core.minter.sessionToken(sessionId, mint)
      : await core.minter.templateToken(sessionId, template, mint)
    return json({ object: 'token', jwt })
  }
}

/** The `sub` of a session token for `sessionId` signed by the instance key, ignoring expiry; else undefined. */
async function sessionTokenSubject(
  key: CryptoKey | Uint8Array,
  instanceId: string,
  token: string,
  sessionId: string,
): Promise<string | undefined> {
  try {
    const { payload, protectedHeader } = await compactVerify(token, key, { algorithms: ['RS256'] })
    if (protectedHeader.kid !== instanceId || protectedHeader.cat !== SESSION_TOKEN_CATEGORY) return undefined
    const claims = JSON.parse(new TextDecoder().decode(payload)) as { sid?: unknown; sub?: unknown }
    return claims.sid === sessionId && typeof claims.sub === 'string' ? claims.sub : undefined
  } catch {
    return undefined
  }
}
