// The generated corpus: tokens in every state × the cookies and Authorization headers that carry them ×
// the kinds of request a browser or a client makes × the options an app sets. Eleven families, each a
// product over the axes that matter to it, so that the corpus stays a few hundred cases that each test
// something (a full product would be tens of thousands, mostly repeating themselves).
import { createHash } from 'node:crypto'
import { APP_ORIGIN, APP_URL, type Instances } from './instances.js'
import type { Configuration } from './implementations.js'

const LOCAL_TOKENS = [
  'valid',
  'valid-org',
  'v1',
  'v1-org',
  'azp',
  'expired',
  /** Expired, minted for the app's origin as the handshake mints it: what a `__refresh` cookie can refresh. */
  'expired-azp',
  'nbf-future',
  'iat-future',
  'wrong-key',
  'template',
  'not-a-jwt',
] as const
/**
 * From a production satellite's own Frontend API (`iss: https://clerk.satellite.example`, as Clerk mints the tokens
 * of the satellite `satellite.example`); and expired, minted for the app's origin, to go with its refresh token.
 */
const SATELLITE_TOKENS = ['satellite-issued', 'satellite-issued-expired'] as const
/** Signed by our own key (the local backend never mints these), verified through its JWKS. */
const OWN_TOKENS = [
  'own-valid',
  'pending',
  'pending-org',
  'actor',
  'aud',
  'aud-array',
  'features',
  'fea-without-colon',
  'empty-sub',
  'machine-sub',
  'oauth-typ',
] as const
type TokenState = (typeof LOCAL_TOKENS)[number] | (typeof SATELLITE_TOKENS)[number] | (typeof OWN_TOKENS)[number]

const COOKIE_FORMS = [
  'none',
  'session',
  'uat',
  'both',
  'suffixed',
  'plain+suffixed',
  'uat-0',
  'uat-newer',
  'uat-garbage',
  'stale-plain+suffixed',
  'suffixed-uat-0+plain',
  'percent-encoded',
] as const
/** Development instances: the dev browser (`__clerk_db_jwt`) with or without a session. */
type DevCookieForm = 'devbrowser' | 'both+devbrowser'
/**
 * The refresh token next to the session cookies, as the handshake sets it: `suffixed+refresh` (what a browser has),
 * `both+refresh` (plain session cookies), `refresh-garbage` (a value the Backend API does not know), `plain-refresh`
 * (only the unsuffixed `__refresh`, which no SDK reads).
 */
type RefreshCookieForm =
  | 'suffixed+refresh'
  | 'both+refresh'
  | 'refresh-garbage'
  | 'plain-refresh'
  | 'refresh+devbrowser'
  | 'refresh-garbage+devbrowser'
type CookieForm = (typeof COOKIE_FORMS)[number] | DevCookieForm | RefreshCookieForm

type AuthorizationForm = 'none' | 'bearer' | 'bare' | 'basic'

const NAVIGATION = { 'sec-fetch-dest': 'document', accept: 'text/html,application/xhtml+xml' }
interface RequestShape {
  method: 'GET' | 'POST' | 'HEAD'
  headers: Record<string, string>
  /** Cookies the browser sends besides the session's. */
  cookies?: Record<string, string>
  /** The page's path and query instead of `/dashboard?tab=1`; `{orgId}` stands for the organization's id. */
  path?: string
  /** Added to the page URL. */
  query?: string
}
const REQUEST_KINDS = {
  'GET document': { method: 'GET', headers: NAVIGATION },
  'GET iframe': { method: 'GET', headers: { 'sec-fetch-dest': 'iframe', accept: 'text/html' } },
  'GET empty': { method: 'GET', headers: { 'sec-fetch-dest': 'empty', accept: '*/*' } },
  'GET html': { method: 'GET', headers: { accept: 'text/html,application/xhtml+xml' } },
  'GET json': { method: 'GET', headers: { accept: 'application/json' } },
  'POST document': { method: 'POST', headers: { ...NAVIGATION, 'content-type': 'application/x-www-form-urlencoded' } },
  'HEAD document': { method: 'HEAD', headers: NAVIGATION },
  // A navigation from another site: a satellite may have signed the browser in (row 13 of the decision table).
  'GET document cross-site': { method: 'GET', headers: { ...NAVIGATION, referer: 'https://satellite.example/page' } },
  // The third and the fourth handshake in a row.
  'GET document redirect 3': { method: 'GET', headers: NAVIGATION, cookies: { __clerk_redirect_count: '3' } },
  'GET document redirect 4': { method: 'GET', headers: NAVIGATION, cookies: { __clerk_redirect_count: '4' } },
  // Behind a proxy that says where the browser really is; and one whose forwarded host is not a host.
  'GET document behind proxy': {
    method: 'GET',
    headers: { ...NAVIGATION, 'x-forwarded-host': 'app.example.com', 'x-forwarded-proto': 'https' },
  },
  'GET document forged forwarded host': {
    method: 'GET',
    headers: { ...NAVIGATION, 'x-forwarded-host': 'evil.example/steal?', 'x-forwarded-proto': 'https' },
  },
  // Back from the Account Portal of a development instance with a new dev browser.
  'GET document dev-browser sync': { method: 'GET', headers: NAVIGATION, query: '&__clerk_db_jwt=dvb_new' },
  // A satellite's page back from a sign-in on the primary (sync asked for), and back from a sync (done).
  'GET document synced=false': { method: 'GET', headers: NAVIGATION, query: '&__clerk_synced=false' },
  'GET document synced=true': { method: 'GET', headers: NAVIGATION, query: '&__clerk_synced=true' },
  // A development primary asked by a satellite to sync: to one of its satellites, and to somewhere else.
  'GET document redirect_url satellite': {
    method: 'GET',
    headers: NAVIGATION,
    query: `&__clerk_redirect_url=${encodeURIComponent('http://127.0.0.1:3001/reports?x=1')}`,
  },
  'GET document redirect_url elsewhere': {
    method: 'GET',
    headers: NAVIGATION,
    query: `&__clerk_redirect_url=${encodeURIComponent('https://evil.example/collect')}`,
  },
  // Pages whose path names an organization (organization sync), or the personal account.
  'GET document /orgs/acme': { method: 'GET', headers: NAVIGATION, path: '/orgs/acme/invoices' },
  'GET document /orgs/beta': { method: 'GET', headers: NAVIGATION, path: '/orgs/beta' },
  'GET document /by-id/acme': { method: 'GET', headers: NAVIGATION, path: '/by-id/{orgId}' },
  'GET document /me': { method: 'GET', headers: NAVIGATION, path: '/me' },
  'GET empty /orgs/beta': { method: 'GET', headers: { 'sec-fetch-dest': 'empty', accept: '*/*' }, path: '/orgs/beta' },
} satisfies Record<string, RequestShape>
type RequestKind = keyof typeof REQUEST_KINDS

type OptionForm =
  | 'jwtKey'
  | 'jwks'
  | 'parties-match'
  | 'parties-other'
  | 'audience'
  /** A satellite whose Frontend API is `clerk.<domain>`, or a proxy; and one that syncs on a first visit. */
  | 'satellite-domain'
  | 'satellite-proxy'
  | 'satellite-auto-sync'
  /** A development primary that lists its satellite in `allowedRedirectOrigins`. */
  | 'satellite-allowed'
  /** `organizationSyncOptions`: `/orgs/:slug`, `/orgs/:slug/(.*)`, `/by-id/:id`; `/me` for the personal account. */
  | 'org-sync'

/**
 * `host`: the publishable key names the Frontend API by host, as every key Clerk issues does. `url`: the
 * key remix-clerk-local prints, naming it with its `http://` scheme (a plain-HTTP Frontend API needs that).
 * `development`: a `pk_test_` key for the same host (development instances track a dev browser).
 */
type KeyForm = 'host' | 'url' | 'development'

export interface ConformanceCase {
  /** Unique and readable: `<token> · cookies <form> · auth <form> · <request> · <options>[ · <key> key]`. */
  id: string
  family: string
  token: TokenState
  cookies: CookieForm
  authorization: AuthorizationForm
  request: RequestKind
  options: OptionForm
  key: KeyForm
}

function isOwnToken(token: TokenState): boolean {
  return (OWN_TOKENS as readonly string[]).includes(token)
}

export function generateCorpus(): ConformanceCase[] {
  const cases = new Map<string, ConformanceCase>()
  const add = (
    family: string,
    token: TokenState,
    cookies: CookieForm,
    authorization: AuthorizationForm,
    request: RequestKind,
    options: OptionForm,
    key: KeyForm = 'host',
  ) => {
    const id = `${token} · cookies ${cookies} · auth ${authorization} · ${request} · ${options}${key === 'host' ? '' : ` · ${key} key`}`
    if (!cases.has(id)) cases.set(id, { id, family, token, cookies, authorization, request, options, key })
  }
  const kinds = Object.keys(REQUEST_KINDS) as RequestKind[]

  // 1. Which cookies the browser has, for a navigation (the only request that may be sent to a handshake).
  for (const token of LOCAL_TOKENS)
    for (const cookies of COOKIE_FORMS) add('cookies', token, cookies, 'none', 'GET document', 'jwtKey')
  // 2. A token in the Authorization header, in each form, from fetch() and from a navigation.
  for (const token of LOCAL_TOKENS) {
    for (const authorization of ['bearer', 'bare', 'basic'] as const) {
      for (const request of ['GET empty', 'GET document'] as const)
        add('authorization', token, 'none', authorization, request, 'jwtKey')
    }
  }
  // 3. The kind of request, for the tokens whose outcome depends on it.
  for (const token of ['valid', 'expired', 'nbf-future', 'iat-future', 'not-a-jwt'] as const) {
    for (const request of kinds) {
      add('requests', token, 'both', 'none', request, 'jwtKey')
      add('requests', token, 'none', 'bearer', request, 'jwtKey')
    }
  }
  for (const cookies of ['session', 'uat', 'uat-newer'] as const)
    for (const request of kinds) add('requests', 'valid', cookies, 'none', request, 'jwtKey')
  for (const request of kinds) add('requests', 'valid-org', 'plain+suffixed', 'none', request, 'jwtKey')
  // 4. Options: keys from the JWKS, authorized parties, an audience.
  for (const token of ['valid', 'azp', 'valid-org', 'expired', 'wrong-key', 'template'] as const) {
    for (const options of ['jwks', 'parties-match', 'parties-other', 'audience'] as const) {
      add('options', token, 'both', 'none', 'GET document', options)
      add('options', token, 'none', 'bearer', 'GET empty', options)
    }
  }
  // 5. Claims the local backend does not mint: pending sessions, actors, audiences, features.
  for (const token of OWN_TOKENS) {
    for (const options of ['jwks', 'audience'] as const) {
      add('claims', token, 'both', 'none', 'GET document', options)
      add('claims', token, 'none', 'bearer', 'GET empty', options)
    }
  }
  // 6. The publishable key remix-clerk-local prints (`http://` in it), with the cookies its handshake sets.
  for (const token of ['valid', 'valid-org', 'expired', 'template'] as const) {
    for (const cookies of ['both', 'suffixed', 'plain+suffixed', 'session', 'uat-newer'] as const) {
      add('local key', token, cookies, 'none', 'GET document', 'jwtKey', 'url')
    }
  }
  // 7. A development instance: the dev browser decides before the session does.
  for (const token of ['valid', 'expired', 'not-a-jwt'] as const) {
    for (const cookies of ['none', 'devbrowser', 'both', 'both+devbrowser'] as const) {
      for (const request of ['GET document', 'GET empty', 'GET document dev-browser sync'] as const) {
        add('development', token, cookies, 'none', request, 'jwtKey', 'development')
      }
    }
  }
  // 8. Satellites: when a page syncs with the primary, in production and development.
  const satelliteRequests = [
    'GET document',
    'GET document synced=false',
    'GET document synced=true',
    'GET empty',
    'POST document',
    'GET document cross-site',
  ] as const
  for (const options of ['satellite-domain', 'satellite-proxy', 'satellite-auto-sync'] as const) {
    for (const token of ['valid', 'expired'] as const) {
      for (const cookies of ['none', 'both', 'uat-0', 'suffixed'] as const) {
        for (const request of satelliteRequests) add('satellite', token, cookies, 'none', request, options)
      }
    }
  }
  // A production satellite's own plain cookies, whose tokens its own Frontend API issued; refreshed when expired.
  for (const options of ['satellite-domain', 'satellite-auto-sync'] as const) {
    for (const request of ['GET document', 'GET empty', 'GET document synced=true'] as const) {
      for (const cookies of ['both', 'uat-0', 'suffixed'] as const)
        add('satellite', SATELLITE_TOKENS[0], cookies, 'none', request, options)
      for (const cookies of ['both+refresh', 'suffixed+refresh'] as const)
        add('satellite', SATELLITE_TOKENS[1], cookies, 'none', request, options)
    }
  }
  for (const options of ['satellite-domain', 'satellite-auto-sync'] as const) {
    for (const cookies of ['none', 'devbrowser', 'both+devbrowser'] as const) {
      for (const request of [...satelliteRequests, 'GET document dev-browser sync'] as const)
        add('satellite', 'valid', cookies, 'none', request, options, 'development')
    }
  }
  // 9. A development primary that a satellite asks to sync.
  for (const options of ['jwtKey', 'satellite-allowed'] as const) {
    for (const cookies of ['none', 'devbrowser', 'both+devbrowser'] as const) {
      for (const request of [
        'GET document redirect_url satellite',
        'GET document redirect_url elsewhere',
        'GET empty',
      ] as const) {
        add('primary sync', 'valid', cookies, 'none', request, options, 'development')
      }
    }
  }
  // 10. Refresh through the `__refresh` cookie: expired tokens (the app's own or without azp), every request kind.
  for (const token of ['expired-azp', 'expired', 'valid'] as const) {
    for (const cookies of ['suffixed+refresh', 'both+refresh', 'refresh-garbage', 'plain-refresh'] as const) {
      for (const request of ['GET document', 'GET empty', 'GET json', 'POST document', 'HEAD document'] as const) {
        add('refresh', token, cookies, 'none', request, 'jwtKey')
      }
    }
  }
  for (const request of ['GET document', 'GET empty'] as const) {
    for (const cookies of ['refresh+devbrowser', 'refresh-garbage+devbrowser'] as const)
      add('refresh', 'expired-azp', cookies, 'none', request, 'jwtKey', 'development')
    for (const cookies of ['suffixed+refresh', 'refresh-garbage'] as const)
      add('refresh', 'expired-azp', cookies, 'none', request, 'jwks')
  }
  // 11. Organization sync: pages that name the active organization, another one, or the personal account.
  for (const token of ['valid', 'valid-org', 'v1-org', 'expired'] as const) {
    for (const request of [
      'GET document /orgs/acme',
      'GET document /orgs/beta',
      'GET document /by-id/acme',
      'GET document /me',
      'GET empty /orgs/beta',
      'GET document',
    ] as const) {
      add('organization sync', token, 'both', 'none', request, 'org-sync')
    }
  }
  add('organization sync', 'valid-org', 'both', 'none', 'GET document redirect 3', 'org-sync')
  return [...cases.values()]
}

export interface PreparedCase {
  /** A new Request each call: every implementation gets its own. */
  request: () => Request
  config: Configuration
}

/** Mints the case's token now (tokens live a minute) and builds its request and configuration. */
export async function prepareCase(testCase: ConformanceCase, instances: Instances): Promise<PreparedCase> {
  const token = await mintToken(testCase.token, instances)
  const config = configurationFor(testCase, instances)
  // The plain pair an older sign-in left behind, for the cookie forms that have one.
  const stale = testCase.cookies === 'stale-plain+suffixed' ? await mintToken('expired', instances) : token
  const kind: RequestShape = REQUEST_KINDS[testCase.request]
  const suffix = cookieSuffix(config.publishableKey)
  const refreshToken = instances.main.refreshToken(
    testCase.token.startsWith('valid-org') || testCase.token === 'v1-org'
      ? instances.orgSessionId
      : instances.sessionId,
  )
  const cookies = { ...cookiesFor(testCase.cookies, token, stale, suffix, refreshToken), ...kind.cookies }
  const authorization = authorizationFor(testCase.authorization, token)
  const headers: Record<string, string> = { ...kind.headers }
  if (Object.keys(cookies).length > 0) {
    headers.cookie = Object.entries(cookies)
      .map(([name, value]) => `${name}=${value}`)
      .join('; ')
  }
  if (authorization) headers.authorization = authorization
  return {
    request: () =>
      new Request(pageUrl(kind, instances), {
        method: kind.method,
        headers,
        body: kind.method === 'POST' ? 'title=Hello' : undefined,
      }),
    config,
  }
}

function pageUrl(kind: RequestShape, i: Instances): string {
  const base = kind.path ? `${APP_ORIGIN}${kind.path.replace('{orgId}', i.orgId)}` : APP_URL
  return `${base}${kind.query ?? ''}`
}

async function mintToken(state: TokenState, i: Instances): Promise<string> {
  switch (state) {
    case 'valid':
      return i.mint(i.main, i.sessionId)
    case 'valid-org':
      return i.mint(i.main, i.orgSessionId)
    case 'v1':
      return i.mint(i.v1, i.sessionId)
    case 'v1-org':
      return i.mint(i.v1, i.orgSessionId)
    case 'azp':
      return i.mint(i.main, i.orgSessionId, { origin: APP_ORIGIN })
    case 'expired':
      return i.mint(i.main, i.sessionId, { offsetMs: -120_000 })
    case 'expired-azp':
      return i.mint(i.main, i.sessionId, { offsetMs: -120_000, origin: APP_ORIGIN })
    case 'nbf-future':
      return i.mint(i.main, i.sessionId, { offsetMs: 120_000 })
    // nbf is iat − 10 s: ten seconds ahead puts iat past the 5 s skew and nbf at now.
    case 'iat-future':
      return i.mint(i.main, i.sessionId, { offsetMs: 10_000 })
    case 'wrong-key':
      return i.mint(i.other, i.otherSessionId)
    case 'template':
      return i.mint(i.main, i.sessionId, { template: 'test' })
    case 'not-a-jwt':
      return 'not-a-jwt'
    case 'satellite-issued':
      return i.mint(i.main, i.sessionId, { frontendApi: SATELLITE_FRONTEND_API })
    case 'satellite-issued-expired':
      return i.mint(i.main, i.sessionId, {
        offsetMs: -120_000,
        origin: APP_ORIGIN,
        frontendApi: SATELLITE_FRONTEND_API,
      })
    case 'own-valid':
      return i.ownToken(ownSession())
    case 'pending':
      return i.ownToken(ownSession({ sts: 'pending' }))
    case 'pending-org':
      return i.ownToken(
        ownSession({
          sts: 'pending',
          o: { id: 'org_own', slg: 'own', rol: 'admin', per: 'read', fpm: '1' },
          fea: 'o:invoices',
        }),
      )
    case 'actor':
      return i.ownToken(
        ownSession({ act: { sub: 'user_support', sid: 'sess_support', iss: 'https://dashboard.clerk.com' } }),
      )
    case 'aud':
      return i.ownToken(ownSession({ aud: 'api' }))
    case 'aud-array':
      return i.ownToken(ownSession({ aud: ['other', 'api'] }))
    // A malformed feature list (an entry without its scope) on an otherwise valid session.
    case 'fea-without-colon':
      return i.ownToken(
        ownSession({
          o: { id: 'org_own', slg: 'own', rol: 'admin', per: 'read', fpm: '1' },
          fea: 'o:invoices,dashboard',
        }),
      )
    case 'empty-sub':
      return i.ownToken(ownSession({ sub: '' }))
    case 'machine-sub':
      return i.ownToken(ownSession({ sub: 'mch_2xyz' }))
    case 'oauth-typ':
      return i.ownToken(ownSession(), { typ: 'at+jwt' })
    case 'features':
      return i.ownToken(
        ownSession({
          o: { id: 'org_own', slg: 'own', rol: 'admin', per: 'read,manage', fpm: '3,1' },
          fea: 'o:invoices,o:dashboard,u:dashboard',
          pla: 'u:free,o:pro',
          fva: [3, 2],
        }),
      )
  }
}

/** A v2 session token of our own instance, as Clerk mints it. */
function ownSession(claims: Record<string, unknown> = {}): Record<string, unknown> {
  return { azp: APP_ORIGIN, fva: [0, -1], sid: 'sess_own', sts: 'active', sub: 'user_own', v: 2, ...claims }
}

function cookiesFor(
  form: CookieForm,
  token: string,
  stale: string,
  suffix: string,
  refreshToken: string,
): Record<string, string> {
  const uat = issuedAt(token)
  const suffixed = { [`__session_${suffix}`]: token, [`__client_uat_${suffix}`]: uat }
  switch (form) {
    case 'none':
      return {}
    case 'session':
      return { __session: token }
    case 'uat':
      return { __client_uat: uat }
    case 'both':
      return { __session: token, __client_uat: uat }
    case 'suffixed':
      return suffixed
    case 'plain+suffixed':
      return { __session: token, __client_uat: uat, ...suffixed }
    case 'uat-0':
      return { __session: token, __client_uat: '0' }
    // The browser signed in again after this token was minted.
    case 'uat-newer':
      return { __session: token, __client_uat: String(Number(uat) + 60) }
    case 'uat-garbage':
      return { __session: token, __client_uat: 'soon' }
    // Signed in again since the plain pair was written: the suffixed pair is the current one.
    case 'stale-plain+suffixed':
      return { __session: stale, __client_uat: issuedAt(stale), ...suffixed }
    // Signed out (suffixed uat 0) by a newer SDK while an older one left a plain pair.
    case 'suffixed-uat-0+plain':
      return { __session: token, __client_uat: uat, [`__client_uat_${suffix}`]: '0' }
    // What a cookie library that percent-encodes every value would send; both sides decode it.
    case 'percent-encoded':
      return { __session: token.replaceAll('.', '%2E'), __client_uat: uat }
    case 'devbrowser':
      return { __clerk_db_jwt: 'dvb_1' }
    case 'both+devbrowser':
      return { __session: token, __client_uat: uat, __clerk_db_jwt: 'dvb_1' }
    case 'suffixed+refresh':
      return { ...suffixed, [`__refresh_${suffix}`]: refreshToken }
    case 'both+refresh':
      return { __session: token, __client_uat: uat, [`__refresh_${suffix}`]: refreshToken }
    case 'refresh-garbage':
      return { ...suffixed, [`__refresh_${suffix}`]: 'not-a-refresh-token' }
    case 'plain-refresh':
      return { ...suffixed, __refresh: refreshToken }
    case 'refresh+devbrowser':
      return { ...suffixed, [`__refresh_${suffix}`]: refreshToken, [`__clerk_db_jwt_${suffix}`]: 'dvb_1' }
    case 'refresh-garbage+devbrowser':
      return { ...suffixed, [`__refresh_${suffix}`]: 'not-a-refresh-token', [`__clerk_db_jwt_${suffix}`]: 'dvb_1' }
  }
}

/** `__client_uat` as the Frontend API sets it with a token: its `iat` (now, for a non-JWT). */
function issuedAt(token: string): string {
  const payload = token.split('.')[1]
  if (payload === undefined) return String(Math.floor(Date.now() / 1000))
  return String((JSON.parse(Buffer.from(payload, 'base64url').toString()) as { iat: number }).iat)
}

function authorizationFor(form: AuthorizationForm, token: string): string | undefined {
  switch (form) {
    case 'none':
      return undefined
    case 'bearer':
      return `Bearer ${token}`
    case 'bare':
      return token
    case 'basic':
      return `Basic ${Buffer.from('user:password').toString('base64')}`
  }
}

/** Clerk's cookie suffix: the first 8 characters of base64url(SHA-1(publishable key)). */
export function cookieSuffix(publishableKey: string): string {
  return createHash('sha1').update(publishableKey).digest('base64url').slice(0, 8)
}

function configurationFor(testCase: ConformanceCase, i: Instances): Configuration {
  const own = isOwnToken(testCase.token)
  const publishableKey = { host: i.publishableKey, url: i.main.publishableKey, development: i.developmentKey }[
    testCase.key
  ]
  // Our own instance has no local backend: its keys come from its JWKS server, its pages from `main`'s.
  const base: Configuration = own
    ? { secretKey: 'sk_live_own_instance', publishableKey, apiUrl: i.ownJwks.url }
    : { secretKey: i.main.secretKey, publishableKey, apiUrl: i.url }
  const jwtKey = own ? {} : { jwtKey: i.main.jwtKey }
  switch (testCase.options) {
    case 'jwtKey':
      return { ...base, ...jwtKey }
    case 'jwks':
      return base
    case 'parties-match':
      return { ...base, ...jwtKey, authorizedParties: [APP_ORIGIN] }
    case 'parties-other':
      return { ...base, ...jwtKey, authorizedParties: ['https://other.example'] }
    case 'audience':
      return { ...base, ...jwtKey, audience: 'api' }
    case 'satellite-domain':
      return { ...base, ...jwtKey, ...SATELLITE }
    case 'satellite-proxy':
      return { ...base, ...jwtKey, ...SATELLITE, domain: undefined, proxyUrl: i.url }
    case 'satellite-auto-sync':
      return { ...base, ...jwtKey, ...SATELLITE, satelliteAutoSync: true }
    case 'satellite-allowed':
      return { ...base, ...jwtKey, allowedRedirectOrigins: ['http://127.0.0.1:3001'] }
    case 'org-sync':
      return {
        ...base,
        ...jwtKey,
        organizationSyncOptions: {
          organizationPatterns: ['/orgs/:slug', '/orgs/:slug/(.*)', '/by-id/:id'],
          personalAccountPatterns: ['/me'],
        },
      }
  }
}

/** A satellite of a primary at localhost:3000 (a development satellite syncs through its sign-in page). */
const SATELLITE = { isSatellite: true, domain: 'satellite.example', signInUrl: 'http://localhost:3000/sign-in' }
/** Where Clerk serves the Frontend API of the production satellite `satellite.example`, which issues its tokens. */
const SATELLITE_FRONTEND_API = 'https://clerk.satellite.example'
