// Webhooks from the command: `start --webhook-url URL` (repeatable) sends Clerk's events to each URL, signed with the
// CLERK_WEBHOOK_SIGNING_SECRET it prints with the other .env lines, and logs each attempt: every one on stdout, or
// only the failures (on stderr) with --quiet, which prints no secret.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { verifyWebhook } from '@clerk/backend/webhooks'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { type RecordingServer, startRecordingServer } from '../../test/helpers/recordingServer.js'
import { type CliProcess, parseStartOutput, runCli, stopIfRunning } from './helpers/cliProcess.js'

let running: CliProcess | undefined
const receivers: RecordingServer[] = []
const dir = mkdtempSync(join(tmpdir(), 'local-clerk-webhooks-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
afterEach(async () => {
  stopIfRunning(running)
  await Promise.all(receivers.splice(0).map((r) => r.close()))
})

async function receiver(status: number) {
  const server = await startRecordingServer()
  receivers.push(server)
  server.on('POST', '/hook', { status })
  return server
}

const createUser = (url: string, secretKey: string, email: string) =>
  fetch(`${url}/v1/users`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ email_address: [email] }),
  })

/** Resolves once `check` holds, polling the output the child has written so far. */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !check(); waited += 20) {
    if (waited > 15_000)
      throw new Error(`timed out waiting for ${what}; stdout: ${running?.stdout()}; stderr: ${running?.stderr()}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('remix-clerk-local start --webhook-url', () => {
  it('sends to every URL, signed with the printed CLERK_WEBHOOK_SIGNING_SECRET, one stdout line per delivery', async () => {
    const [one, two] = [await receiver(200), await receiver(204)]
    running = runCli([
      'start',
      '--port',
      '0',
      '--db',
      ':memory:',
      '--webhook-url',
      `${one.url}/hook`,
      '--webhook-url',
      `${two.url}/hook`,
    ])
    await running.waitFor('CLERK_WEBHOOK_SIGNING_SECRET=')
    const { url, secretKey } = parseStartOutput(running.stdout())
    const signingSecret = /^CLERK_WEBHOOK_SIGNING_SECRET=(whsec_\S+)$/m.exec(running.stdout())![1]!
    expect(running.stdout()).toContain(
      `Webhooks: Clerk's events go to ${one.url}/hook, ${two.url}/hook, signed with CLERK_WEBHOOK_SIGNING_SECRET.`,
    )

    expect((await createUser(url, secretKey, 'ada@example.com')).status).toBe(200)
    await until(
      () =>
        one.requests.length === 1 &&
        two.requests.length === 1 &&
        (running!.stdout().match(/webhook user\.created/g) ?? []).length === 2,
      'both deliveries',
    )
    for (const delivery of [one.last(), two.last()]) {
      const request = new Request('http://127.0.0.1/hook', {
        method: 'POST',
        headers: delivery.headers,
        body: delivery.body,
      })
      await expect(verifyWebhook(request, { signingSecret })).resolves.toMatchObject({
        type: 'user.created',
        data: { email_addresses: [{ email_address: 'ada@example.com' }] },
      })
    }
    const id = one.last().headers['svix-id']!
    expect(two.last().headers['svix-id']).toBe(id)
    expect(running.stdout()).toMatch(
      new RegExp(`^remix-clerk-local: webhook user\\.created ${id} → ${one.url}/hook: 200 in \\d+ ms$`, 'm'),
    )
    expect(running.stdout()).toMatch(
      new RegExp(`^remix-clerk-local: webhook user\\.created ${id} → ${two.url}/hook: 204 in \\d+ ms$`, 'm'),
    )
    expect(running.stderr()).toBe('')
  })

  it('with --quiet: no secret printed, no line for a success, a stderr line for each failed attempt', async () => {
    const failing = await receiver(500)
    const fine = await receiver(200)
    const envFile = join(dir, 'quiet.env')
    running = runCli([
      'start',
      '--port',
      '0',
      '--db',
      ':memory:',
      '--quiet',
      '--write-env',
      envFile,
      '--webhook-url',
      `${failing.url}/hook`,
      '--webhook-url',
      `${fine.url}/hook`,
    ])
    await running.waitFor('\n')
    const url = running.stdout().trim()
    // Neither secret is printed: they are in the file, with the other lines.
    const lines = readFileSync(envFile, 'utf8')
    const secretKey = /^CLERK_SECRET_KEY=(.*)$/m.exec(lines)![1]!
    expect(lines).toMatch(/^CLERK_WEBHOOK_SIGNING_SECRET=whsec_\S{32}$/m)
    expect((await createUser(url, secretKey, 'ada@example.com')).status).toBe(200)
    await until(
      () => running!.stderr().includes('retrying in 1 s') && fine.requests.length === 1,
      'the first failed attempt',
    )
    expect(running.stderr()).toMatch(
      /^remix-clerk-local: webhook user\.created msg_\w+ → http:\/\/127\.0\.0\.1:\d+\/hook: 500 in \d+ ms \(attempt 1 of 6\); retrying in 1 s\n/,
    )
    expect(running.stdout()).toBe(`${url}\n`)
    expect(running.stdout() + running.stderr()).not.toMatch(/whsec_|sk_live_/)
    running.child.kill('SIGTERM')
    expect(await running.exited).toBe(0)
  })

  it('refuses a --webhook-url that is not an http(s) URL, as a usage mistake', async () => {
    running = runCli(['start', '--port', '0', '--db', ':memory:', '--webhook-url', 'localhost:3000/api/webhooks'])
    expect(await running.exited).toBe(2)
    expect(running.stderr()).toBe(
      'remix-clerk-local: webhook endpoint "localhost:3000/api/webhooks" is not valid; use an absolute http(s) URL such as "http://localhost:3000/api/webhooks". [REMIX_CLERK_LOCAL_INVALID_USAGE]\n' +
        'Run remix-clerk-local --help for usage.\n',
    )
  })
})
