#!/usr/bin/env node
// The `remix-clerk-local` command: start a server or seed a database, printing the `.env` lines an app needs.
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { CACHE_ENV, clerkJsCacheDir } from './clerkJsBundles/clerkJsCache.js'
import { isClerkJsChoice } from './clerkJsBundles/clerkJsChoice.js'
import { installClerkJs, parseInstallTargets } from './clerkJsBundles/clerkJsInstall.js'
import { formatEnvLines } from './assembly/envLines.js'
import { type LocalClerk, createLocalClerk } from './assembly/localClerk.js'
import { DEFAULT_DB_PATH } from './core/options.js'
import type { SeedData } from './assembly/seed.js'
import { useLightweightResponses } from './assembly/server.js'
import { LocalClerkError, type LocalClerkErrorCode } from './shared/errors.js'
import { PRIVATE_FILE_MODE, octal, writePrivateFile } from './shared/privateFiles.js'
import { DEVELOPMENT_EMAIL_CODE } from './services/emailCodes.js'

const USAGE = `Usage: remix-clerk-local <command> [options]

Commands:
  start                      Run the local Clerk backend and print the lines for your .env
  seed FILE.json             Add users, organizations (with members) and JWT templates; existing ones are kept
  clerk-js install [5|6|VERSION|@clerk/ui@VERSION ...]
                             Download ClerkJS (default 5; 6 comes with @clerk/ui) for Clerk's components,
                             without its npm dependencies, checked against its integrity, into
                             ${clerkJsCacheDir()} (or $${CACHE_ENV}); start serves it

Options:
  --port N                   start: port to listen on (default 4000; 0 picks a free one)
  --host HOST                start: interface to bind (default 127.0.0.1)
  --db PATH|:memory:         SQLite database (default ${DEFAULT_DB_PATH})
  --session-lifetime SECONDS start: session token lifetime (default 60)
  --token-version 1|2        start: session token claim version (default 2)
  --seed FILE.json           start: seed before serving (handy with --db :memory:)
  --clerk-js 5|6|VERSION     start: the ClerkJS to name in CLERK_JS and run the hosted pages on: the installed
                             one of that major, else the newest cached, or an exact version (default: the
                             installed @clerk/clerk-js, else ClerkJS 5); it must be installed or cached
                             (clerk-js install). Every other copy is still served under its own version
  --allowed-origin ORIGIN    start: where sign-in may return to, repeatable; replaces the default
                             (http and https on localhost and 127.0.0.1, any port). ORIGIN is exact,
                             e.g. https://app.example.test, or any port: http://devbox.test:*
  --satellite-origin ORIGIN  start: a satellite app's origin (e.g. http://127.0.0.1:3001), repeatable;
                             it reaches this backend under its own host name and shares the sign-in
                             made on localhost (see Satellite domains in the README)
  --webhook-url URL          start: POST Clerk's webhook events (user.created, session.created, …) to URL,
                             repeatable; signed with the CLERK_WEBHOOK_SIGNING_SECRET printed below, retried
                             after 1, 5, 15, 30 and 60 s, one log line per attempt
  --quiet                    start: print only the URL, never the secret key (for CI logs); of the
                             webhook deliveries, only the failures
  --write-env PATH           start: write the .env lines to PATH (replaced, mode 0600) instead of printing
                             them; the output names the file, not the secret
  -h, --help                 Show this help

Seed file: {"users":[{"email_address":["ada@example.com"],"first_name":"Ada"}],
            "organizations":[{"name":"Acme","members":[{"user":"ada@example.com","role":"org:admin"}]}],
            "templates":[{"name":"supabase","claims":{"role":"authenticated","email":"{{user.primary_email_address}}"}}]}`

/** A mistake on the command line: exit status 2 and a pointer to --help. */
class UsageError extends LocalClerkError {
  constructor(message: string) {
    super('REMIX_CLERK_LOCAL_INVALID_USAGE', message)
  }
}

function integerOption(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number (got "${value}").`)
  return Number(value)
}

function readSeedFile(path: string): SeedData {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new UsageError(`cannot read seed file ${path}: ${(error as Error).message}`)
  }
  try {
    return JSON.parse(text) as SeedData
  } catch (error) {
    throw new UsageError(`seed file ${path} is not valid JSON: ${(error as Error).message}`)
  }
}

type CliValues = Record<string, string | boolean | string[] | undefined>

const OPTION_CODES = new Set<LocalClerkErrorCode>([
  'REMIX_CLERK_LOCAL_INVALID_OPTION',
  'REMIX_CLERK_LOCAL_INVALID_WEBHOOK_ENDPOINT',
  'REMIX_CLERK_LOCAL_TOO_MANY_WEBHOOK_ENDPOINTS',
])

async function start(values: CliValues): Promise<void> {
  // This process serves and does nothing else: @hono/node-server may swap in its lightweight Request and Response.
  useLightweightResponses()
  const port = integerOption('port', values.port as string | undefined, 4000)
  const tokenVersion = integerOption('token-version', values['token-version'] as string | undefined, 2)
  if (tokenVersion !== 1 && tokenVersion !== 2) throw new UsageError('--token-version must be 1 or 2.')
  const seedData = typeof values.seed === 'string' ? readSeedFile(values.seed) : undefined
  const allowedOrigins = values['allowed-origin'] as string[] | undefined
  const satelliteOrigins = values['satellite-origin'] as string[] | undefined
  const webhookUrls = values['webhook-url'] as string[] | undefined
  const clerkJs = values['clerk-js'] as string | undefined
  // A malformed --clerk-js is a usage mistake; one this machine does not have is not (createLocalClerk's error names
  // the command that downloads it).
  if (clerkJs !== undefined && !isClerkJsChoice(clerkJs)) {
    throw new UsageError(
      `--clerk-js must be a major such as 5 or 6, or an exact version such as 6.40.0 (got "${clerkJs}").`,
    )
  }
  if (values['env-file'] !== undefined) {
    if (values['write-env'] !== undefined)
      throw new UsageError('--env-file is the old name of --write-env: give only --write-env.')
    console.error(
      'remix-clerk-local: --env-file is deprecated: use --write-env PATH, the same option under a name node leaves alone ' +
        '(node reads --env-file itself, and on Node 20 stops when PATH does not exist yet).',
    )
  }
  const envFile = (values['write-env'] ?? values['env-file']) as string | undefined
  const clerk = await createLocalClerk({
    db: values.db as string | undefined,
    sessionLifetime: integerOption('session-lifetime', values['session-lifetime'] as string | undefined, 60),
    tokenVersion,
    ...(allowedOrigins ? { allowedOrigins } : {}),
    ...(satelliteOrigins ? { satelliteOrigins } : {}),
    ...(clerkJs === undefined ? {} : { clerkJs }),
    webhooks: { endpoints: webhookUrls ?? [], log: webhookLog(values.quiet === true) },
  }).catch((error: unknown) => {
    // A bad --allowed-origin, --satellite-origin or --webhook-url is a usage mistake: say so, with the accepted forms.
    if (
      error instanceof LocalClerkError &&
      OPTION_CODES.has(error.code) &&
      (allowedOrigins || satelliteOrigins || webhookUrls)
    ) {
      throw new UsageError(error.message.replace(/^remix-clerk-local: /, ''))
    }
    throw error
  })
  try {
    if (seedData) clerk.seed(seedData)
    const { url } = await clerk.listen(port, (values.host as string | undefined) ?? '127.0.0.1')
    if (envFile !== undefined) writeEnvFile(envFile, formatEnvLines(clerk.env()))
    if (values.quiet) {
      process.stdout.write(`${url}\n`)
    } else {
      const envLines =
        envFile === undefined
          ? `\nAdd these lines to your .env:\n${formatEnvLines(clerk.env())}`
          : `\n${wroteEnvFile(envFile, clerk)}`
      process.stdout.write(`${banner(clerk, (values.db as string | undefined) ?? DEFAULT_DB_PATH)}${envLines}\n`)
    }
  } catch (error) {
    await clerk.close()
    throw error
  }
  handleShutdown(clerk)
}

/** Each delivery attempt on a line of its own: successes on stdout (not with --quiet), failures on stderr. */
function webhookLog(quiet: boolean): (line: string, failed: boolean) => void {
  return (line, failed) => {
    if (failed) process.stderr.write(`${line}\n`)
    else if (!quiet) process.stdout.write(`${line}\n`)
  }
}

/**
 * Where the server is and how a browser should use it: on the app's site, `browserUrl` (the .env lines carry it as
 * CLERK_PROXY_URL, and ClerkJS's URL as CLERK_JS).
 */
function banner(clerk: LocalClerk, db: string): string {
  const pages = clerk.browserUrl
  const clerkJs = clerk.clerkJsUrl
    ? `Clerk's components work too: ClerkJS is at CLERK_JS, its Frontend API at CLERK_PROXY_URL. E-mail codes are always ${DEVELOPMENT_EMAIL_CODE}.\n` +
      `Hosted pages (Clerk's Account Portal, where <SignInButton/> leads): ${pages}/accounts/sign-in, /accounts/user, …\n`
    : `To use Clerk's components (ClerkJS) with this server, run: npx remix-clerk-local clerk-js install\n`
  return (
    `remix-clerk-local listening on ${clerk.url}\nDatabase: ${db}\n` +
    `Sign-in page: ${pages}/sign-in?redirect_url=<your app URL>   Sign-out: ${pages}/sign-out?redirect_url=<your app URL>\n` +
    `Without ClerkJS, keep __session fresh in the browser: <script src="${pages}/local-clerk.js" defer></script>\n${clerkJs}` +
    webhooksLine(clerk)
  )
}

function webhooksLine(clerk: LocalClerk): string {
  const { endpoints } = clerk.webhooks
  if (endpoints.length === 0) return ''
  return `Webhooks: Clerk's events go to ${endpoints.join(', ')}, signed with CLERK_WEBHOOK_SIGNING_SECRET.\n`
}

/** The .env lines in a file only this user can read, even if it existed with a wider mode. */
function writeEnvFile(path: string, lines: string): void {
  try {
    writePrivateFile(path, `${lines}\n`)
  } catch (error) {
    throw new Error(`cannot write the .env lines to ${path}: ${(error as Error).message}`)
  }
}

function wroteEnvFile(path: string, clerk: LocalClerk): string {
  const names = Object.keys(clerk.env())
  return `Wrote ${names.slice(0, -1).join(', ')} and ${names.at(-1)} to ${path} (mode ${octal(PRIVATE_FILE_MODE)}).`
}

/** Closes the server and checkpoints the database on Ctrl-C or a stop request, then exits 0. */
function handleShutdown(clerk: LocalClerk): void {
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    process.stdout.write(`\nremix-clerk-local: ${signal} received, shutting down\n`)
    clerk.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('remix-clerk-local: error while shutting down:', error)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

async function seedCommand(file: string | undefined, values: CliValues): Promise<void> {
  if (!file) throw new UsageError('seed needs a file: remix-clerk-local seed FILE.json')
  const data = readSeedFile(file)
  const clerk = await createLocalClerk({ db: values.db as string | undefined })
  try {
    process.stdout.write(`${JSON.stringify(clerk.seed(data), null, 2)}\n`)
  } finally {
    await clerk.close()
  }
}

/** `clerk-js install [targets…]`: downloads what is not in the cache yet, then says where each one is. */
async function clerkJsInstallCommand(args: string[]): Promise<void> {
  let targets
  try {
    targets = parseInstallTargets(args)
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const outcomes = await installClerkJs(targets, { cacheDir: clerkJsCacheDir() })
  for (const { name, version, dir, downloaded } of outcomes) {
    const how =
      downloaded > 0 ? `downloaded (${(downloaded / 1e6).toFixed(1)} MB, integrity checked) into` : 'already in'
    process.stdout.write(`${name}@${version}: ${how} ${dir}\n`)
  }
  process.stdout.write(
    `remix-clerk-local start serves ${outcomes.length === 1 ? 'it' : 'them'} at /npm/<package>@<version>/dist/.\n`,
  )
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      db: { type: 'string' },
      'session-lifetime': { type: 'string' },
      'token-version': { type: 'string' },
      seed: { type: 'string' },
      'clerk-js': { type: 'string' },
      'allowed-origin': { type: 'string', multiple: true },
      'satellite-origin': { type: 'string', multiple: true },
      'webhook-url': { type: 'string', multiple: true },
      quiet: { type: 'boolean' },
      'write-env': { type: 'string' },
      // The old name of --write-env, kept working (with a deprecation message) because the README once offered it.
      // Node 20 reads `--env-file` wherever it appears (nodejs/node#54232): it loads PATH into process.env before
      // this code runs (harmless, nothing here reads the environment) and exits when PATH does not exist yet.
      'env-file': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  const [command, ...rest] = positionals
  if (values.help || command === undefined || command === 'help') {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  if (command === 'start' && rest.length === 0) return start(values)
  if (command === 'seed' && rest.length <= 1) return seedCommand(rest[0], values)
  if (command === 'clerk-js' && rest[0] === 'install') return clerkJsInstallCommand(rest.slice(1))
  throw new UsageError(`unknown command "${positionals.join(' ')}".`)
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
  // The stable code (docs/errors.md) after the message, for scripts that branch on what went wrong.
  const code = error instanceof LocalClerkError ? ` [${error.code}]` : ''
  console.error(`remix-clerk-local: ${(error as Error).message.replace(/^remix-clerk-local: /, '')}${code}`)
  if (usage) console.error('Run remix-clerk-local --help for usage.')
  process.exit(usage ? 2 : 1)
})
