// Every way our outcome may differ from an official SDK's, by name. Each difference recognises its own
// signature exactly (the case it applies to and the values on both sides) and says which fields it
// accounts for; a disagreement that no difference accounts for fails the corpus. The README's
// "Differences from @clerk/remix" lists each one with the reason given here.
import type { ConformanceCase } from './corpus'
import type { Outcome } from './implementations'

/** `remix4`: our getAuth against @clerk/remix 4. `backend3`: our engine against @clerk/backend 3. */
export type Comparison = 'remix4' | 'backend3'

export interface Difference {
  id: string
  against: readonly Comparison[]
  /** What differs and why we chose it, as the README says it. */
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
  return c.authorization === 'bearer' || c.authorization === 'bare' || !['none', 'uat', 'devbrowser'].includes(c.cookies)
}

const signedOutWith = (outcome: Outcome, reason: string) => outcome.status === 'signed-out' && outcome.reason === reason

/** The same outcome, except that theirs is a handshake redirect and ours is signed out for the same reason. */
const handshakeVersusSignedOut = (ours: Outcome, theirs: Outcome) =>
  theirs.status === 'handshake' && ours.status === 'signed-out' && ours.reason === theirs.reason && ours.message === theirs.message

export const DIFFERENCES: readonly Difference[] = [
  {
    id: 'api-version',
    against: REMIX4,
    reason:
      'The handshake URL names the Backend API version we speak, 2026-05-12 (as @clerk/backend 3 does); @clerk/remix 4 sends the 2025-11-10 of the @clerk/backend 2 it bundles.',
    fields: ['location.params.__clerk_api_version'],
    matches: (_c, ours, theirs) =>
      ours.location?.params.__clerk_api_version === '2026-05-12' && theirs.location?.params.__clerk_api_version === '2025-11-10',
  },
  {
    id: 'no-session-in-handshake-url',
    against: BOTH,
    reason:
      'The handshake URL does not carry the session token (`__session=<jwt>`), which upstream adds for its Frontend API\'s "origin outage mode": a token in a URL ends up in logs and browser history, and the Frontend API knows the browser from its own cookies (or dev browser token) without it. Not supported yet rather than refused: adding the parameter is one line if Clerk\'s outage mode matters to you.',
    fields: ['location.params.__session'],
    matches: (_c, ours, theirs) =>
      ours.status === 'handshake' && ours.location?.params.__session === undefined && typeof theirs.location?.params.__session === 'string',
  },
  {
    id: 'template-token-refused',
    against: REMIX4,
    reason:
      'A JWT-template token (header `cat` cl_B7d4PD222AAA) is not a session token: signed out with `token-type-mismatch`, as @clerk/backend 3 does. @clerk/remix 4 takes it for a session (signed in, or a handshake when its `iat` predates `__client_uat`).',
    fields: '*',
    matches: (c, ours, theirs) => c.token === 'template' && carriesToken(c) && signedOutWith(ours, 'token-type-mismatch') && theirs.reason !== ours.reason,
  },
  {
    id: 'type-mismatch-message',
    against: BACKEND3,
    reason:
      'A refused token kind says which kind it is and why (`Invalid session token category (cat) "…". JWT template and machine tokens cannot be used as session tokens.`), in `debug().message` and `x-clerk-auth-message`; @clerk/backend 3 gives an empty message.',
    fields: ['message', 'headers.x-clerk-auth-message'],
    matches: (_c, ours, theirs) =>
      signedOutWith(ours, 'token-type-mismatch') &&
      signedOutWith(theirs, 'token-type-mismatch') &&
      theirs.message === '' &&
      ours.message?.startsWith('Invalid session token category (cat)') === true,
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
    matches: (c, ours, theirs) => (c.request === 'POST document' || c.request === 'HEAD document') && handshakeVersusSignedOut(ours, theirs),
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
      'An unknown `kid` is reported without the list of known kids: @clerk/remix 4 lists every kid in its process-wide cache, other instances\' included. @clerk/backend 3 no longer lists them either.',
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
      'A plain `__session` cookie whose `iss` is the instance\'s Frontend API counts as the instance\'s even when the publishable key names that Frontend API with a scheme (`http://127.0.0.1:4000`, as remix-clerk-local\'s keys must): both sides are compared without the scheme. Upstream strips the scheme from `iss` only, so with such a key it ignores the plain `__session`/`__client_uat` pair and relies on the suffixed one (which remix-clerk-local\'s handshake also sets).',
    fields: '*',
    matches: (c, ours, theirs) =>
      c.key === 'url' &&
      ['both', 'session', 'uat-newer'].includes(c.cookies) &&
      signedOutWith(theirs, 'session-token-and-uat-missing') &&
      ours.reason !== theirs.reason,
  },
]

export interface Classification {
  /** `agree`, or the ids of the differences that account for every differing field, joined by ` + `. */
  label: string
  /** Differing fields that no difference accounts for: a new disagreement. */
  unexplained: string[]
  /** Differences whose signature matched although nothing they account for differs: a fixed one. */
  idle: string[]
}

export function classify(comparison: Comparison, testCase: ConformanceCase, ours: Outcome, theirs: Outcome, differing: string[]): Classification {
  const matched = DIFFERENCES.filter((d) => d.against.includes(comparison) && d.matches(testCase, ours, theirs))
  const accounts = (d: Difference, field: string) => d.fields === '*' || d.fields.includes(field)
  return {
    label: matched.length === 0 ? 'agree' : matched.map((d) => d.id).join(' + '),
    unexplained: differing.filter((field) => !matched.some((d) => accounts(d, field))),
    idle: matched.filter((d) => !differing.some((field) => accounts(d, field))).map((d) => d.id),
  }
}
