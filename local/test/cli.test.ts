import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { importSPKI, jwtVerify } from 'jose'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type CliProcess, parseStartOutput, runCli, stopIfRunning } from './helpers/cliProcess.js'

const dir = mkdtempSync(join(tmpdir(), 'local-clerk-cli-'))
let running: CliProcess | undefined
// The common umask, inherited by the spawned CLI: new files would be 0644 unless made private on purpose.
let previousUmask = 0
beforeAll(() => {
  previousUmask = process.umask(0o022)
})
afterEach(() => stopIfRunning(running))
afterAll(() => {
  process.umask(previousUmask)
  rmSync(dir, { recursive: true, force: true })
})

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8).padStart(4, '0')

const seedFile = join(dir, 'seed.json')
writeFileSync(
  seedFile,
  JSON.stringify({
    users: [{ email_address: 'ada@example.com', first_name: 'Ada' }],
    organizations: [
      { name: 'Acme', members: [{ user: 'ada@example.com', role: 'org:admin', permissions: ['org:invoices:read'] }] },
    ],
    templates: [{ name: 'hasura', claims: { 'https://hasura.io/jwt/claims': { 'x-hasura-user-id': '{{user.id}}' } } }],
  }),
)

const api = (url: string, secretKey: string, path: string, init: RequestInit = {}) =>
  fetch(`${url}${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${secretKey}`,
      'content-type': 'application/json',
      ...(init.headers as Record<string, string>),
    },
  })

describe('remix-clerk-local CLI', () => {
  it('prints usage with --help and exits 0', async () => {
    const cli = runCli(['--help'])
    expect(await cli.exited).toBe(0)
    expect(cli.stdout()).toMatch(/^Usage: remix-clerk-local <command> \[options\]/)
    expect(cli.stdout()).toContain('--session-lifetime SECONDS')
    expect(cli.stdout()).toContain('--quiet ')
    expect(cli.stdout()).toContain('--write-env PATH ')
    // One name for one option: the old alias still works (below) but is no longer offered.
    expect(cli.stdout()).not.toContain('--env-file')
  })

  it.each([
    [['launch'], 'remix-clerk-local: unknown command "launch".'],
    [['start', '--port', 'abc'], 'remix-clerk-local: --port must be a whole number (got "abc").'],
    [['start', '--token-version', '3'], 'remix-clerk-local: --token-version must be 1 or 2.'],
    [['start', '--verbose'], /^remix-clerk-local: Unknown option '--verbose'/],
    [['seed'], 'remix-clerk-local: seed needs a file: remix-clerk-local seed FILE.json'],
    [
      ['start', '--db', ':memory:', '--allowed-origin', 'localhost:3000'],
      'remix-clerk-local: allowed origin "localhost:3000" is not valid; use an origin such as "http://localhost:3000", or "http://localhost:*" for any port.',
    ],
    [['seed', join(dir, 'missing.json')], /^remix-clerk-local: cannot read seed file .*missing\.json: ENOENT/],
    [
      ['start', '--env-file', seedFile, '--write-env', seedFile],
      'remix-clerk-local: --env-file is the old name of --write-env: give only --write-env.',
    ],
  ])('refuses %j with exit code 2', async (args, message) => {
    const cli = runCli(args)
    expect(await cli.exited).toBe(2)
    const [first, second] = cli.stderr().trim().split('\n')
    if (typeof message === 'string') expect(first).toBe(`${message} [REMIX_CLERK_LOCAL_INVALID_USAGE]`)
    else expect(first).toMatch(message)
    expect(second).toBe('Run remix-clerk-local --help for usage.')
  })

  it('seeds a database file, idempotently, and reports bad items with exit code 1', async () => {
    const db = join(dir, 'seeded.db')
    const first = runCli(['seed', seedFile, '--db', db])
    expect(await first.exited).toBe(0)
    const created = JSON.parse(first.stdout())
    expect(created.users).toEqual([
      { id: expect.stringMatching(/^user_/), email_address: 'ada@example.com', created: true },
    ])
    expect(created.templates).toEqual([{ id: expect.stringMatching(/^jtmp_/), name: 'hasura', created: true }])
    const second = runCli(['seed', seedFile, '--db', db])
    expect(await second.exited).toBe(0)
    expect(JSON.parse(second.stdout()).users[0]).toEqual({ ...created.users[0], created: false })

    const bad = join(dir, 'bad.json')
    writeFileSync(bad, JSON.stringify({ users: [{ email_address: 'ok@example.com' }, { email_address: 'broken' }] }))
    const failed = runCli(['seed', bad, '--db', db])
    expect(await failed.exited).toBe(1)
    expect(failed.stderr().trim()).toBe(
      'remix-clerk-local: users[1]: email_address[0] must be a valid email address. [REMIX_CLERK_LOCAL_INVALID_SEED]',
    )
  })

  it('starts on a free port with --seed, prints the .env lines, serves them, and stops cleanly on SIGTERM', async () => {
    const db = join(dir, 'started.db')
    running = runCli(['start', '--port', '0', '--db', db, '--seed', seedFile, '--session-lifetime', '90'])
    await running.waitFor('CLERK_JWT_KEY=')
    const out = parseStartOutput(running.stdout())
    expect(out.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(out.apiUrl).toBe(out.url)
    expect(out.publishableKey).toBe(`pk_live_${Buffer.from(`${out.url}$`).toString('base64').replace(/=+$/, '')}`)
    expect(out.secretKey).toMatch(/^sk_live_/)
    expect(out.jwtKeyLine).toMatch(/^"-----BEGIN PUBLIC KEY-----\\nMIIB.*\\n-----END PUBLIC KEY-----"$/)
    expect(running.stdout()).toContain(`Database: ${db}`)

    const users = await (await api(out.url, out.secretKey, '/v1/users?email_address=ada@example.com')).json()
    expect(users).toHaveLength(1)
    const session = await (
      await api(out.url, out.secretKey, '/v1/sessions', {
        method: 'POST',
        body: JSON.stringify({ user_id: users[0].id }),
      })
    ).json()
    const { jwt } = await (
      await api(out.url, out.secretKey, `/v1/sessions/${session.id}/tokens`, { method: 'POST' })
    ).json()
    const pem = JSON.parse(out.jwtKeyLine) as string
    const { payload } = await jwtVerify(jwt, await importSPKI(pem, 'RS256'))
    expect(payload.exp! - payload.iat!).toBe(90)
    expect(payload.iss).toBe(out.url)

    running.child.kill('SIGTERM')
    expect(await running.exited).toBe(0)
    expect(running.stdout()).toContain('remix-clerk-local: SIGTERM received, shutting down')
    // The WAL was checkpointed into the main file on the way out.
    expect(!existsSync(`${db}-wal`) || statSync(`${db}-wal`).size === 0).toBe(true)
  })

  it('stops cleanly on SIGINT, and serves v1 tokens from :memory: with --token-version 1', async () => {
    running = runCli(['start', '--port', '0', '--db', ':memory:', '--token-version', '1', '--seed', seedFile])
    await running.waitFor('CLERK_JWT_KEY=')
    const out = parseStartOutput(running.stdout())
    const [user] = await (await api(out.url, out.secretKey, '/v1/users')).json()
    const session = await (
      await api(out.url, out.secretKey, '/v1/sessions', {
        method: 'POST',
        body: JSON.stringify({ user_id: user.id, active_organization_id: 'acme' }),
      })
    ).json()
    const { jwt } = await (
      await api(out.url, out.secretKey, `/v1/sessions/${session.id}/tokens`, { method: 'POST' })
    ).json()
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString())
    expect(payload).toMatchObject({ org_slug: 'acme', org_role: 'org:admin', org_permissions: ['org:invoices:read'] })
    expect(payload).not.toHaveProperty('v')
    running.child.kill('SIGINT')
    expect(await running.exited).toBe(0)
  })

  it('--allowed-origin (repeatable) replaces the origins the handshake may redirect to; prints the page URLs', async () => {
    running = runCli([
      'start',
      '--port',
      '0',
      '--db',
      ':memory:',
      '--allowed-origin',
      'https://app.example.test',
      '--allowed-origin',
      'http://devbox.test:*',
    ])
    await running.waitFor('CLERK_JWT_KEY=')
    const { url } = parseStartOutput(running.stdout())
    // The pages and the script on localhost, the same site as an app on localhost, with the setting for the handshake.
    const browser = url.replace('127.0.0.1', 'localhost')
    expect(running.stdout()).toContain(`Sign-in page: ${browser}/sign-in?redirect_url=<your app URL>`)
    expect(running.stdout()).toContain(`<script src="${browser}/local-clerk.js" defer></script>`)
    expect(running.stdout()).toContain(
      `Hosted pages (Clerk's Account Portal, where <SignInButton/> leads): ${browser}/accounts/sign-in,`,
    )
    expect(running.stdout()).toContain(`\nCLERK_PROXY_URL=${browser}\n`)
    expect(running.stdout()).toMatch(
      new RegExp(`\\nCLERK_JS=${browser}/npm/@clerk/clerk-js@5\\.[\\d.]+/dist/clerk\\.browser\\.js\\n`),
    )
    const status = async (redirectUrl: string) =>
      (
        await fetch(`${url}/v1/client/handshake?redirect_url=${encodeURIComponent(redirectUrl)}`, {
          redirect: 'manual',
        })
      ).status
    expect(await status('https://app.example.test/')).toBe(307)
    expect(await status('http://devbox.test:8080/')).toBe(307)
    expect(await status('http://localhost:3000/')).toBe(403)
  })

  it('--quiet prints only the URL: no secret key in the output (CI logs)', async () => {
    running = runCli(['start', '--port', '0', '--db', ':memory:', '--quiet'])
    await running.waitFor('\n')
    const url = running.stdout().trim()
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect((await fetch(`${url}/.well-known/jwks.json`)).status).toBe(200)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(running.stdout()).toBe(`${url}\n`)
    expect(running.stderr()).toBe('')
  })

  it('--write-env writes the .env lines to a 0600 file (narrowing an existing one) and names, not prints, the secret', async () => {
    const envFile = join(dir, 'local-clerk.env')
    writeFileSync(envFile, 'OLD=1\n')
    chmodSync(envFile, 0o644)
    running = runCli(['start', '--port', '0', '--db', ':memory:', '--write-env', envFile])
    await running.waitFor(`to ${envFile}`)
    const { url } = parseStartOutput(running.stdout())
    expect(modeOf(envFile)).toBe('0600')
    const lines = readFileSync(envFile, 'utf8')
    expect(lines).toMatch(
      /^CLERK_SECRET_KEY=sk_live_\w+\nCLERK_PUBLISHABLE_KEY=pk_live_\w+\nCLERK_API_URL=http:\/\/127\.0\.0\.1:\d+\nCLERK_PROXY_URL=http:\/\/localhost:\d+\nCLERK_JS=\S+\nCLERK_JWT_KEY="-----BEGIN PUBLIC KEY-----\\n.*\\n-----END PUBLIC KEY-----"\nCLERK_WEBHOOK_SIGNING_SECRET=whsec_\S{32}\n$/,
    )
    const secretKey = /^CLERK_SECRET_KEY=(.*)$/m.exec(lines)![1]!
    expect(running.stdout()).toContain(
      `Wrote CLERK_SECRET_KEY, CLERK_PUBLISHABLE_KEY, CLERK_API_URL, CLERK_PROXY_URL, CLERK_JS, CLERK_JWT_KEY and CLERK_WEBHOOK_SIGNING_SECRET to ${envFile} (mode 0600).`,
    )
    expect(running.stdout()).not.toContain(secretKey)
    expect(running.stdout()).not.toContain('CLERK_SECRET_KEY=')
    expect((await api(url, secretKey, '/v1/users')).status).toBe(200)
  })

  it('--env-file PATH, the deprecated name of --write-env, still writes the 0600 file and says to use --write-env', async () => {
    // On Node 20 the file must exist, since node itself reads --env-file wherever it appears.
    const envFile = join(dir, 'named.env')
    writeFileSync(envFile, '')
    chmodSync(envFile, 0o644)
    running = runCli(['start', '--port', '0', '--db', ':memory:', '--quiet', '--env-file', envFile])
    await running.waitFor('\n')
    expect(modeOf(envFile)).toBe('0600')
    expect(readFileSync(envFile, 'utf8')).toContain(`CLERK_API_URL=${running.stdout().trim()}\n`)
    expect(running.stderr()).toContain(
      'remix-clerk-local: --env-file is deprecated: use --write-env PATH, the same option',
    )
  })

  it('--quiet with --write-env: a new private file, and only the URL on stdout', async () => {
    const envFile = join(dir, 'quiet.env')
    running = runCli(['start', '--port', '0', '--db', ':memory:', '--quiet', '--write-env', envFile])
    await running.waitFor('\n')
    expect(running.stdout()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\n$/)
    expect(modeOf(envFile)).toBe('0600')
    expect(readFileSync(envFile, 'utf8')).toContain(`CLERK_API_URL=${running.stdout().trim()}\n`)
  })

  it('narrows the modes of an existing database on start, with a warning on stderr naming the file', async () => {
    const db = join(dir, 'widened.db')
    const seeded = runCli(['seed', seedFile, '--db', db])
    expect(await seeded.exited).toBe(0)
    expect(modeOf(db)).toBe('0600')
    chmodSync(db, 0o644)
    running = runCli(['start', '--port', '0', '--db', db, '--quiet'])
    await running.waitFor('\n')
    expect(modeOf(db)).toBe('0600')
    expect(running.stderr()).toBe(
      `remix-clerk-local: ${db} (was 0644) could be read by other users; changed to mode 0600, because the database ` +
        'holds the secret key and the signing key of the instance.\n',
    )
  })

  it('sends the Set-Cookie headers that answers append after they are built (every ClerkJS answer), as the library does', async () => {
    running = runCli(['start', '--port', '0', '--db', ':memory:', '--quiet'])
    await running.waitFor('http://')
    const url = running.stdout().trim()
    const fapi = (path: string, init: RequestInit = {}) =>
      fetch(`${url}${path}?_clerk_js_version=5.128.0`, {
        ...init,
        headers: { origin: 'http://localhost:3000', ...(init.headers as Record<string, string>) },
      })
    const client = await fapi('/v1/client')
    expect(client.status).toBe(200)
    expect(client.headers.getSetCookie().map((line) => line.split('=')[0])).toEqual([
      // The suffix is base64url: it may hold "-" as well as word characters.
      expect.stringMatching(/^__client_uat_[\w-]+$/),
      '__client_uat',
    ])
    // An error answer keeps the cookies of the call too: here the new browser client's.
    const unknown = await fapi('/v1/client/sign_ins', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'identifier=nobody%40example.com',
    })
    expect(unknown.status).toBe(422)
    expect(unknown.headers.getSetCookie().map((line) => line.split('=')[0])).toEqual(['__client'])
  })

  it('refuses a port in use with exit code 1', async () => {
    running = runCli(['start', '--port', '0', '--db', ':memory:'])
    await running.waitFor('listening on')
    const port = new URL(parseStartOutput(running.stdout()).url).port
    const second = runCli(['start', '--port', port, '--db', ':memory:'])
    expect(await second.exited).toBe(1)
    expect(second.stderr().trim()).toBe(
      `remix-clerk-local: port ${port} on 127.0.0.1 is already in use; pick another port or pass 0 for a free one. [REMIX_CLERK_LOCAL_PORT_IN_USE]`,
    )
  })
})
