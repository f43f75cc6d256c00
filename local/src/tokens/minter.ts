import { type JWTHeaderParameters, SignJWT } from 'jose'
import { clerkError, notFound } from '../errors.js'
import { newJti } from '../ids.js'
import type { InstanceKeys } from '../keys.js'
import { isSystemPermission } from '../roles.js'
import type { Store } from '../store/index.js'
import type { SessionRecord } from '../store/sessionStore.js'
import type { TemplateRecord } from '../store/templateStore.js'
import { type CompiledClaims, compileClaims } from '../templates/compile.js'
import { buildShortcodeContext } from '../templates/context.js'
import type { ActiveOrganization } from './orgClaims.js'
import { SESSION_TOKEN_CATEGORY, TEMPLATE_TOKEN_CATEGORY, buildSessionClaims } from './sessionClaims.js'
import { type TemplateAlgorithm, importSigningKey } from './signingKeys.js'

export interface MintOptions {
  /** Overrides the lifetime (session setting or template lifetime), in seconds. */
  expiresInSeconds?: number | undefined
  /** Origin of the browser request, which becomes `azp`. */
  origin?: string | undefined
}

export interface MinterSettings {
  store: Store
  keys: InstanceKeys
  now: () => number
  frontendApiUrl: () => string
  sessionLifetime: number
  tokenVersion: 1 | 2
}

/** A template ready to mint: claims parsed and key imported once per template version. */
interface PreparedTemplate {
  version: number
  claims: CompiledClaims
  lifetime: number
  allowedClockSkew: number
  algorithm: string
  key: CryptoKey | Uint8Array
  header: JWTHeaderParameters
}

export class TokenMinter {
  private readonly prepared = new Map<string, PreparedTemplate>()
  private readonly sessionHeader: JWTHeaderParameters

  constructor(private readonly settings: MinterSettings) {
    this.sessionHeader = { alg: 'RS256', kid: settings.keys.instanceId, typ: 'JWT', cat: SESSION_TOKEN_CATEGORY }
  }

  async sessionToken(sessionId: string, options: MintOptions = {}): Promise<string> {
    const { store, now, keys } = this.settings
    const nowMs = now()
    const session = this.activeSession(sessionId, nowMs)
    const issuedAt = Math.floor(nowMs / 1000)
    const claims = buildSessionClaims({
      issuer: this.settings.frontendApiUrl(),
      userId: session.user_id,
      sessionId: session.id,
      issuedAt,
      lifetime: options.expiresInSeconds ?? this.settings.sessionLifetime,
      version: this.settings.tokenVersion,
      firstFactorAgeMinutes: Math.max(0, Math.floor((nowMs - session.created_at) / 60_000)),
      jti: newJti(),
      origin: options.origin,
      organization: this.activeOrganization(store, session),
    })
    return new SignJWT(claims).setProtectedHeader(this.sessionHeader).sign(keys.signingKey)
  }

  async templateToken(sessionId: string, templateName: string, options: MintOptions = {}): Promise<string> {
    const { store, now } = this.settings
    const nowMs = now()
    const session = this.activeSession(sessionId, nowMs)
    const template = await this.prepare(templateName)
    const user = store.users.get(session.user_id)!
    const active = this.activeMembership(store, session)
    const context = buildShortcodeContext({
      user,
      emails: store.users.emails(user.id),
      phones: store.users.phones(user.id),
      memberships: template.claims.references.has('user.organizations') ? store.organizations.userMemberships(user.id) : [],
      active,
    })
    const issuedAt = Math.floor(nowMs / 1000)
    const claims = template.claims.evaluate(context)
    // Default claims are written last: a template can never override them.
    if (options.origin) claims.azp = options.origin
    else delete claims.azp
    claims.exp = issuedAt + (options.expiresInSeconds ?? template.lifetime)
    claims.iat = issuedAt
    claims.iss = this.settings.frontendApiUrl()
    claims.jti = newJti()
    claims.nbf = issuedAt - template.allowedClockSkew
    claims.sub = user.id
    return new SignJWT(claims).setProtectedHeader(template.header).sign(template.key)
  }

  private activeSession(sessionId: string, nowMs: number): SessionRecord {
    const session = this.settings.store.sessions.get(sessionId, nowMs)
    if (!session) throw notFound('Session not found', `No session was found with id ${sessionId}`)
    if (session.status !== 'active') {
      throw clerkError(
        401,
        'session_not_active',
        'Session is not active',
        `Session ${sessionId} is ${session.status}; tokens are only minted for active sessions. Create a new session with POST /v1/sessions.`,
        { session_id: sessionId, status: session.status },
      )
    }
    return session
  }

  private activeMembership(store: Store, session: SessionRecord) {
    const organizationId = session.last_active_organization_id
    if (!organizationId) return undefined
    // A membership removed after the session chose the organization simply drops the org claims.
    const membership = store.organizations.membership(organizationId, session.user_id)
    const organization = membership && store.organizations.get(organizationId)
    return membership && organization ? { organization, membership } : undefined
  }

  private activeOrganization(store: Store, session: SessionRecord): ActiveOrganization | undefined {
    const active = this.activeMembership(store, session)
    if (!active) return undefined
    return {
      id: active.organization.id,
      slug: active.organization.slug,
      role: active.membership.role,
      permissions: active.membership.permissions.filter((p) => !isSystemPermission(p)),
    }
  }

  private async prepare(name: string): Promise<PreparedTemplate> {
    const { store, keys } = this.settings
    const current = store.templates.versionByName(name)
    if (!current) throw notFound('JWT template not found', `No JWT template exists with name: ${name}`)
    const cached = this.prepared.get(current.id)
    if (cached?.version === current.version) return cached
    const record = store.templates.get(current.id)!
    const prepared = await prepareTemplate(record, keys)
    this.prepared.set(record.id, prepared)
    return prepared
  }
}

async function prepareTemplate(record: TemplateRecord, keys: InstanceKeys): Promise<PreparedTemplate> {
  const custom = record.signing_algorithm !== null && record.signing_key !== null
  const algorithm = custom ? record.signing_algorithm! : 'RS256'
  return {
    version: record.version,
    claims: compileClaims(record.claims),
    lifetime: record.lifetime,
    allowedClockSkew: record.allowed_clock_skew,
    algorithm,
    key: custom ? await importSigningKey(algorithm as TemplateAlgorithm, record.signing_key!) : keys.signingKey,
    // A custom key is not in the JWKS, so a kid would only point verifiers at the wrong key.
    header: custom
      ? { alg: algorithm, typ: 'JWT', cat: TEMPLATE_TOKEN_CATEGORY }
      : { alg: 'RS256', kid: keys.instanceId, typ: 'JWT', cat: TEMPLATE_TOKEN_CATEGORY },
  }
}
