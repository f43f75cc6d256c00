// `npm start` (scripts/start.mjs) as a user runs it: a child process in its own process group, so the tests can
// send Ctrl-C to the whole group as a terminal does, and can tell afterwards that no process of it is left.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createLocalClerk } from 'remix-clerk-local'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../scripts/ensureBuilt.mjs'

interface StartedScript {
  child: ChildProcess
  pid: number
  output(): string
  /** Resolves with the first capture group of `pattern` in the output so far or to come. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

const running: StartedScript[] = []
const tempDirs: string[] = []

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'remix-clerk-start-'))
  tempDirs.push(dir)
  return dir
}

/** The test runner's environment without anything that would change what the script does. */
function scriptEnv(overrides: Record<string, string>): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {}
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('CLERK_') && !name.startsWith('LOCAL_CLERK_') && name !== 'PORT') env[name] = value
  }
  return { ...env, ...overrides }
}

function startScript(env: Record<string, string | undefined>): StartedScript {
  // detached: the script leads a new process group, as a shell job does.
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: REPO_ROOT,
    env: env as NodeJS.ProcessEnv,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let text = ''
  const listeners = new Set<() => void>()
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.setEncoding('utf8')
    stream.on('data', (chunk: string) => {
      text += chunk
      for (const listener of listeners) listener()
    })
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  )
  const started: StartedScript = {
    child,
    pid: child.pid!,
    output: () => text,
    waitFor: (pattern, timeoutMs = 90_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const captured = pattern.exec(text)?.[1]
          if (captured === undefined) return
          done()
          resolve(captured)
        }
        const timer = setTimeout(() => {
          done()
          reject(new Error(`no ${pattern} in the output of npm start within ${timeoutMs} ms:\n${text}`))
        }, timeoutMs)
        const onExit = () => {
          done()
          reject(new Error(`npm start exited before printing ${pattern}:\n${text}`))
        }
        const done = () => {
          clearTimeout(timer)
          listeners.delete(check)
          child.off('exit', onExit)
        }
        listeners.add(check)
        child.once('exit', onExit)
        check()
      }),
    exited,
  }
  running.push(started)
  return started
}

/** True while any process of the group the script leads is alive. */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false
    throw error
  }
}

/** The group's processes may outlive the leader by a moment while they exit. */
async function waitForGroupGone(pid: number): Promise<boolean> {
  for (let i = 0; i < 50 && groupAlive(pid); i++) await new Promise((resolve) => setTimeout(resolve, 100))
  return !groupAlive(pid)
}

async function refused(url: string): Promise<boolean> {
  return fetch(url).then(
    () => false,
    (error: unknown) => ((error as { cause?: { code?: string } }).cause?.code ?? '') === 'ECONNREFUSED',
  )
}

afterEach(async () => {
  // A failed test must not leave a server behind.
  for (const script of running.splice(0)) {
    if (groupAlive(script.pid)) process.kill(-script.pid, 'SIGKILL')
    await script.exited
  }
})

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true })
})

describe('npm start (scripts/start.mjs)', () => {
  // Not there yet: the local backend creates it.
  const dataDir = join(tempDir(), 'data')
  let firstKid = ''

  it('serves a signed-out home page, seeds the demo data on first run, and stops with its app on Ctrl-C', async () => {
    const script = startScript(scriptEnv({ PORT: '0', LOCAL_CLERK_PORT: '0', LOCAL_CLERK_DATA_DIR: dataDir }))
    const appUrl = await script.waitFor(/^ {2}Open: +(http:\/\/localhost:\d+)$/m)
    const signInUrl = await script.waitFor(/^ {2}Sign in: +(\S+)$/m)
    const backendUrl = await script.waitFor(/^ {2}Backend: +(http:\/\/127\.0\.0\.1:\d+) /m)

    expect(script.output()).toContain('Seeded the demo data (4 new users, organizations and templates).')
    expect(script.output()).toContain('Demo users:  demo@example.com (admin of "acme"), member@example.com (member)')
    expect(script.output()).toContain('Password:    demo-password (or the e-mail code 424242')
    // The app's own sign-in route, with Clerk's <SignIn/>.
    const signInPath = `/sign-in?redirect_url=${encodeURIComponent(`${appUrl}/dashboard`)}`
    expect(signInUrl).toBe(`${appUrl}${signInPath}`)
    // The browser meets the backend on the app's host name (localhost), so its __client cookie is same-site.
    const browserUrl = `http://localhost:${new URL(backendUrl).port}`
    const home = await fetch(`${appUrl}/`)
    expect(home.status).toBe(200)
    const html = await home.text()
    expect(html).toContain('data-state="signed-out"')
    expect(html).toContain(`href="${signInPath.replaceAll('&', '&amp;')}"`)
    // ClerkJS comes from the local backend and talks to its Frontend API there.
    expect(html).toContain(`"__proxyUrl":"${browserUrl}"`)
    expect(html).toMatch(
      new RegExp(`"__clerkJSUrl":"${browserUrl}/npm/@clerk/clerk-js@5\\.[\\d.]+/dist/clerk\\.browser\\.js"`),
    )
    const dashboard = await fetch(`${appUrl}/dashboard`, { redirect: 'manual' })
    expect(dashboard.status).toBe(302)
    expect(dashboard.headers.get('location')).toBe(signInPath)
    expect(await dashboard.text()).toBe('')
    // A page request without a session goes through the handshake on that same host.
    const handshake = await fetch(`${appUrl}/dashboard`, {
      redirect: 'manual',
      headers: { 'sec-fetch-dest': 'document', cookie: '__client_uat=1' },
    })
    expect(handshake.status).toBe(307)
    expect(handshake.headers.get('location')).toMatch(new RegExp(`^${browserUrl}/v1/client/handshake\\?`))
    const jwks = (await (await fetch(`${backendUrl}/.well-known/jwks.json`)).json()) as { keys: Array<{ kid: string }> }
    expect(jwks.keys).toHaveLength(1)
    firstKid = jwks.keys[0]!.kid
    // The seed's webhooks reached the app's /api/webhooks, which keeps its users table next to the database.
    const table = join(dataDir, 'webhook-users.json')
    const emails = () =>
      existsSync(table)
        ? (JSON.parse(readFileSync(table, 'utf8')) as Array<{ email: string }>).map((user) => user.email)
        : []
    for (let waited = 0; emails().length < 2 && waited < 10_000; waited += 100)
      await new Promise((resolve) => setTimeout(resolve, 100))
    expect(emails()).toEqual(['demo@example.com', 'member@example.com'])
    expect(script.output()).not.toContain('[webhooks]')

    // Ctrl-C in a terminal: SIGINT to every process of the group.
    process.kill(-script.pid, 'SIGINT')
    expect(await script.exited).toEqual({ code: 0, signal: null })
    expect(script.output()).toContain('SIGINT received, stopping…')
    expect(await waitForGroupGone(script.pid)).toBe(true)
    expect(await refused(`${appUrl}/`)).toBe(true)
    expect(await refused(`${backendUrl}/.well-known/jwks.json`)).toBe(true)
    expect(existsSync(join(dataDir, 'local-clerk.db'))).toBe(true)
    // It holds the instance's keys: private to this user.
    expect((statSync(dataDir).mode & 0o777).toString(8)).toBe('700')
    expect((statSync(join(dataDir, 'local-clerk.db')).mode & 0o777).toString(8)).toBe('600')
  })

  it('keeps the data of the first run (no new seed, same instance key) and stops on a SIGTERM to itself alone', async () => {
    expect(firstKid).toMatch(/^ins_/)
    const script = startScript(scriptEnv({ PORT: '0', LOCAL_CLERK_PORT: '0', LOCAL_CLERK_DATA_DIR: dataDir }))
    const appUrl = await script.waitFor(/^ {2}Open: +(http:\/\/localhost:\d+)$/m)
    const backendUrl = await script.waitFor(/^ {2}Backend: +(http:\/\/127\.0\.0\.1:\d+) /m)

    expect(script.output()).not.toContain('Seeded')
    const jwks = (await (await fetch(`${backendUrl}/.well-known/jwks.json`)).json()) as { keys: Array<{ kid: string }> }
    expect(jwks.keys.map((key) => key.kid)).toEqual([firstKid])
    const home = await fetch(`${appUrl}/`)
    expect(home.status).toBe(200)
    expect(await home.text()).toContain('data-state="signed-out"')

    // A process manager stops the script only: it must take the app server down with it.
    process.kill(script.pid, 'SIGTERM')
    expect(await script.exited).toEqual({ code: 0, signal: null })
    expect(await waitForGroupGone(script.pid)).toBe(true)
    expect(await refused(`${appUrl}/`)).toBe(true)
  })

  describe('a port that is taken', () => {
    let blocker: Server

    afterEach(async () => {
      await new Promise((resolve) => blocker.close(resolve))
    })

    async function takePort(): Promise<number> {
      blocker = createServer()
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
      return (blocker.address() as { port: number }).port
    }

    it.each(['PORT', 'LOCAL_CLERK_PORT'])(
      '%s: exits 1 with a message that names the port and the setting, and leaves nothing running',
      async (variable) => {
        const port = await takePort()
        const ports = { PORT: '0', LOCAL_CLERK_PORT: '0', [variable]: String(port) }
        const script = startScript(scriptEnv({ ...ports, LOCAL_CLERK_DATA_DIR: tempDir() }))

        expect(await script.exited).toEqual({ code: 1, signal: null })
        expect(script.output()).toContain(
          `npm start: port ${port} on 127.0.0.1 is already in use (another npm start?). Stop that process or choose another port with ${variable}=<port>.`,
        )
        expect(script.output()).not.toContain('    at ')
        expect(await waitForGroupGone(script.pid)).toBe(true)
      },
    )
  })

  it('uses CLERK_SECRET_KEY and CLERK_PUBLISHABLE_KEY from the environment without starting a local backend', async () => {
    // Another Clerk instance, as far as the script can tell: it only gets the keys and URLs.
    const instance = await createLocalClerk({ db: ':memory:' })
    try {
      await instance.listen(0)
      const dataDir = tempDir()
      const script = startScript(scriptEnv({ ...instance.env(), PORT: '0', LOCAL_CLERK_DATA_DIR: dataDir }))
      const appUrl = await script.waitFor(/^ {2}Open: +(http:\/\/localhost:\d+)$/m)

      expect(script.output()).toContain(
        '  Clerk keys:  from the environment (sk_live_…); the local backend is not started',
      )
      expect(script.output()).not.toContain(instance.secretKey)
      expect(script.output()).not.toContain('Backend:')
      expect(existsSync(join(dataDir, 'local-clerk.db'))).toBe(false)
      const home = await fetch(`${appUrl}/`)
      expect(home.status).toBe(200)
      expect(await home.text()).toContain('data-state="signed-out"')

      process.kill(-script.pid, 'SIGINT')
      expect(await script.exited).toEqual({ code: 0, signal: null })
      expect(await waitForGroupGone(script.pid)).toBe(true)
    } finally {
      await instance.close()
    }
  })
})
