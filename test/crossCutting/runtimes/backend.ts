// The local backend every runtime suite runs its scenarios against: one in-process remix-clerk-local listening on
// 127.0.0.1 (Frontend API, which the publishable key names), behind a counting proxy for the Backend API (the
// app's CLERK_API_URL), so a test can tell whether a page cost a Backend API call.
import { createLocalClerk, type LocalClerk } from 'remix-clerk-local'
import { signIn, type SignedIn } from 'remix-clerk-local/testing'
import { startRecordingServer } from '../../helpers/recordingServer.js'
import { startCountingProxy, type CountingProxy } from '../../remix/countingProxy.js'
import { TEMPLATE } from './app/routes.js'

export interface ScenarioBackend {
  readonly clerk: LocalClerk
  /** The Backend API as the app sees it: the counting proxy. */
  readonly apiUrl: string
  readonly proxy: CountingProxy
  /** What the app is given: the three keys and the Backend API URL. */
  readonly keys: {
    secretKey: string
    publishableKey: string
    apiUrl: string
    jwtKey: string
    webhookSigningSecret: string
  }
  /** A new session of the seeded user, carried in cookies (as a browser does) or an `Authorization` header. */
  signIn(url: string, via: 'cookies' | 'authorization'): Promise<SignedIn>
  /** A session whose cookie token expired ten minutes ago. */
  signInExpired(url: string): Promise<SignedIn>
  /** A token of each machine kind: an API key of the seeded user, M2M and OAuth access tokens, opaque and JWT. */
  machineTokens(): Promise<MachineTokens>
  /** A webhook as the backend delivers it (`user.created` of a new user): its svix-* and content-type headers, its body. */
  webhookDelivery(): Promise<{ headers: Record<string, string>; body: string }>
  close(): Promise<void>
}

const EMAIL = 'runtimes@example.com'

interface MachineTokens {
  userId: string
  machineId: string
  apiKey: string
  m2m: string
  m2mJwt: string
  oauth: string
  oauthJwt: string
}

/** Calls the local Backend API as an app's scripts would, with a secret key (or a machine's). */
async function backendApi(
  clerk: LocalClerk,
  path: string,
  body: unknown,
  key = clerk.secretKey,
): Promise<Record<string, string>> {
  const response = await clerk.fetch(
    new Request(`${clerk.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  )
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`)
  return (await response.json()) as Record<string, string>
}

export async function startScenarioBackend(): Promise<ScenarioBackend> {
  let offsetMs = 0
  const clerk = await createLocalClerk({ db: ':memory:', now: () => Date.now() + offsetMs })
  let proxy: CountingProxy | undefined
  try {
    await clerk.listen(0)
    clerk.seed({
      users: [{ email_address: EMAIL, first_name: 'Rune' }],
      templates: [{ name: TEMPLATE, claims: { email: '{{user.primary_email_address}}', runtimes: true } }],
    })
    proxy = await startCountingProxy(clerk.fetch)
  } catch (error) {
    await clerk.close()
    throw error
  }
  const counting = proxy
  let deliveries = 0
  return {
    clerk,
    apiUrl: counting.url,
    proxy: counting,
    keys: {
      secretKey: clerk.secretKey,
      publishableKey: clerk.publishableKey,
      apiUrl: counting.url,
      jwtKey: clerk.jwtKey,
      webhookSigningSecret: clerk.webhooks.signingSecret,
    },
    signIn: (url, via) => signIn(clerk, { user: EMAIL, via }, url),
    async signInExpired(url) {
      offsetMs = -10 * 60_000
      try {
        return await signIn(clerk, { user: EMAIL, expiresInSeconds: 60 }, url)
      } finally {
        offsetMs = 0
      }
    },
    async machineTokens() {
      const userId = clerk.seed({ users: [{ email_address: EMAIL }] }).users[0]!.id
      const apiKey = (await backendApi(clerk, '/api_keys', { name: 'runtimes', subject: userId })).secret!
      const machine = await backendApi(clerk, '/v1/machines', { name: 'runtimes' })
      const m2m = (await backendApi(clerk, '/m2m_tokens', {}, machine.secret_key)).token!
      const m2mJwt = (await backendApi(clerk, '/m2m_tokens', { token_format: 'jwt' }, machine.secret_key)).token!
      const oauth = (await clerk.createOAuthAccessToken({ userId })).token
      const oauthJwt = (await clerk.createOAuthAccessToken({ userId, format: 'jwt' })).token
      return { userId, machineId: machine.id!, apiKey, m2m, m2mJwt, oauth, oauthJwt }
    },
    async webhookDelivery() {
      const receiver = await startRecordingServer()
      receiver.on('POST', '/hook', { status: 200 })
      clerk.webhooks.addEndpoint(`${receiver.url}/hook`)
      try {
        clerk.seed({ users: [{ email_address: `webhook-${++deliveries}@example.com` }] })
        await clerk.webhooks.settled()
        const { headers, body } = receiver.last()
        const kept = ['content-type', 'svix-id', 'svix-timestamp', 'svix-signature'].map((name) => [
          name,
          headers[name]!,
        ])
        return { headers: Object.fromEntries(kept), body }
      } finally {
        clerk.webhooks.removeEndpoint(`${receiver.url}/hook`)
        await receiver.close()
      }
    },
    async close() {
      await counting.close()
      await clerk.close()
    },
  }
}
