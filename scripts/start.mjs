#!/usr/bin/env node
// @ts-check
// `npm start`: builds what is stale, starts remix-clerk-local (persisted under .data/) with the demo data, starts the
// example app on http://localhost:3000 and stops both on Ctrl-C. The backend sends its webhooks to the app's
// /api/webhooks, which keeps the app's users table (.data/webhook-users.json) in sync. With CLERK_SECRET_KEY and
// CLERK_PUBLISHABLE_KEY in the environment it runs the app against that Clerk instance instead, without the local
// backend.
//
// Environment: PORT (app, default 3000), LOCAL_CLERK_PORT (default 4000), LOCAL_CLERK_DATA_DIR (default .data).
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { claimPort, PortInUseError, startAppServer } from '../example/scripts/appServer.mjs'
import {
  DEMO_ADMIN_EMAIL,
  DEMO_EMAIL_CODE,
  DEMO_MEMBER_EMAIL,
  DEMO_ORGANIZATION_SLUG,
  DEMO_PASSWORD,
  readDemoSeed,
} from '../example/scripts/demoSeed.mjs'
import { ensureBuilt, REPO_ROOT } from '../example/scripts/ensureBuilt.mjs'
import { installClerkJsBundles } from './clerkJsBundles.mjs'

/** @typedef {import('remix-clerk-local').LocalClerk} LocalClerk */
/** @typedef {import('../example/scripts/appServer.mjs').AppServer} AppServer */

const say = (/** @type {string} */ message) => process.stdout.write(`${message}\n`)

/**
 * @param {string} name
 * @param {number} fallback
 */
function portFromEnv(name, fallback) {
  const value = process.env[name]
  if (value === undefined || value === '') return fallback
  if (!/^\d+$/.test(value) || Number(value) > 65535) {
    throw new UsageError(`${name} must be a port number from 0 to 65535 (got "${value}").`)
  }
  return Number(value)
}

/** A problem the user can fix; printed without a stack trace. */
class UsageError extends Error {}

/** `sk_live_abc…` → `sk_live_…`: enough to recognise a key, never enough to use it. */
const redact = (/** @type {string} */ secret) => `${/^sk_(?:live|test)_/.exec(secret)?.[0] ?? ''}…`

const usingOwnKeys = Boolean(process.env.CLERK_SECRET_KEY && process.env.CLERK_PUBLISHABLE_KEY)
const dataDir = process.env.LOCAL_CLERK_DATA_DIR || join(REPO_ROOT, '.data')

/** @type {LocalClerk | undefined} */
let localClerk
/** @type {AppServer | undefined} */
let app
let stopping = false

/** Stops the app, then the local backend (which checkpoints its database), then exits. */
async function shutdown(/** @type {number} */ exitCode) {
  if (stopping) return
  stopping = true
  try {
    await app?.stop()
    await localClerk?.close()
  } catch (error) {
    console.error('npm start: error while stopping:', error)
    exitCode = 1
  }
  process.exit(exitCode)
}

/**
 * The local backend, listening, its webhooks going to the app's route (which is not up yet: the demo data is seeded
 * once it is, see seedDemoData).
 * @param {number} port
 * @param {string} webhookUrl
 * @returns {Promise<LocalClerk>}
 */
async function startLocalBackend(port, webhookUrl) {
  // Checked first for a message that names the setting; the backend's own check still covers a race.
  if (port !== 0)
    await claimPort(port, '127.0.0.1', 'Stop that process or choose another port with LOCAL_CLERK_PORT=<port>.')
  // Imported after the build: local/dist may not exist before it.
  /** @type {typeof import('remix-clerk-local')} */
  const { createLocalClerk } = await import(pathToFileURL(join(REPO_ROOT, 'local/dist/index.js')).href)
  // The backend creates the data directory itself, private (0700): the database holds the instance's keys.
  const clerk = await createLocalClerk({
    db: join(dataDir, 'local-clerk.db'),
    // Deliveries show in the app's request log; failures (the app down, a 400) are worth a line here too.
    webhooks: {
      endpoints: [webhookUrl],
      log: (line, failed) => failed && say(`[webhooks] ${line.replace(/^remix-clerk-local: /, '')}`),
    },
  })
  try {
    await clerk.listen(port, '127.0.0.1')
  } catch (error) {
    await clerk.close()
    throw error
  }
  return clerk
}

/** The demo users, organization and template, on first run: their webhooks reach the app, which is up by now. */
function seedDemoData(/** @type {LocalClerk} */ clerk) {
  const seeded = clerk.seed(readDemoSeed())
  const created = [...seeded.users, ...seeded.organizations, ...seeded.templates].filter((item) => item.created)
  if (created.length > 0) say(`Seeded the demo data (${created.length} new users, organizations and templates).`)
}

async function main() {
  const started = Date.now()
  const localPort = portFromEnv('LOCAL_CLERK_PORT', 4000)
  // Before building: a taken port should not cost a build to find out. PORT=0 picks a free one now, because the
  // backend needs the app's webhook URL before the app starts.
  const appPort = await claimPort(
    portFromEnv('PORT', 3000),
    '127.0.0.1',
    'Stop that process or choose another port with PORT=<port>.',
  )
  await ensureBuilt(usingOwnKeys ? ['remix-clerk', 'example'] : ['remix-clerk', 'remix-clerk-local', 'example'], say)

  /** @type {NodeJS.ProcessEnv} */
  let env = {
    ...process.env,
    WEBHOOK_USERS_FILE: process.env.WEBHOOK_USERS_FILE || join(dataDir, 'webhook-users.json'),
  }
  if (!usingOwnKeys) {
    // ClerkJS 5, which the example's @clerk/remix loads, from the backend: downloaded once into the user's cache.
    const installed = await installClerkJsBundles(['5'])
    if (installed.includes('downloaded')) say(installed.trimEnd())
    localClerk = await startLocalBackend(localPort, `http://127.0.0.1:${appPort}/api/webhooks`)
    // The keys, for the browser CLERK_PROXY_URL (the backend on the app's host name: LocalClerk.browserUrl says
    // why) and CLERK_JS (ClerkJS, served by the backend), and CLERK_WEBHOOK_SIGNING_SECRET for /api/webhooks.
    env = { ...env, ...localClerk.env() }
  }
  app = await startAppServer({
    port: appPort,
    env,
    onOutput: (line) => say(`[app] ${line.replace(/^\[remix-serve\] /, '')}`),
  })
  if (localClerk) seedDemoData(localClerk)
  void app.exited.then((code) => {
    if (stopping) return
    console.error(`npm start: the app stopped unexpectedly (exit code ${code}).`)
    void shutdown(1)
  })

  const lines = [
    '',
    `remix-clerk example is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s).`,
    '',
    `  Open:        ${app.url}`,
  ]
  // The app's own sign-in route (Clerk's <SignIn/>), on the local backend and on a Clerk instance alike.
  const signIn = new URL(`${app.url}/sign-in`)
  signIn.searchParams.set('redirect_url', `${app.url}/dashboard`)
  lines.push(`  Sign in:     ${signIn.href}`)
  if (localClerk) {
    lines.push(
      `  Demo users:  ${DEMO_ADMIN_EMAIL} (admin of "${DEMO_ORGANIZATION_SLUG}"), ${DEMO_MEMBER_EMAIL} (member)`,
      `  Password:    ${DEMO_PASSWORD} (or the e-mail code ${DEMO_EMAIL_CODE}, the local backend's code for every address)`,
      `  Backend:     ${localClerk.url} (remix-clerk-local, data in ${relative(process.cwd(), dataDir) || '.'}/local-clerk.db)`,
    )
  } else {
    lines.push(
      `  Clerk keys:  from the environment (${redact(process.env.CLERK_SECRET_KEY ?? '')}); the local backend is not started`,
    )
  }
  lines.push('', 'Press Ctrl-C to stop.', '')
  say(lines.join('\n'))
}

// Ctrl-C in a terminal signals the whole process group, remix-serve included; a process manager may signal this
// process alone. Either way app.stop() sees the app server closed and its process gone before this one exits.
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => {
    say(`\n${signal} received, stopping…`)
    void shutdown(0)
  })
}

main().catch((/** @type {unknown} */ error) => {
  const known = error instanceof UsageError || error instanceof PortInUseError
  console.error(
    `npm start: ${known ? /** @type {Error} */ (error).message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  )
  void shutdown(1)
})
