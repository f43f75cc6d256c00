// clerkClient.sessions: sessions, and the tokens minted for them (getToken, with single-flight and an optional cache).
import { ClerkClientError } from '../errors.js'
import { quote } from '../../shared/quote.js'
import { defineApi } from '../defineApi.js'
import type { RunContext } from '../endpoint.js'
import { Cookies } from '../resources/cookies.js'
import type { PaginatedResourceResponse } from '../resources/deserialize.js'
import { Session, type SessionStatus } from '../resources/session.js'
import { Token } from '../resources/token.js'
import { SingleFlight } from '../../shared/singleFlight.js'
import { cacheJwt, cachedJwt } from '../tokenCache.js'
import type { PaginationParams } from './pagination.js'

export interface SessionListParams extends PaginationParams {
  clientId?: string
  userId?: string
  status?: SessionStatus
}

export interface CreateSessionParams {
  userId: string
  activeOrganizationId?: string
}

/** Keys as the Backend API names them (this call is mostly used by SDK internals). */
export interface RefreshSessionParams {
  expired_token: string
  refresh_token: string
  request_origin: string
  request_originating_ip?: string
  request_headers?: Record<string, string[]>
  suffixed_cookies?: boolean
  format?: 'token' | 'cookie'
}

export interface SessionAPI {
  getSessionList(params?: SessionListParams): Promise<PaginatedResourceResponse<Session[]>>
  getSession(sessionId: string): Promise<Session>
  /** For tests and tooling: Clerk refuses it on production instances. */
  createSession(params: CreateSessionParams): Promise<Session>
  revokeSession(sessionId: string): Promise<Session>
  /** Deprecated by Clerk (the endpoint answers 410 on current API versions); verify tokens locally instead. */
  verifySession(sessionId: string, token: string): Promise<Session>
  /**
   * Mints a token for the session: the session token, or one from the named JWT template. Identical calls in flight
   * at the same time share one request; with `tokenCache: true` a minted token is reused until 10 s before it expires.
   */
  getToken(sessionId: string, template?: string, expiresInSeconds?: number): Promise<Token>
  refreshSession(sessionId: string, params: RefreshSessionParams & { format: 'cookie' }): Promise<Cookies>
  refreshSession(sessionId: string, params: RefreshSessionParams & { format?: 'token' }): Promise<Token>
  refreshSession(sessionId: string, params: RefreshSessionParams): Promise<Token | Cookies>
}

// Module-level so that clients created per call (the usual pattern in loaders) share requests.
const tokenFlights = new SingleFlight<string>()

const SESSION = '/sessions/{sessionId}'

export const sessions = defineApi<SessionAPI>('sessions', 'SessionAPI', {
  getSessionList: {
    method: 'GET',
    path: '/sessions',
    args: ['...params?'],
    fixedQuery: { paginated: true },
    returns: { page: Session },
  },
  getSession: { method: 'GET', path: SESSION, args: ['sessionId'], returns: Session },
  createSession: { method: 'POST', path: '/sessions', args: ['...params'], returns: Session },
  revokeSession: { method: 'POST', path: `${SESSION}/revoke`, args: ['sessionId'], returns: Session },
  verifySession: { method: 'POST', path: `${SESSION}/verify`, args: ['sessionId', 'token'], returns: Session },
  getToken: {
    method: 'POST',
    path: `${SESSION}/tokens{/template}`,
    args: ['sessionId', 'template?', 'expiresInSeconds?'],
    returns: Token,
    note: 'Identical calls in flight share one request; with `tokenCache`, a minted token is reused.',
    run: getToken,
  },
  refreshSession: {
    method: 'POST',
    path: `${SESSION}/refresh`,
    args: ['sessionId', '...params'],
    query: ['suffixed_cookies'],
    returns: 'Token | Cookies',
    run: ({ send }, sessionId, params) =>
      send([sessionId, params], { expect: params?.format === 'cookie' ? Cookies : Token }) as Promise<Token | Cookies>,
  },
})

async function getToken(
  { api, build }: RunContext<SessionAPI>,
  sessionId: string,
  template?: string,
  expiresInSeconds?: number,
): Promise<Token> {
  if (expiresInSeconds !== undefined && (typeof expiresInSeconds !== 'number' || !Number.isFinite(expiresInSeconds))) {
    throw new ClerkClientError(
      'argument_invalid',
      `sessions.getToken: expiresInSeconds must be a number of seconds, got ${quote(expiresInSeconds)}.`,
    )
  }
  const request = build([sessionId, template, expiresInSeconds])
  const config = api.config
  // JSON keeps the parts apart: no session id can be crafted to collide with another key.
  const identity = JSON.stringify([
    config.apiUrl,
    config.apiVersion,
    config.secretKey,
    sessionId,
    template || '',
    expiresInSeconds ?? null,
  ])
  if (config.tokenCache) {
    const jwt = cachedJwt(identity, Date.now())
    if (jwt !== undefined) return new Token(jwt)
  }
  // The timeout is part of the flight's key: a caller never waits on a flight with a later deadline.
  const jwt = await tokenFlights.run(`${identity}${config.timeoutMs}`, async () => {
    const token = await api.request<Token>({ ...request, replaySafe: true })
    return token.jwt
  })
  if (config.tokenCache) cacheJwt(identity, jwt, Date.now())
  // A new object per caller: nothing one caller does to its token can reach another.
  return new Token(jwt)
}
