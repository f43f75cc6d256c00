// DNS rebinding: a page on rebind.evil.example whose name is made to resolve to 127.0.0.1 talks to the local backend
// as its own origin (Host: rebind.evil.example:<port>, Origin to match). The backend answers only the host names it
// is configured for, and everything else with 421 before any route runs: no page, no cookie, no user, no write.
import { request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLocalClerk } from '../../../src/index.js'
import { BACKEND_MODE } from '../../helpers/backend.js'
import { type Harness, countRows, startHarness } from '../../helpers/harness.js'

interface RawAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** One HTTP/1.1 request with a Host header of our choosing (fetch always sends the URL's own). */
function raw(
  port: number,
  host: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: init.method ?? 'GET',
        headers: { ...init.headers, host },
        setHost: false,
      },
      (response) => {
        let body = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (body += chunk))
        response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body }))
      },
    )
    request.on('error', reject)
    request.end(init.body)
  })
}

let h: Harness
let port = 0
const APP = 'http://localhost:3000/'

beforeAll(async () => {
  h = await startHarness()
  port = Number(new URL(h.clerk.url).port)
  h.clerk.seed({ users: [{ email_address: ['ada@example.com'], first_name: 'Ada' }] })
})
afterAll(() => h.close())

const secret = () => ({ authorization: `Bearer ${h.clerk.secretKey}` })

/** Every kind of route: a page, a form, the Backend API with the secret key, the handshake, the script, the JWKS. */
const routes = (host: string) => [
  { name: 'GET /sign-in', path: `/sign-in?redirect_url=${encodeURIComponent(APP)}`, api: false },
  {
    name: 'POST /sign-in',
    path: '/sign-in',
    api: false,
    init: {
      method: 'POST',
      headers: { origin: `http://${host}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ redirect_url: APP, email: 'rebound@example.com' }).toString(),
    },
  },
  { name: 'GET /sign-out', path: `/sign-out?redirect_url=${encodeURIComponent(APP)}`, api: false },
  { name: 'GET /v1/users', path: '/v1/users', api: true, init: { headers: secret() } },
  {
    name: 'GET /v1/client/handshake',
    path: `/v1/client/handshake?redirect_url=${encodeURIComponent(APP)}&format=token`,
    api: true,
  },
  { name: 'GET /local-clerk.js', path: '/local-clerk.js', api: false },
  { name: 'GET /.well-known/jwks.json', path: '/.well-known/jwks.json', api: false },
]

describe('a Host the server is not configured for', () => {
  const hostile = () => [
    `rebind.evil.example:${port}`,
    'rebind.evil.example',
    `localhost.evil.example:${port}`,
    `127.0.0.1.evil.example:${port}`,
    `localhost:${port + 1}`,
    `127.0.0.2:${port}`,
    `localhost.:${port}`,
    `[::2]:${port}`,
  ]

  it('gets 421 on every route, with no cookie and nothing about the users', async () => {
    const users = countRows(h.clerk, 'users')
    const clients = countRows(h.clerk, 'clients')
    for (const host of hostile()) {
      for (const route of routes(host)) {
        const answer = await raw(port, host, route.path, route.init)
        const what = `${route.name} with Host ${host}`
        expect({ what, status: answer.status }).toEqual({ what, status: 421 })
        expect({ what, setCookie: answer.headers['set-cookie'] }).toEqual({ what, setCookie: undefined })
        expect(answer.body).not.toContain('ada@example.com')
        expect(answer.headers['cache-control']).toBe('no-store')
        if (route.api) {
          expect(answer.headers['content-type']).toBe('application/json')
          const body = JSON.parse(answer.body) as { errors: Array<{ code: string; long_message: string }> }
          expect(body.errors[0]!.code).toBe('host_not_allowed')
          expect(body.errors[0]!.long_message).toContain(`http://127.0.0.1:${port}`)
        } else {
          expect(answer.headers['content-type']).toBe('text/html; charset=utf-8')
          expect(answer.body).toContain('<h1>Wrong host</h1>')
        }
      }
    }
    expect(countRows(h.clerk, 'users')).toBe(users)
    expect(countRows(h.clerk, 'clients')).toBe(clients)
  })

  it('names the host in the answer, cut short', async () => {
    const host = `${'a'.repeat(300)}.example:${port}`
    const page = await raw(port, host, '/sign-in')
    expect(page.status).toBe(421)
    expect(page.body).toContain(`${'a'.repeat(200)}…`)
    expect(page.body).not.toContain('a'.repeat(201))
    const api = await raw(port, host, '/v1/jwks', { headers: secret() })
    expect(api.status).toBe(421)
    expect(api.body).toContain(`${'a'.repeat(200)}…`)
    expect(api.body).not.toContain('a'.repeat(201))
  })

  it('is not served without a Host header at all (HTTP/1.0): the HTTP adapter refuses it before any route', async () => {
    const { connect } = await import('node:net')
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.end('GET /v1/jwks HTTP/1.0\r\n\r\n'))
      let text = ''
      socket.on('data', (chunk) => (text += chunk.toString()))
      socket.on('end', () => resolve(text))
      socket.on('error', reject)
    })
    expect(answer).toMatch(/^HTTP\/1\.1 400 /)
  })
})

describe('the host names it is configured for', () => {
  it('answers localhost, 127.0.0.1 and [::1] on its port', async () => {
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
      const page = await raw(port, host, `/sign-in?redirect_url=${encodeURIComponent(APP)}`)
      expect({ host, status: page.status }).toEqual({ host, status: 200 })
      expect(page.body).toContain('ada@example.com')
      const api = await raw(port, host, '/v1/users', { headers: secret() })
      expect({ host, status: api.status }).toEqual({ host, status: 200 })
    }
  })

  // The library's own options and servers: the url option has no CLI flag, and the CLI serves itself.
  it.runIf(BACKEND_MODE === 'library')(
    'answers the host of the url option (default port or explicit) and the hosts of the allowed origins on its port',
    async () => {
      const clerk = await createLocalClerk({
        db: ':memory:',
        url: 'https://clerk.dev.test',
        allowedOrigins: ['http://devbox.test:*', 'https://app.example.test'],
      })
      try {
        const { port: own } = await clerk.listen(0)
        const status = async (host: string) =>
          (await raw(own, host, '/v1/jwks', { headers: { authorization: `Bearer ${clerk.secretKey}` } })).status
        expect(await status('clerk.dev.test')).toBe(200)
        expect(await status('clerk.dev.test:443')).toBe(200)
        expect(await status(`devbox.test:${own}`)).toBe(200)
        expect(await status(`app.example.test:${own}`)).toBe(200)
        expect(await status(`localhost:${own}`)).toBe(200)
        expect(await status('clerk.dev.test:8443')).toBe(421)
        expect(await status(`devbox.test.evil.example:${own}`)).toBe(421)
        expect(await status(`evil.test:${own}`)).toBe(421)
      } finally {
        await clerk.close()
      }
    },
  )

  it.runIf(BACKEND_MODE === 'library')(
    'checks requests that come over HTTP through a server of your own (its port), not in-process calls',
    async () => {
      const server = createAdaptorServer({ fetch: h.clerk.fetch })
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      try {
        const own = (server.address() as AddressInfo).port
        expect((await raw(own, `localhost:${own}`, '/v1/jwks', { headers: secret() })).status).toBe(200)
        expect((await raw(own, `rebind.evil.example:${own}`, '/v1/jwks', { headers: secret() })).status).toBe(421)
        expect((await raw(own, `localhost:${port}`, '/v1/jwks', { headers: secret() })).status).toBe(421)
      } finally {
        await new Promise((resolve) => server.close(resolve))
      }
      // In-process, no socket: no browser can reach this, so any URL works (tests use made-up hosts).
      const inProcess = await h.clerk.fetch(new Request('http://in-process.test/v1/jwks', { headers: secret() }))
      expect(inProcess.status).toBe(200)
    },
  )
})
