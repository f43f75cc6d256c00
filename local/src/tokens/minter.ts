// Session and template token minting, the hot path of every `getToken` the backend answers.
import { clerkError, notFound } from '../shared/errors.js'
import { newJti } from '../shared/ids.js'
import type { InstanceKeys } from './instanceKeys.js'
import { isSystemPermission } from '../shared/roles.js'
import type { Store } from '../store/index.js'
import { effectiveStatus } from '../store/sessionStore.js'
import type { TemplateRecord } from '../store/templateStore.js'
import { type CompiledClaims, compileClaims } from '../templates/compile.js'
import { buildShortcodeContext } from '../templates/context.js'
import { RESERVED_TEMPLATE_CLAIMS } from '../templates/reserved.js'
import { MintSources, type SessionSources, membershipIn } from './mintSources.js'
import type { ActiveOrganization } from './orgClaims.js'
import { SESSION_TOKEN_CATEGORY, TEMPLATE_TOKEN_CATEGORY, buildSessionClaims } from './sessionClaims.js'
import { type JwsSigner, jwsSigner } from './jwsSigner.js'
import type { TemplateAlgorithm } from './signingKeys.js'

export interface MintOptions {
  /** Overrides the lifetime (session setting or template lifetime), in seconds. */
  expiresInSeconds?: number | undefined
  /** Origin of the browser request, which becomes `azp`. */
  origin?: string | undefined
  /**
   * Session tokens only: the organization the token is for instead of the session's active one (null: none), as
   * ClerkJS's `getToken({ organizationId })` asks. The caller checks the user is a member.
   */
  organizationId?: string | null | undefined
  /**
   * The Frontend API the token comes from, its `iss`. Default: the one a browser on `origin` talks to, a satellite
   * app's own (tokens of a production satellite carry its Frontend API, `https://clerk.<satellite domain>` on Clerk),
   * else the instance's.
   */
  issuer?: string | undefined
}

export interface MinterSettings {
  store: Store
  keys: InstanceKeys
  now: () => number
  frontendApiUrl: () => string
  /** The Frontend API a browser on `origin` gets tokens from, when it is not the instance's own (a satellite's). */
  satelliteFrontendApi: (origin: string | undefined) => string | undefined
  sessionLifetime: number
  tokenVersion: 1 | 2
}

/** A template ready to mint: claims parsed and key imported once per template version. */
interface PreparedTemplate {
  version: number
  claims: CompiledClaims
  lifetime: number
  allowedClockSkew: number
  sign: JwsSigner
}

/**
 * Mints session and template tokens. The hot path reads no table while nothing changed (see MintSources), parses no
 * template and imports no key: what is left per token is building the claims and signing them.
 */
export class TokenMinter {
  private readonly sources: MintSources
  private readonly prepared = new Map<string, PreparedTemplate>()
  private readonly signSession: JwsSigner

  constructor(private readonly settings: MinterSettings) {
    this.sources = new MintSources(settings.store)
    const header = { alg: 'RS256', kid: settings.keys.instanceId, typ: 'JWT', cat: SESSION_TOKEN_CATEGORY }
    this.signSession = jwsSigner('RS256', settings.keys.signingKeyObject, header)
  }

  async sessionToken(sessionId: string, options: MintOptions = {}): Promise<string> {
    const nowMs = this.settings.now()
    const { session, active: sessionActive } = this.activeSession(sessionId, nowMs)
    const active =
      options.organizationId === undefined || options.organizationId === session.last_active_organization_id
        ? sessionActive
        : options.organizationId === null
          ? undefined
          : membershipIn(this.settings.store, options.organizationId, session.user_id)
    const organization: ActiveOrganization | undefined = active && {
      id: active.organization.id,
      slug: active.organization.slug,
      role: active.membership.role,
      permissions: active.membership.permissions.filter((p) => !isSystemPermission(p)),
    }
    const claims = buildSessionClaims({
      issuer: this.issuer(options),
      userId: session.user_id,
      sessionId: session.id,
      issuedAt: Math.floor(nowMs / 1000),
      lifetime: options.expiresInSeconds ?? this.settings.sessionLifetime,
      version: this.settings.tokenVersion,
      firstFactorAgeMinutes: Math.max(0, Math.floor((nowMs - session.created_at) / 60_000)),
      jti: newJti(),
      origin: options.origin,
      organization,
      pending: session.status === 'pending',
      actor: session.actor,
    })
    return this.signSession(JSON.stringify(claims))
  }

  async templateToken(sessionId: string, templateName: string, options: MintOptions = {}): Promise<string> {
    const nowMs = this.settings.now()
    const sources = this.activeSession(sessionId, nowMs)
    const template = this.cachedTemplate(templateName) ?? (await this.prepare(templateName))
    const { user, emails, phones } = sources.user()
    const context = buildShortcodeContext({
      user,
      emails,
      phones,
      memberships: template.claims.references.has('user.organizations') ? sources.memberships() : [],
      active: sources.active,
    })
    const issuedAt = Math.floor(nowMs / 1000)
    // The default claims, after the template's own (which never contain them: see prepareTemplate).
    const defaults =
      (options.origin ? `"azp":${JSON.stringify(options.origin)},` : '') +
      `"exp":${issuedAt + (options.expiresInSeconds ?? template.lifetime)},"iat":${issuedAt},` +
      `"iss":${JSON.stringify(this.issuer(options))},"jti":"${newJti()}",` +
      `"nbf":${issuedAt - template.allowedClockSkew},"sub":${JSON.stringify(user.id)}`
    return template.sign(template.claims.render(context, defaults))
  }

  private issuer({ issuer, origin }: MintOptions): string {
    return issuer ?? this.settings.satelliteFrontendApi(origin) ?? this.settings.frontendApiUrl()
  }

  /** Starts every mint: refreshes the read cache, then checks the session. */
  private activeSession(sessionId: string, nowMs: number): SessionSources {
    this.sources.refresh()
    const sources = this.sources.session(sessionId)
    if (!sources) throw notFound('Session not found', `No session was found with id ${sessionId}`)
    const status = effectiveStatus(sources.session, nowMs)
    // A pending session (a task left to do) has tokens too, which say so (`sts`), until it expires.
    const pendingAndLive = status === 'pending' && nowMs < sources.session.expire_at
    if (status !== 'active' && !pendingAndLive) {
      throw clerkError(
        401,
        'session_not_active',
        'Session is not active',
        `Session ${sessionId} is ${status}; tokens are only minted for active sessions. Create a new session with POST /v1/sessions.`,
        { session_id: sessionId, status },
      )
    }
    return sources
  }

  /** The prepared template when its current version is cached; no await on the hot path. */
  private cachedTemplate(name: string): PreparedTemplate | undefined {
    const current = this.sources.template(name)
    const cached = current && this.prepared.get(current.id)
    return cached?.version === current?.version ? cached : undefined
  }

  private async prepare(name: string): Promise<PreparedTemplate> {
    this.sources.refresh()
    const current = this.sources.template(name)
    if (!current) throw notFound('JWT template not found', `No JWT template exists with name: ${name}`)
    const record = this.settings.store.templates.get(current.id)!
    const prepared = prepareTemplate(record, this.settings.keys)
    this.prepared.set(record.id, prepared)
    return prepared
  }
}

function prepareTemplate(record: TemplateRecord, keys: InstanceKeys): PreparedTemplate {
  const custom = record.signing_algorithm !== null && record.signing_key !== null
  const algorithm = custom ? record.signing_algorithm! : 'RS256'
  // Saving refuses reserved claims; dropping them here too keeps the defaults unique even for a row written by hand.
  const claims = Object.fromEntries(
    Object.entries(record.claims).filter(([key]) => !RESERVED_TEMPLATE_CLAIMS.includes(key)),
  )
  return {
    version: record.version,
    claims: compileClaims(claims),
    lifetime: record.lifetime,
    allowedClockSkew: record.allowed_clock_skew,
    // A custom key is not in the JWKS, so a kid would only point verifiers at the wrong key.
    sign: custom
      ? jwsSigner(algorithm as TemplateAlgorithm, record.signing_key!, {
          alg: algorithm,
          typ: 'JWT',
          cat: TEMPLATE_TOKEN_CATEGORY,
        })
      : jwsSigner('RS256', keys.signingKeyObject, {
          alg: 'RS256',
          kid: keys.instanceId,
          typ: 'JWT',
          cat: TEMPLATE_TOKEN_CATEGORY,
        }),
  }
}
