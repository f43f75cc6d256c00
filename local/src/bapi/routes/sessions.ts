// `/v1/sessions`: list, create, revoke, refresh and mint tokens, the calls server SDKs and test helpers make.
import { Hono } from 'hono'
import type { Core } from '../../core/core.js'
import { clerkError, paramMissing, unprocessable } from '../../shared/errors.js'
import { listJson } from '../../backendJson/common.js'
import { sessionJson } from '../../backendJson/session.js'
import { SESSION_STATUSES, type SessionStatus } from '../../store/sessionStore.js'
import { signedInCookies, suffixForFrontendApi } from '../../http/appCookies.js'
import { checkRefresh } from '../../services/refresh.js'
import { createSession, getSession, revokeSession } from '../../services/sessions.js'
import { f, parseFields } from '../../validation/schema.js'
import { readJsonBody } from '../../http/body.js'
import { PAGE_PARAMS, Query } from '../query.js'
import { json, tokenJson } from '../../http/respond.js'

const TOKEN_FIELDS = { expires_in_seconds: f.nullableInteger(30, 315_360_000) }

export function sessionRoutes(core: Core): Hono {
  const app = new Hono()
  const { store } = core

  app.get('/', (c) => {
    const query = new Query(c.req.url, ['client_id', 'user_id', 'status', 'paginated', ...PAGE_PARAMS])
    const userId = query.string('user_id')
    const clientId = query.string('client_id')
    if (!userId && !clientId) {
      throw unprocessable({ ...paramMissing('user_id'), long_message: 'Either user_id or client_id must be included.' })
    }
    const status = query.string('status')
    if (status !== undefined && !(SESSION_STATUSES as readonly string[]).includes(status)) {
      throw unprocessable({
        code: 'form_param_value_invalid',
        message: 'is invalid',
        long_message: `status must be one of ${SESSION_STATUSES.join(', ')}.`,
        meta: { param_name: 'status' },
      })
    }
    const filter = { user_id: userId, client_id: clientId, status: status as SessionStatus | undefined }
    const { limit, offset } = query.page()
    const now = core.now()
    const sessions = store.sessions.list(filter, now, limit, offset).map(sessionJson)
    return json(listJson(sessions, store.sessions.count(filter, now), query.boolean('paginated')))
  })

  app.post('/', async (c) => {
    const body = await readJsonBody(c)
    return json(sessionJson(store.transaction(() => createSession(core, body))))
  })

  app.get('/:session_id', (c) => json(sessionJson(getSession(core, c.req.param('session_id')))))

  app.post('/:session_id/revoke', (c) => {
    const sessionId = c.req.param('session_id')
    return json(sessionJson(store.transaction(() => revokeSession(core, sessionId))))
  })

  app.post('/:session_id/verify', () => {
    const message = 'endpoint is deprecated and pending removal'
    throw clerkError(
      410,
      'operation_deprecated',
      message,
      `${message}. Verify session tokens with the instance JWKS (GET /v1/jwks) instead.`,
    )
  })

  // What a server SDK calls with an expired session token and the `__refresh` cookie (see services/refresh.ts).
  app.post('/:session_id/refresh', async (c) => {
    const suffixed = new Query(c.req.url, ['suffixed_cookies']).boolean('suffixed_cookies')
    const { session, origin, issuer, format } = await checkRefresh(
      core,
      c.req.param('session_id'),
      await readJsonBody(c),
    )
    const jwt = await core.minter.sessionToken(session.id, { origin, issuer })
    if (format === 'token') return tokenJson(jwt)
    const client = store.clients.get(session.client_id)
    const options = {
      suffix: suffixed ? suffixForFrontendApi(core.frontendApiUrl()) : undefined,
      secure: origin.startsWith('https:'),
    }
    return json({ object: 'cookies', cookies: signedInCookies(jwt, client?.updated_at ?? session.created_at, options) })
  })

  app.post('/:session_id/tokens', async (c) => {
    const body = parseFields(await readJsonBody(c), TOKEN_FIELDS)
    const jwt = await core.minter.sessionToken(c.req.param('session_id'), {
      expiresInSeconds: body.expires_in_seconds ?? undefined,
    })
    return tokenJson(jwt)
  })

  app.post('/:session_id/tokens/:template_name', async (c) => {
    const body = parseFields(await readJsonBody(c), TOKEN_FIELDS)
    const jwt = await core.minter.templateToken(c.req.param('session_id'), c.req.param('template_name'), {
      expiresInSeconds: body.expires_in_seconds ?? undefined,
    })
    return tokenJson(jwt)
  })

  return app
}
