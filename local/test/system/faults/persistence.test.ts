import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRemoteJWKSet, jwtVerify } from 'jose'
import { afterAll, afterEach, expect, it } from 'vitest'
import { type CliProcess, parseStartOutput, runCli, stopIfRunning } from '../../helpers/cliProcess.js'

const dir = mkdtempSync(join(tmpdir(), 'local-clerk-kill-'))
const running: CliProcess[] = []
afterEach(() => running.forEach(stopIfRunning))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function start(db: string) {
  const cli = runCli(['start', '--port', '0', '--db', db])
  running.push(cli)
  await cli.waitFor('CLERK_JWT_KEY=')
  const out = parseStartOutput(cli.stdout())
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${out.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${out.secretKey}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: response.status, body: (await response.json()) as Record<string, string> }
  }
  return { cli, out, call }
}

it('keeps every acknowledged write after SIGKILL mid-writes, and tokens minted before still verify', async () => {
  const db = join(dir, 'killed.db')
  const first = await start(db)

  const owner = (await first.call('POST', '/v1/users', {})).body
  const session = (await first.call('POST', '/v1/sessions', { user_id: owner.id })).body
  const tokenBefore = (await first.call('POST', `/v1/sessions/${session.id}/tokens`)).body.jwt!

  // Four writers in parallel; each acknowledged (200) write is recorded, then the process is killed while
  // more are in flight. Writes that got no answer may or may not have landed; nothing is assumed about them.
  const acknowledged = { users: [] as string[], sessions: [] as string[], templates: [] as string[] }
  let stop = false
  let counter = 0
  const writer = async () => {
    while (!stop) {
      const n = counter++
      try {
        const user = await first.call('POST', '/v1/users', {
          email_address: [`u${n}@example.com`],
          public_metadata: { n },
        })
        if (user.status !== 200) throw new Error(`unexpected ${user.status}`)
        acknowledged.users.push(user.body.id!)
        const s = await first.call('POST', '/v1/sessions', { user_id: user.body.id })
        if (s.status === 200) acknowledged.sessions.push(s.body.id!)
        const t = await first.call('POST', '/v1/jwt_templates', { name: `t${n}`, claims: { n, who: '{{user.id}}' } })
        if (t.status === 200) acknowledged.templates.push(t.body.id!)
      } catch (error) {
        if (!stop) throw error
      }
    }
  }
  const writers = Array.from({ length: 4 }, writer)
  while (acknowledged.templates.length < 40) await new Promise((resolve) => setTimeout(resolve, 5))
  first.cli.child.kill('SIGKILL')
  stop = true
  expect(await first.cli.exited).toBe('SIGKILL')
  await Promise.all(writers)

  const second = await start(db)
  expect(second.out.secretKey).toBe(first.out.secretKey)
  for (const id of acknowledged.users) expect((await second.call('GET', `/v1/users/${id}`)).status, id).toBe(200)
  for (const id of acknowledged.sessions) expect((await second.call('GET', `/v1/sessions/${id}`)).status, id).toBe(200)
  for (const id of acknowledged.templates)
    expect((await second.call('GET', `/v1/jwt_templates/${id}`)).status, id).toBe(200)
  expect(acknowledged.users.length).toBeGreaterThanOrEqual(40)
  expect(acknowledged.sessions.length).toBeGreaterThanOrEqual(40)

  const jwks = createRemoteJWKSet(new URL(`${second.out.url}/v1/jwks`), {
    headers: { authorization: `Bearer ${second.out.secretKey}` },
  })
  const { payload } = await jwtVerify(tokenBefore, jwks)
  expect(payload.sid).toBe(session.id)
  expect(payload.sub).toBe(owner.id)
  // The restarted server still mints from the persisted templates.
  const template = (await second.call('GET', `/v1/jwt_templates/${acknowledged.templates[0]}`)).body
  const templateToken = await second.call('POST', `/v1/sessions/${acknowledged.sessions[0]}/tokens/${template.name}`)
  expect(templateToken.status).toBe(200)
  expect((await jwtVerify(templateToken.body.jwt!, jwks)).payload.n).toBe(Number(template.name!.slice(1)))

  second.cli.child.kill('SIGTERM')
  expect(await second.cli.exited).toBe(0)
})
