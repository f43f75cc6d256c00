// Organization sync: URLs that name an organization (`/orgs/:slug`) or the personal account (`/me`) make the
// handshake activate it, so that the session's active organization follows the page. Patterns are matched by a
// small segment matcher of our own rather than path-to-regexp (what upstream uses): it covers the forms Clerk
// documents (literal segments, `:id` / `:slug` / any `:name` segment, and a final `(.*)`), runs in time linear in
// the path whatever the pattern, and refuses every other form when the options are read, where path-to-regexp
// would accept custom regular expressions that an attacker's path could make backtrack.
import { RemixClerkError } from '../shared/remixClerkError.js'

/** `organizationSyncOptions` of getAuth and rootAuthLoader, as @clerk/backend's `authenticateRequest` takes them. */
export interface OrganizationSyncOptions {
  /**
   * Paths that name an organization by `:id` (`org_…`) or `:slug`, e.g. `['/orgs/:slug', '/orgs/:slug/(.*)']`.
   * They win over `personalAccountPatterns`.
   */
  organizationPatterns?: string[]
  /** Paths of the personal account (no active organization), e.g. `['/me', '/me/(.*)']`. */
  personalAccountPatterns?: string[]
}

/** What a URL asks to activate. */
export type OrganizationSyncTarget =
  | { readonly type: 'organization'; readonly organizationId?: string; readonly organizationSlug?: string }
  | { readonly type: 'personalAccount' }

type Segment = { readonly literal: string } | { readonly parameter: string }

interface CompiledPattern {
  readonly segments: readonly Segment[]
  /** Ends in `/(.*)`: anything (or nothing) after one more `/`. */
  readonly rest: boolean
}

const PARAMETER = /^:([A-Za-z0-9_]+)$/
// What a literal segment may hold: no character that path-to-regexp gives a meaning to.
const LITERAL = /^[A-Za-z0-9\-._~!$&'@,;=%]+$/

export class OrganizationMatcher {
  private readonly organization: readonly CompiledPattern[]
  private readonly personal: readonly CompiledPattern[]

  /** Throws an Error naming the pattern and the supported forms when one is not supported. */
  constructor(options: OrganizationSyncOptions) {
    this.organization = compileAll(options.organizationPatterns, 'organizationPatterns')
    this.personal = compileAll(options.personalAccountPatterns, 'personalAccountPatterns')
  }

  /** The organization or personal account `pathname` names, or undefined. */
  findTarget(pathname: string): OrganizationSyncTarget | undefined {
    if (this.organization.length > 0 || this.personal.length > 0) {
      const parts = pathname.split('/')
      for (const pattern of this.organization) {
        const params = matchPattern(pattern, parts)
        if (!params) continue
        // As upstream: the first pattern that matches decides, `:id` before `:slug`; other names name nothing.
        if (params.id) return { type: 'organization', organizationId: params.id }
        if (params.slug) return { type: 'organization', organizationSlug: params.slug }
        return undefined
      }
      for (const pattern of this.personal) if (matchPattern(pattern, parts)) return { type: 'personalAccount' }
    }
    return undefined
  }
}

/** Whether the session must switch: another organization is named, or the personal account while in one. */
export function mustActivate(
  target: OrganizationSyncTarget,
  orgId: string | null | undefined,
  orgSlug: string | null | undefined,
): boolean {
  if (target.type === 'personalAccount') return Boolean(orgId)
  if (target.organizationSlug !== undefined && target.organizationSlug !== orgSlug) return true
  return target.organizationId !== undefined && target.organizationId !== orgId
}

/** The handshake's `organization_id`: an id or a slug, or `''` for the personal account. */
export function organizationIdParameter(target: OrganizationSyncTarget): string {
  return target.type === 'personalAccount' ? '' : (target.organizationId ?? target.organizationSlug ?? '')
}

function compileAll(patterns: unknown, option: string): CompiledPattern[] {
  if (patterns === undefined) return []
  if (!Array.isArray(patterns)) {
    throw new RemixClerkError(
      'REMIX_CLERK_INVALID_ORGANIZATION_SYNC_OPTIONS',
      `remix-clerk: organizationSyncOptions.${option} must be an array of paths such as ['/orgs/:slug']; got ${typeof patterns}.`,
    )
  }
  return patterns.map((pattern: unknown) => compile(pattern, option))
}

function compile(pattern: unknown, option: string): CompiledPattern {
  const unsupported = (why: string) =>
    new RemixClerkError(
      'REMIX_CLERK_INVALID_ORGANIZATION_SYNC_OPTIONS',
      `remix-clerk: organizationSyncOptions.${option} has the pattern ${JSON.stringify(String(pattern).slice(0, 100))}, which ${why}. ` +
        'Supported: a path of literal segments and `:name` segments (`:id` for an organization id, `:slug` for its slug), ' +
        "optionally ending in `/(.*)` for anything below it, e.g. ['/orgs/:slug', '/orgs/:slug/(.*)'].",
    )
  if (typeof pattern !== 'string') throw unsupported('is not a string')
  if (!pattern.startsWith('/')) throw unsupported('does not start with /')
  if (pattern.length > 1_000) throw unsupported('is longer than 1000 characters')
  const parts = pattern.split('/').slice(1)
  const rest = parts.at(-1) === '(.*)'
  if (rest) parts.pop()
  // `/` alone is the root: no segment at all.
  if (parts.length === 1 && parts[0] === '') parts.pop()
  const segments = parts.map((part): Segment => {
    const parameter = PARAMETER.exec(part)
    if (parameter) return { parameter: parameter[1]! }
    if (part === '') throw unsupported('has an empty segment (`//`)')
    if (!LITERAL.test(part))
      throw unsupported(`has the segment ${JSON.stringify(part)}, which is neither a literal nor a :name`)
    return { literal: part.toLowerCase() }
  })
  return { segments, rest }
}

/**
 * path-to-regexp 6's `match(pattern)` with its defaults, which upstream uses: literals compare without case, a
 * `:name` takes one non-empty segment as it is (not decoded), one trailing `/` is allowed, `/(.*)` needs the `/`.
 * `parts` is the path split at `/` (its first element is the empty string before the leading `/`).
 */
function matchPattern(pattern: CompiledPattern, parts: readonly string[]): Record<string, string> | undefined {
  if (parts[0] !== '') return undefined
  const { segments, rest } = pattern
  // The root pattern `/`: the path `/` (split: ['', '']) or, with its one trailing `/`, `//`.
  if (!rest && segments.length === 0)
    return (parts.length === 2 || parts.length === 3) && parts.every((part) => part === '') ? {} : undefined
  let last = parts.length
  // One trailing `/` is allowed (`/orgs/acme/` matches `/orgs/:slug`), except before `(.*)`, which takes it.
  if (!rest && last > 1 && parts[last - 1] === '') last--
  const available = last - 1
  if (rest ? available <= segments.length : available !== segments.length) return undefined
  const params: Record<string, string> = {}
  for (let i = 0; i < segments.length; i++) {
    const part = parts[i + 1]!
    const segment = segments[i]!
    if ('literal' in segment) {
      if (part.toLowerCase() !== segment.literal) return undefined
    } else {
      if (part === '') return undefined
      params[segment.parameter] = part
    }
  }
  return params
}
