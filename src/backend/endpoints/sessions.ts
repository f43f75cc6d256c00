import { ClerkClientError } from '../errors'
import { quote } from '../../shared/quote'
import type { BackendApi } from '../request'
import { Cookies } from '../resources/cookies'
import type { PaginatedResourceResponse } from '../resources/deserialize'
import { Session, type SessionStatus } from '../resources/session'
import { Token } from '../resources/token'
import { SingleFlight } from '../../shared/singleFlight'
import { cacheJwt, cachedJwt } from '../tokenCache'
import { pathSegment } from '../url'
import { asPage, type PaginationParams } from './pagination'

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

// Module-level so that clients created per call (the usual pattern in loaders) share requests.
const tokenFlights = new SingleFlight<string>()

export class SessionAPI {
  readonly #api: BackendApi

  constructor(api: BackendApi) {
    this.#api = api
  }

  async getSessionList(params: SessionListParams = {}): Promise<PaginatedResourceResponse<Session[]>> {
    return asPage<Session>(
      await this.#api.request({ method: 'GET', path: '/sessions', query: { ...params, paginated: true } }),
    )
  }

  async getSession(sessionId: string): Promise<Session> {
    const id = pathSegment(sessionId, 'sessions.getSession: sessionId')
    return this.#api.request({ method: 'GET', path: `/sessions/${id}`, expect: Session })
  }

  /** For tests and tooling: Clerk refuses it on production instances. */
  async createSession(params: CreateSessionParams): Promise<Session> {
    return this.#api.request({ method: 'POST', path: '/sessions', body: params, expect: Session })
  }

  async revokeSession(sessionId: string): Promise<Session> {
    const id = pathSegment(sessionId, 'sessions.revokeSession: sessionId')
    return this.#api.request({ method: 'POST', path: `/sessions/${id}/revoke`, expect: Session })
  }

  /** Deprecated by Clerk (the endpoint answers 410 on current API versions); verify tokens locally instead. */
  async verifySession(sessionId: string, token: string): Promise<Session> {
    const id = pathSegment(sessionId, 'sessions.verifySession: sessionId')
    return this.#api.request({ method: 'POST', path: `/sessions/${id}/verify`, body: { token }, expect: Session })
  }

  /**
   * Mints a token for the session: the session token, or one from the named JWT template.
   * Identical calls in flight at the same time share one request; with `tokenCache: true` a minted
   * token is reused until 10 s before it expires.
   */
  async getToken(sessionId: string, template?: string, expiresInSeconds?: number): Promise<Token> {
    let path = `/sessions/${pathSegment(sessionId, 'sessions.getToken: sessionId')}/tokens`
    if (template) path += `/${pathSegment(template, 'sessions.getToken: template')}`
    if (expiresInSeconds !== undefined && (typeof expiresInSeconds !== 'number' || !Number.isFinite(expiresInSeconds))) {
      throw new ClerkClientError(
        'argument_invalid',
        `sessions.getToken: expiresInSeconds must be a number of seconds, got ${quote(expiresInSeconds)}.`,
      )
    }
    const config = this.#api.config
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
      const token = await this.#api.request<Token>({
        method: 'POST',
        path,
        body: expiresInSeconds === undefined ? undefined : { expiresInSeconds },
        replaySafe: true,
        expect: Token,
      })
      return token.jwt
    })
    if (config.tokenCache) cacheJwt(identity, jwt, Date.now())
    // A new object per caller: nothing one caller does to its token can reach another.
    return new Token(jwt)
  }

  refreshSession(sessionId: string, params: RefreshSessionParams & { format: 'cookie' }): Promise<Cookies>
  refreshSession(sessionId: string, params: RefreshSessionParams & { format?: 'token' }): Promise<Token>
  refreshSession(sessionId: string, params: RefreshSessionParams): Promise<Token | Cookies>
  async refreshSession(sessionId: string, params: RefreshSessionParams): Promise<Token | Cookies> {
    const id = pathSegment(sessionId, 'sessions.refreshSession: sessionId')
    const { suffixed_cookies, ...body } = params
    return this.#api.request({
      method: 'POST',
      path: `/sessions/${id}/refresh`,
      query: { suffixed_cookies },
      body,
      expect: params.format === 'cookie' ? Cookies : Token,
    })
  }
}
