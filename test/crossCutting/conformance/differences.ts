// Every way our outcome may differ from an official SDK's, by name. Each difference recognises its own
// signature exactly (the case it applies to and the values on both sides) and says which fields it
// accounts for; a disagreement that no difference accounts for fails the corpus. docs/differences.md
// lists each one with the reason given here.
import { isDeepStrictEqual } from 'node:util'
import type { ConformanceCase } from './corpus.js'
import type { Outcome } from './implementations.js'

/** `remix4`: our getAuth against @clerk/remix 4. `backend3`: our engine against @clerk/backend 3. */
export type Comparison = 'remix4' | 'backend3'

export interface Difference {
  id: string
  against: readonly Comparison[]
  /** What differs and why we chose it, as docs/differences.md says it. */
  reason: string
  /** The differing fields this difference accounts for (`*`: the whole outcome). */
  fields: readonly string[] | '*'
  matches(testCase: ConformanceCase, ours: Outcome, theirs: Outcome): boolean
}

const BOTH: readonly Comparison[] = ['remix4', 'backend3']
const REMIX4: readonly Comparison[] = ['remix4']
const BACKEND3: readonly Comparison[] = ['backend3']

/** Whether the request carries the case's token at all (a Basic header or no cookie carries none). */
function carriesToken(c: ConformanceCase): boolean {
  return (
    c.authorization === 'bearer' || c.authorization === 'bare' || !['none', 'uat', 'devbrowser'].includes(c.cookies)
  )
}

/** A handshake's `redirect_url` without our binding parameter (`handshake-bound-to-browser` accounts for that). */
const redirectUrlOf = (outcome: Outcome) =>
  outcome.location?.params.redirect_url?.replace(/[?&]__clerk_handshake_binding=\(binding\)$/, '')

const signedOutWith = (outcome: Outcome, reason: string) => outcome.status === 'signed-out' && outcome.reason === reason

/** The same outcome, except that theirs is a handshake redirect and ours is signed out for the same reason. */
const handshakeVersusSignedOut = (ours: Outcome, theirs: Outcome) =>
  theirs.status === 'handshake' &&
  ours.status === 'signed-out' &&
  ours.reason === theirs.reason &&
  ours.message === theirs.message

export const DIFFERENCES: readonly Difference[] = [
  {
    id: 'api-version',
    against: REMIX4,
    reason:
      'The handshake URL names the Backend API version we speak, 2026-05-12 (as @clerk/backend 3 does); @clerk/remix 4 sends the 2025-11-10 of the @clerk/backend 2 it bundles.',
    fields: ['location.params.__clerk_api_version'],
    matches: (_c, ours, theirs) =>
      ours.location?.params.__clerk_api_version === '2026-05-12' &&
      theirs.location?.params.__clerk_api_version === '2025-11-10',
  },
  {
    id: 'no-session-in-handshake-url',
    against: BOTH,
    reason:
      'The handshake URL does not carry the session token (`__session=<jwt>`), which upstream adds for its Frontend API\'s "origin outage mode": a token in a URL ends up in logs and browser history, and the Frontend API knows the browser from its own cookies (or dev browser token) without it. Not supported yet rather than refused: adding the parameter is one line if Clerk\'s outage mode matters to you.',
    fields: ['location.params.__session'],
    matches: (_c, ours, theirs) =>
      ours.status === 'handshake' &&
      ours.location?.params.__session === undefined &&
      typeof theirs.location?.params.__session === 'string',
  },
  {
    id: 'non-session-token-refused',
    against: REMIX4,
    reason:
      'A token that is not a session token is signed out with `token-type-mismatch`, wherever it comes from, as @clerk/backend 3 does: a JWT-template token (header `cat` cl_B7d4PD222AAA), a machine token (`sub` mch_…) or an OAuth access token (`typ` at+jwt). @clerk/remix 4 checks the kind only in the Authorization header: in a cookie it takes template and machine tokens for sessions (signed in, or a handshake when their `iat` predates `__client_uat`) and calls an OAuth token `token-invalid`.',
    fields: '*',
    matches: (c, ours, theirs) =>
      ['template', 'machine-sub', 'oauth-typ'].includes(c.token) &&
      carriesToken(c) &&
      signedOutWith(ours, 'token-type-mismatch') &&
      theirs.reason !== ours.reason,
  },
  {
    id: 'type-mismatch-message',
    against: BOTH,
    reason:
      'A refused token kind says which kind it is and why (`Invalid session token category (cat) "…". JWT template and machine tokens cannot be used as session tokens.`, `Subject claim (sub) "mch_…" is a machine, not a user session.`, `Invalid JWT type "at+jwt": an OAuth access token is not a session token.`), in `debug().message` and `x-clerk-auth-message`; upstream gives an empty message.',
    fields: ['message', 'headers.x-clerk-auth-message'],
    matches: (_c, ours, theirs) =>
      signedOutWith(ours, 'token-type-mismatch') &&
      signedOutWith(theirs, 'token-type-mismatch') &&
      theirs.message === '' &&
      Boolean(ours.message),
  },
  {
    id: 'empty-sub-refused',
    against: BOTH,
    reason:
      'A token whose `sub` is an empty string is refused (`token-verification-failed`): it names no user. Upstream only checks that `sub` is a string, and signs in a session whose `userId` is empty.',
    fields: '*',
    matches: (c, ours, theirs) =>
      c.token === 'empty-sub' &&
      signedOutWith(ours, 'token-verification-failed') &&
      ours.message?.startsWith('Subject claim (sub) is required and must be a string. Received "".') === true &&
      theirs.status === 'signed-in',
  },
  {
    id: 'fea-without-colon-skipped',
    against: BACKEND3,
    reason:
      'A `fea` claim entry without its `scope:` prefix is skipped and the rest of the token is used. @clerk/backend 3 fails on it: with the token in a cookie the request is signed out (`unexpected-error`), with the token in the Authorization header `authenticateRequest` throws (`Invalid claim element (missing colon)`), a 500 for the app. @clerk/remix 4 agrees with us.',
    fields: '*',
    matches: (c, ours, theirs) =>
      c.token === 'fea-without-colon' &&
      ours.status === 'signed-in' &&
      (signedOutWith(theirs, 'unexpected-error') ||
        (theirs.status === 'threw' && theirs.error === 'Error: Invalid claim element (missing colon): dashboard')),
  },
  {
    id: 'handshake-bound-to-browser',
    against: BOTH,
    reason:
      "A handshake is bound to the browser the app sends: its `redirect_url` carries a random `__clerk_handshake_binding` value and the browser gets the same in a short-lived HttpOnly cookie on the app; a nonce or token that comes back in the URL is redeemed only next to its value. Upstream redeems a handshake URL for whoever opens it, so an attacker who stops at the redirect back to the app in his own browser can sign a victim in as himself with that link (login CSRF). An unbound answer is not redeemed: a navigation takes a handshake of its own (`handshake-not-bound-to-browser`). Clerk's Frontend API returns to `redirect_url` with its query as it was, and in production sets the handshake in a cookie on the app's domain, which needs no binding.",
    fields: ['location.params.redirect_url', 'headers.set-cookie'],
    matches: (_c, ours, theirs) =>
      ours.location?.params.redirect_url?.includes('__clerk_handshake_binding=(binding)') === true &&
      theirs.location?.params.redirect_url?.includes('__clerk_handshake_binding') !== true,
  },
  {
    id: 'forwarded-host-validated',
    against: BOTH,
    reason:
      "`x-forwarded-host` (when trusted, see `forwarded-host-trusted-on-request`) and `x-forwarded-proto` are used for the public URL (the handshake's `redirect_url`, the cross-site check) only when they are a host and http(s); otherwise the request URL is. Upstream builds the URL from any value, so `x-forwarded-host: evil.example/steal?` makes the handshake return the browser to https://evil.example/.",
    fields: ['location.params.redirect_url'],
    matches: (c, ours, theirs) =>
      c.request === 'GET document forged forwarded host' &&
      redirectUrlOf(ours) === 'http://127.0.0.1:3000/dashboard?tab=1' &&
      theirs.location?.params.redirect_url === 'https://evil.example/dashboard?tab=1',
  },
  {
    id: 'forwarded-host-trusted-on-request',
    against: BOTH,
    reason:
      "`x-forwarded-host` names the public host only with the `trustForwardedHost` option (`CLERK_TRUST_FORWARDED_HOST`); by default the `Host` header does (what the Remix adapters also put in `request.url`), and `x-forwarded-proto` is read either way. Any client can send the header, and upstream builds the handshake's `redirect_url` and the `__proxyUrl` ClerkJS is given from it, which a shared cache then hands to everyone.",
    fields: ['location.params.redirect_url'],
    matches: (c, ours, theirs) =>
      c.request === 'GET document behind proxy' &&
      redirectUrlOf(ours) === 'http://127.0.0.1:3000/dashboard?tab=1' &&
      theirs.location?.params.redirect_url === 'https://app.example.com/dashboard?tab=1',
  },
  {
    id: 'vary-forwarded-headers',
    against: REMIX4,
    reason:
      "A redirect getAuth throws (and the root loader's answer) says `Vary: X-Forwarded-Proto, CloudFront-Forwarded-Proto` (and `X-Forwarded-Host` when trusted): they are built on the public URL, which those headers change, and a shared cache must not hand one client's answer to another. Upstream sends no `Vary`.",
    fields: ['headers.vary'],
    matches: (_c, ours, theirs) =>
      ours.headers.vary?.startsWith('X-Forwarded') === true && theirs.headers.vary === undefined,
  },
  {
    id: 'audience-requires-aud',
    against: BOTH,
    reason:
      'With the `audience` option, a token without an `aud` claim is refused (`token-verification-failed`): a required audience that may be absent requires nothing. Both official versions skip the check when the token has no `aud`.',
    fields: '*',
    matches: (c, ours, theirs) =>
      c.options === 'audience' &&
      c.token !== 'aud' &&
      c.token !== 'aud-array' &&
      signedOutWith(ours, 'token-verification-failed') &&
      ours.message?.startsWith('Invalid JWT audience claim (aud) undefined.') === true &&
      theirs.reason !== ours.reason,
  },
  {
    id: 'azp-required',
    against: REMIX4,
    reason:
      'With `authorizedParties`, a token without an `azp` claim is refused (`token-invalid-authorized-parties`), as @clerk/backend 3 does; @clerk/remix 4 lets it through.',
    fields: '*',
    matches: (c, ours, theirs) =>
      (c.options === 'parties-match' || c.options === 'parties-other') &&
      c.token !== 'azp' &&
      signedOutWith(ours, 'token-invalid-authorized-parties') &&
      theirs.reason !== ours.reason,
  },
  {
    id: 'handshake-get-only',
    against: REMIX4,
    reason:
      'Only GET navigations are sent to a handshake, as in @clerk/backend 3: a form POST (which also says `sec-fetch-dest: document`) or a HEAD is signed out with the same reason, so an action never loses its form data to a redirect. @clerk/remix 4 redirects them too.',
    fields: '*',
    matches: (c, ours, theirs) =>
      (c.request === 'POST document' || c.request === 'HEAD document') && handshakeVersusSignedOut(ours, theirs),
  },
  {
    id: 'loop-limit',
    against: BOTH,
    reason:
      'After three handshakes in a row (`__clerk_redirect_count` ≥ 3) the request is signed out with a warning. Upstream stops only at exactly 3, so a counter that skipped past it (4) redirects again.',
    fields: '*',
    matches: (c, ours, theirs) => c.request === 'GET document redirect 4' && handshakeVersusSignedOut(ours, theirs),
  },
  {
    id: 'kid-mismatch-message',
    against: REMIX4,
    reason:
      "An unknown `kid` is reported without the list of known kids: @clerk/remix 4 lists every kid in its process-wide cache, other instances' included. @clerk/backend 3 no longer lists them either.",
    fields: ['message'],
    matches: (_c, ours, theirs) =>
      signedOutWith(ours, 'jwk-kid-mismatch') &&
      signedOutWith(theirs, 'jwk-kid-mismatch') &&
      theirs.message?.includes('The following kid is available') === true &&
      ours.message?.includes('The following kid') === false,
  },
  {
    id: 'local-key-plain-cookies',
    against: BOTH,
    reason:
      "A plain `__session` cookie whose `iss` is the instance's Frontend API counts as the instance's even when the publishable key names that Frontend API with a scheme (`http://127.0.0.1:4000`, as remix-clerk-local's keys must): both sides are compared without the scheme. Upstream strips the scheme from `iss` only, so with such a key it ignores the plain `__session`/`__client_uat` pair and relies on the suffixed one (which remix-clerk-local's handshake also sets).",
    fields: '*',
    matches: (c, ours, theirs) =>
      c.key === 'url' &&
      ['both', 'session', 'uat-newer'].includes(c.cookies) &&
      signedOutWith(theirs, 'session-token-and-uat-missing') &&
      ours.reason !== theirs.reason,
  },
  {
    id: 'satellite-sync-when-needed',
    against: REMIX4,
    reason:
      'A satellite syncs with the primary as @clerk/backend 3 decides: a page load without cookies syncs only with `satelliteAutoSync` (default false: signed out at once), `__clerk_synced=false` (back from a sign-in on the primary) always syncs, `__clerk_synced=true` never does, and a page with cookies is verified as usual; only GET navigations sync. @clerk/remix 4 sends every navigation of a production satellite through the handshake (even signed in, even a form POST), and every navigation of a development satellite without `__clerk_synced` to the primary.',
    fields: '*',
    matches: (c, ours, theirs) =>
      isSatellite(c) && (ours.reason === 'satellite-needs-syncing') !== (theirs.reason === 'satellite-needs-syncing'),
  },
  {
    id: 'satellite-primary-issuer',
    against: BOTH,
    reason:
      "On a satellite with a `domain`, plain `__session`/`__client_uat` cookies count as the instance's when their token comes from the satellite's own Frontend API (`clerk.<domain>`, as Clerk mints a production satellite's tokens, and as upstream takes them) or from the primary's. Upstream takes a plain cookie from the primary's Frontend API for another instance's, ignores it (only suffixed cookies count) and asks the handshake for suffixed cookies; a browser can hold one when both share a parent domain, and remix-clerk-local minted satellite tokens that way before it followed Clerk.",
    fields: '*',
    matches: (c, ours, theirs) =>
      (c.options === 'satellite-domain' || c.options === 'satellite-auto-sync') &&
      !c.token.startsWith('satellite-issued') &&
      ['both', 'uat-0', 'both+devbrowser'].includes(c.cookies) &&
      !sameVerdictAndTarget(ours, theirs),
  },
  {
    id: 'satellite-redirect-allow-list',
    against: BOTH,
    reason:
      "A development primary sends the browser back to a satellite (`__clerk_redirect_url`, with its dev browser token appended) only when that origin is in `allowedRedirectOrigins` or `authorizedParties`; otherwise the parameter is ignored with one warning naming the option. Upstream redirects to any URL, so a link to the primary hands any site the visitor's dev browser token: an open redirect that leaks a credential.",
    fields: '*',
    matches: (c, ours, theirs) =>
      c.request.startsWith('GET document redirect_url') &&
      theirs.reason === 'primary-responds-to-syncing' &&
      ours.reason !== 'primary-responds-to-syncing',
  },
  {
    id: 'organization-sync',
    against: REMIX4,
    reason:
      "`organizationSyncOptions` is honoured on getAuth and rootAuthLoader, as by @clerk/backend 3's `authenticateRequest`: a page whose path names another organization (or the personal account) takes a handshake that activates it, and every handshake of such a page carries `organization_id`. @clerk/remix 4 never passes the option on.",
    fields: '*',
    matches: (c, ours, theirs) => c.options === 'org-sync' && !sameVerdictAndTarget(ours, theirs),
  },
]

const sameVerdictAndTarget = (ours: Outcome, theirs: Outcome) =>
  ours.status === theirs.status && ours.reason === theirs.reason && isDeepStrictEqual(ours.location, theirs.location)

const isSatellite = (c: ConformanceCase) => c.options.startsWith('satellite-') && c.options !== 'satellite-allowed'

export interface Classification {
  /** `agree`, or the ids of the differences that account for every differing field, joined by ` + `. */
  label: string
  /** Differing fields that no difference accounts for: a new disagreement. */
  unexplained: string[]
  /** Differences whose signature matched although nothing they account for differs: a fixed one. */
  idle: string[]
}

export function classify(
  comparison: Comparison,
  testCase: ConformanceCase,
  ours: Outcome,
  theirs: Outcome,
  differing: string[],
): Classification {
  const matched = DIFFERENCES.filter((d) => d.against.includes(comparison) && d.matches(testCase, ours, theirs))
  const accounts = (d: Difference, field: string) => d.fields === '*' || d.fields.includes(field)
  return {
    label: matched.length === 0 ? 'agree' : matched.map((d) => d.id).join(' + '),
    unexplained: differing.filter((field) => !matched.some((d) => accounts(d, field))),
    idle: matched.filter((d) => !differing.some((field) => accounts(d, field))).map((d) => d.id),
  }
}
