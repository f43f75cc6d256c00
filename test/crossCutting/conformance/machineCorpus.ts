// The machine-token corpus: every kind of token (API keys, M2M and OAuth access tokens, opaque and JWT, valid,
// revoked, unknown, tampered; sessions in the header, in cookies and pending; none; junk) × every `acceptsToken` form ×
// the options that change the verdict (the machine secret key, an audience, keeping pending sessions), minted by a
// real local backend, and each case's outcome through @clerk/backend 3's authenticateRequest and our engine, and
// through @clerk/react-router 3's middleware and ours.
import { createRequire } from 'node:module'
import { createClerkClient as createBackend3Client } from '@clerk/backend'
import { createLocalClerk, type LocalClerk } from 'remix-clerk-local'
import { createOAuthAccessToken } from 'remix-clerk-local/testing'
import { createClerkClient } from '../../../src/api.server.js'
import { authenticateRequest } from '../../../src/auth/authenticate.js'
import { clerkInstanceFor } from '../../../src/auth/clerkInstance.js'
import type { AcceptsToken } from '../../../src/auth/machine/acceptedToken.js'
import type { AnyAuthObject } from '../../../src/auth/machine/machineAuthObjects.js'
import type * as Oracle from '../runtimes/app/reactRouterOracle.js'

type OracleOptions = Oracle.OracleOptions

const TOKENS = [
  'api-key',
  'api-key-org',
  'api-key-revoked',
  'api-key-unknown',
  'm2m',
  'm2m-unscoped',
  'm2m-revoked',
  'm2m-unknown',
  'm2m-jwt',
  'm2m-jwt-tampered',
  'oauth',
  'oauth-revoked',
  'oauth-unknown',
  'oauth-jwt',
  'session',
  'session-cookie',
  'session-pending',
  'none',
  'junk',
] as const
type TokenName = (typeof TOKENS)[number]

const ACCEPTS: readonly AcceptsToken[] = [
  'session_token',
  'api_key',
  'm2m_token',
  'oauth_token',
  'any',
  ['api_key', 'session_token'],
  ['m2m_token', 'oauth_token'],
]

/** `machine-key`: the app is the receiving machine (CLERK_MACHINE_SECRET_KEY); `audience`: an OAuth resource server. */
type OptionForm = 'secret-key' | 'machine-key' | 'audience' | 'keep-pending'

export interface MachineCase {
  id: string
  token: TokenName
  accepts: AcceptsToken
  options: OptionForm
}

export function generateMachineCorpus(): MachineCase[] {
  const cases: MachineCase[] = []
  const add = (token: TokenName, options: OptionForm) => {
    for (const accepts of ACCEPTS)
      cases.push({
        id: `${token} · ${JSON.stringify(accepts).replace(/"/g, '')} · ${options}`,
        token,
        accepts,
        options,
      })
  }
  for (const token of TOKENS) add(token, 'secret-key')
  for (const token of TOKENS.filter((name) => name.startsWith('m2m'))) add(token, 'machine-key')
  for (const token of TOKENS.filter((name) => name.startsWith('oauth'))) add(token, 'audience')
  for (const token of ['session', 'session-cookie', 'session-pending'] as const) add(token, 'keep-pending')
  return cases
}

/** What a case compares: the state (engines), the response (middlewares), and the auth object as data. */
export interface MachineOutcome {
  status: string | null
  reason: string | null
  message: string | null
  auth: Record<string, unknown>
}

export interface MachineBackend {
  local: LocalClerk
  tokens: Record<TokenName, { bearer?: string; cookie?: string }>
  config(options: OptionForm): OracleOptions
  close(): Promise<void>
}

const APP_URL = 'http://127.0.0.1:3000/check'
const AUDIENCE = 'https://api.example'

export async function startMachineBackend(): Promise<MachineBackend> {
  // Tokens are minted once: sessions live ten minutes here, longer than the suite.
  const local = await createLocalClerk({ db: ':memory:', sessionLifetime: 600 })
  try {
    const { url } = await local.listen()
    const admin = createClerkClient({ secretKey: local.secretKey, apiUrl: url })
    const seeded = local.seed({
      users: [{ email_address: 'ada@example.com' }],
      organizations: [{ name: 'Acme', slug: 'acme', members: [{ user: 'ada@example.com', role: 'org:admin' }] }],
    })
    const userId = seeded.users[0]!.id
    const orgId = seeded.organizations[0]!.id
    const key = (subject: string) =>
      admin.apiKeys.create({ name: 'Key', subject, scopes: ['read'], claims: { team: 'core' } })
    const revokedKey = await key(userId)
    await admin.apiKeys.revoke({ apiKeyId: revokedKey.id })
    const receiver = await admin.machines.create({ name: 'Receiver' })
    const sender = await admin.machines.create({ name: 'Sender', scopedMachines: [receiver.id] })
    const stranger = await admin.machines.create({ name: 'Stranger' })
    const mint = (machine: { secretKey?: string | undefined }, tokenFormat: 'opaque' | 'jwt' = 'opaque') =>
      createClerkClient({
        secretKey: local.secretKey,
        apiUrl: url,
        machineSecretKey: machine.secretKey,
      }).m2m.createToken({ tokenFormat, claims: { job: 'sync' } })
    const revokedM2M = await mint(sender)
    await admin.m2m.revokeToken({ m2mTokenId: revokedM2M.id })
    const jwt = (await mint(sender, 'jwt')).token!
    const oauth = (format?: 'jwt') =>
      createOAuthAccessToken(local, {
        user: userId,
        scopes: ['email'],
        audience: AUDIENCE,
        ...(format ? { format } : {}),
      })
    const revokedOAuth = await oauth()
    local.revokeOAuthAccessToken(revokedOAuth.token)
    const session = await local.getToken(local.createSession({ userId, organizationId: orgId }).id)
    const pending = await local.getToken(local.createSession({ userId, organizationId: orgId, pending: true }).id)
    const bearer = (token: string) => ({ bearer: token })
    const tokens: MachineBackend['tokens'] = {
      'api-key': bearer((await key(userId)).secret!),
      'api-key-org': bearer((await key(orgId)).secret!),
      'api-key-revoked': bearer(revokedKey.secret!),
      'api-key-unknown': bearer('ak_unknownUnknownUnknownUnknown00'),
      m2m: bearer((await mint(sender)).token!),
      'm2m-unscoped': bearer((await mint(stranger)).token!),
      'm2m-revoked': bearer(revokedM2M.token!),
      'm2m-unknown': bearer('mt_unknownUnknownUnknownUnknown00'),
      'm2m-jwt': bearer(jwt),
      'm2m-jwt-tampered': bearer(`${jwt.slice(0, -4)}${jwt.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`),
      oauth: bearer((await oauth()).token),
      'oauth-revoked': bearer(revokedOAuth.token),
      'oauth-unknown': bearer('oat_unknownUnknownUnknownUnknown0'),
      'oauth-jwt': bearer((await oauth('jwt')).token),
      session: bearer(session),
      'session-cookie': { cookie: session },
      'session-pending': { cookie: pending },
      none: {},
      junk: bearer('not-a-token'),
    }
    return {
      local,
      tokens,
      config: (options) => ({
        secretKey: local.secretKey,
        // In the form Clerk issues (a bare host), as the main corpus uses it (see instances.ts).
        publishableKey: `pk_live_${Buffer.from(`${new URL(url).host}$`).toString('base64')}`,
        apiUrl: url,
        ...(options === 'machine-key' ? { machineSecretKey: receiver.secretKey! } : {}),
        ...(options === 'audience' ? { audience: AUDIENCE } : {}),
      }),
      close: () => local.close(),
    }
  } catch (error) {
    await local.close()
    throw error
  }
}

/** The request of a case: its token as `Authorization: Bearer`, or as a browser's cookies. */
function caseRequest(backend: MachineBackend, testCase: MachineCase, search = ''): Request {
  const { bearer, cookie } = backend.tokens[testCase.token]
  const headers: Record<string, string> = { accept: 'application/json' }
  if (bearer) headers.authorization = `Bearer ${bearer}`
  if (cookie) headers.cookie = `__session=${cookie}; __client_uat=${claimsOf(cookie).iat as number}`
  return new Request(`${APP_URL}${search}`, { headers })
}

const claimsOf = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>

/** The auth object's data: functions called, and `debug()`'s reason and message. */
async function authData(auth: AnyAuthObject | Record<string, unknown>): Promise<Record<string, unknown>> {
  const data: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(auth)) if (typeof value !== 'function') data[name] = value
  const debug = (auth.debug as () => Record<string, unknown>)()
  return {
    ...data,
    token: await (auth.getToken as () => Promise<string | null>)(),
    debugReason: debug.reason ?? null,
    debugMessage: debug.message ?? null,
  }
}

const pendingOption = (testCase: MachineCase) =>
  testCase.options === 'keep-pending' ? { treatPendingAsSignedOut: false } : {}

export async function viaBackend3(backend: MachineBackend, testCase: MachineCase): Promise<MachineOutcome> {
  const { secretKey, publishableKey, apiUrl, machineSecretKey, audience } = backend.config(testCase.options)
  const client = createBackend3Client({
    secretKey,
    publishableKey,
    apiUrl,
    machineSecretKey,
    telemetry: { disabled: true },
  })
  const state = await client.authenticateRequest(caseRequest(backend, testCase), {
    acceptsToken: testCase.accepts as never,
    audience,
  })
  const toAuth = state.toAuth as (options: { treatPendingAsSignedOut?: boolean }) => Record<string, unknown>
  return {
    status: state.status,
    reason: state.reason,
    message: state.message,
    auth: await authData(toAuth(pendingOption(testCase))),
  }
}

export async function viaOurEngine(backend: MachineBackend, testCase: MachineCase): Promise<MachineOutcome> {
  const instance = await clerkInstanceFor(backend.config(testCase.options))
  const state = await authenticateRequest(caseRequest(backend, testCase), instance, testCase.accepts)
  const auth = state.toAuth(pendingOption(testCase))
  return { status: state.status, reason: state.reason, message: state.message, auth: await authData(auth!) }
}

type Handler = (request: Request) => Promise<Response>
// React Router 7 lives in the runtime app's workspace; its oracle module is loaded from there.
const oracle = createRequire(import.meta.url).resolve('../runtimes/app/reactRouterOracle.ts')

/** The handlers of each configuration, built once. */
export async function middlewareHandlers(): Promise<(which: 'official' | 'ours', config: OracleOptions) => Handler> {
  const { officialHandler, oursHandler } = (await import(oracle)) as typeof Oracle
  const built = new Map<string, Handler>()
  return (which, config) => {
    const key = `${which}\n${JSON.stringify(config)}`
    let handler = built.get(key)
    if (!handler) built.set(key, (handler = which === 'official' ? officialHandler(config) : oursHandler(config)))
    return handler
  }
}

export async function viaMiddleware(
  handler: Handler,
  backend: MachineBackend,
  testCase: MachineCase,
): Promise<MachineOutcome> {
  const search = `?accepts=${encodeURIComponent(JSON.stringify(testCase.accepts))}${testCase.options === 'keep-pending' ? '&pending=keep' : ''}`
  const response = await handler(caseRequest(backend, testCase, search))
  return {
    status: response.headers.get('x-clerk-auth-status'),
    reason: response.headers.get('x-clerk-auth-reason'),
    message: response.headers.get('x-clerk-auth-message'),
    auth: response.ok
      ? ((await response.json()) as Record<string, unknown>)
      : { httpStatus: response.status, body: await response.text() },
  }
}
