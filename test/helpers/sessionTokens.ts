// Test fixtures: real RSA keys from jose, session tokens in the exact shape the local backend mints
// (local-backend-api.md §4), and a real loopback JWKS server that counts its requests.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { SignJWT, exportJWK, exportSPKI, generateKeyPair, type CryptoKey, type JWK } from 'jose'
import type { JwksFetcher } from '../../src/jwt/keys.js'

const SESSION_CATEGORY = 'cl_B7d4PD111AAA'
export const FAPI_HOST = 'clerk.example.com'
const ISSUER = `https://${FAPI_HOST}`
export const ORIGIN = 'https://app.example.com'

export interface TestKey {
  kid: string
  alg: string
  privateKey: CryptoKey
  publicKey: CryptoKey
  publicJwk: JWK
  pem: string
}

export async function createTestKey(kid: string, alg = 'RS256', modulusLength = 2048): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { modulusLength, extractable: true })
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' }
  return { kid, alg, privateKey, publicKey, publicJwk, pem: await exportSPKI(publicKey) }
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000)
}

/** Claims of a v2 session token as Clerk mints them: 60 s lifetime, nbf 10 s before iat. */
export function sessionClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const iat = nowSeconds()
  return {
    azp: ORIGIN,
    exp: iat + 60,
    fva: [0, -1],
    iat,
    iss: ISSUER,
    nbf: iat - 10,
    sid: 'sess_2abc',
    sts: 'active',
    sub: 'user_2xyz',
    v: 2,
    ...overrides,
  }
}

/**
 * Signs any payload with any header (undefined values drop a member), so that tests can build both
 * correct and hostile tokens.
 */
export async function signToken(
  key: { privateKey: CryptoKey | Uint8Array; kid?: string; alg: string },
  claims: Record<string, unknown> = sessionClaims(),
  header: Record<string, unknown> = {},
): Promise<string> {
  const protectedHeader = Object.fromEntries(
    Object.entries({ alg: key.alg, kid: key.kid, typ: 'JWT', cat: SESSION_CATEGORY, ...header }).filter(
      ([, value]) => value !== undefined,
    ),
  ) as { alg: string }
  return new SignJWT(claims).setProtectedHeader(protectedHeader).sign(key.privateKey)
}

export function base64urlJson(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url')
}

/** Replaces the header or payload segment without re-signing. */
export function withSegment(token: string, index: 0 | 1 | 2, segment: string): string {
  const parts = token.split('.')
  parts[index] = segment
  return parts.join('.')
}

export interface JwksServer {
  url: string
  /** Requests received so far. */
  readonly requests: number
  /** What the server answers from now on. */
  respond(status: number, body: unknown): void
  serveKeys(keys: JWK[]): void
  /** A fetcher as the client will be: a real fetch, errors shaped like ClerkAPIResponseError. */
  fetcher(secretKey: string): JwksFetcher
  close(): Promise<void>
}

export async function startJwksServer(keys: JWK[] = []): Promise<JwksServer> {
  let requests = 0
  let status = 200
  let body: unknown = { keys }
  const server: Server = createServer((request, response) => {
    requests += 1
    if (request.url !== '/v1/jwks') {
      response.writeHead(404).end()
      return
    }
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const url = `http://127.0.0.1:${port}`
  return {
    url,
    get requests() {
      return requests
    },
    respond(nextStatus, nextBody) {
      status = nextStatus
      body = nextBody
    },
    serveKeys(nextKeys) {
      status = 200
      body = { keys: nextKeys }
    },
    fetcher: (secretKey) => async () => {
      const response = await fetch(`${url}/v1/jwks`, { headers: { authorization: `Bearer ${secretKey}` } })
      const json = (await response.json()) as { keys?: JWK[]; errors?: Array<{ code: string; message: string }> }
      if (!response.ok) {
        throw Object.assign(new Error(`Request failed with status ${response.status}`), {
          status: response.status,
          errors: json.errors ?? [],
        })
      }
      return json
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
