// Which origins may receive a redirect or a credentialed call: the allow-list behind every redirect of both APIs.
import { LocalClerkError } from '../shared/errors.js'
import { quote } from '../shared/quote.js'

/** Where the Frontend API may send a browser back to, and which pages may call it with credentials. */
export const DEFAULT_ALLOWED_ORIGINS: readonly string[] = [
  'http://localhost:*',
  'https://localhost:*',
  'http://127.0.0.1:*',
  'https://127.0.0.1:*',
]

interface OriginRule {
  protocol: string
  hostname: string
  /** undefined: any port. Otherwise the URL's `port` ('' for the scheme's default). */
  port: string | undefined
}

/** `missing`: no value; `malformed`: not an absolute http(s) URL without user info; `origin`: not allowed. */
type RedirectProblem = 'missing' | 'malformed' | 'origin'
export type RedirectCheck = { ok: true; url: URL } | { ok: false; kind: RedirectProblem; problem: string }

/**
 * The allow-list of origins. Entries are exact origins (`https://app.example.test:8443`) or a scheme and host on
 * any port (`http://localhost:*`). A redirect URL is compared after the WHATWG URL parser has normalised it, and
 * the caller redirects to that normalised `href`, so the browser goes exactly where the check looked: backslashes,
 * tabs, percent-encoded dots and user-info tricks cannot make the two disagree.
 */
export class AllowedOrigins {
  private constructor(
    private readonly rules: readonly OriginRule[],
    /** The entries as given, for error messages. */
    readonly entries: readonly string[],
  ) {}

  /** Checks the entries once; a bad entry throws a LocalClerkError that shows the accepted forms. */
  static parse(entries: readonly string[] = DEFAULT_ALLOWED_ORIGINS): AllowedOrigins {
    if (!Array.isArray(entries)) {
      throw new LocalClerkError(
        'REMIX_CLERK_LOCAL_INVALID_OPTION',
        'remix-clerk-local: allowedOrigins must be an array of origins such as "http://localhost:3000".',
      )
    }
    return new AllowedOrigins(entries.map(parseRule), [...entries])
  }

  /** The host names of the entries, lower case (`[::1]` with its brackets, as `URL.hostname` gives them). */
  hostnames(): string[] {
    return [...new Set(this.rules.map((rule) => rule.hostname))]
  }

  /** Whether an `Origin` header value (or `URL.origin`) is allowed. */
  allows(origin: string): boolean {
    let url: URL
    try {
      url = new URL(origin)
    } catch {
      return false
    }
    return url.origin === origin && this.matches(url)
  }

  /** Validates a `redirect_url` parameter; the `url` of a success is the only thing to redirect to. */
  checkRedirect(raw: string | undefined): RedirectCheck {
    if (raw === undefined || raw === '') return { ok: false, kind: 'missing', problem: 'redirect_url is missing.' }
    let url: URL
    try {
      url = new URL(raw)
    } catch {
      return {
        ok: false,
        kind: 'malformed',
        problem: `redirect_url must be an absolute URL such as http://localhost:3000/ (got ${quote(raw)}).`,
      }
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return { ok: false, kind: 'malformed', problem: `redirect_url must use http or https (got ${quote(raw)}).` }
    }
    if (url.username !== '' || url.password !== '') {
      return {
        ok: false,
        kind: 'malformed',
        problem: `redirect_url must not contain a user name or password (got ${quote(raw)}).`,
      }
    }
    if (!this.matches(url)) {
      return {
        ok: false,
        kind: 'origin',
        problem:
          `redirect_url points to ${url.origin}, which is not an allowed origin (allowed: ${this.entries.join(', ')}). ` +
          'Add it with the allowedOrigins option or the --allowed-origin flag.',
      }
    }
    return { ok: true, url }
  }

  private matches(url: URL): boolean {
    return this.rules.some(
      (rule) =>
        rule.protocol === url.protocol &&
        rule.hostname === url.hostname &&
        (rule.port === undefined || rule.port === url.port),
    )
  }
}

function parseRule(entry: unknown): OriginRule {
  const invalid = () =>
    new LocalClerkError(
      'REMIX_CLERK_LOCAL_INVALID_OPTION',
      `remix-clerk-local: allowed origin ${quote(String(entry))} is not valid; use an origin such as "http://localhost:3000", or "http://localhost:*" for any port.`,
    )
  if (typeof entry !== 'string') throw invalid()
  const anyPort = entry.endsWith(':*')
  let url: URL
  try {
    url = new URL(anyPort ? entry.slice(0, -2) : entry)
  } catch {
    throw invalid()
  }
  const bare = url.origin === (anyPort ? entry.slice(0, -2) : entry.replace(/\/$/, ''))
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !bare || (anyPort && url.port !== '')) throw invalid()
  return { protocol: url.protocol, hostname: url.hostname, port: anyPort ? undefined : url.port }
}
