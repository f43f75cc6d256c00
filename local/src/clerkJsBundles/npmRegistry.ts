// The npm registry, as `remix-clerk-local clerk-js install` uses it: the registry the user's npm is configured with, a
// package's version list (the abbreviated packument npm itself reads), and a tarball checked against its integrity.
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { basename } from 'node:path'
import { LocalClerkError } from '../shared/errors.js'

const DEFAULT_REGISTRY = 'https://registry.npmjs.org/'
const PACKUMENT_TIMEOUT_MS = 60_000
const TARBALL_TIMEOUT_MS = 300_000

/** A download that failed or was refused; the message says what to do. */
export class RegistryError extends LocalClerkError {
  constructor(message: string) {
    super('REMIX_CLERK_LOCAL_CLERK_JS_INSTALL_FAILED', message)
  }
}
RegistryError.prototype.name = 'RegistryError'

/**
 * The registry npm would install `scope`'s packages from: `<scope>:registry`, else `registry`, as `npm config get`
 * answers them, so the user's `.npmrc` files and `npm_config_registry` count as they do for npm. Without a
 * runnable npm, `npm_config_registry` or the public registry.
 */
export async function configuredRegistry(scope: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const answer = await npmConfigGet([`${scope}:registry`, 'registry'], env).catch(() => undefined)
  const lines = new Map(
    (answer ?? '')
      .split(/\r?\n/)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1).trim()] as const),
  )
  const configured = [
    lines.get(`${scope}:registry`),
    lines.get('registry'),
    env.npm_config_registry,
    env.NPM_CONFIG_REGISTRY,
  ].find((value) => value !== undefined && value !== '' && value !== 'undefined' && value !== 'null')
  return withTrailingSlash(configured ?? DEFAULT_REGISTRY)
}

/** `npm config get <keys…>` (one `key=value` line per key): through the npm that runs us, if one does. */
function npmConfigGet(keys: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  const npmCli = env.npm_execpath && /^npm-cli\.c?js$/.test(basename(env.npm_execpath)) ? env.npm_execpath : undefined
  const [command, args] = npmCli ? [process.execPath, [npmCli]] : ['npm', []]
  return new Promise((resolve, reject) => {
    execFile(
      command,
      [...args, 'config', 'get', ...keys],
      { env, timeout: 30_000, shell: !npmCli && process.platform === 'win32', windowsHide: true },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    )
  })
}

const withTrailingSlash = (url: string) => (url.endsWith('/') ? url : `${url}/`)

/** A registry URL fit for a message: no user name or password. */
export function showRegistry(url: string): string {
  try {
    const parsed = new URL(url)
    return `${parsed.origin}${parsed.pathname}`
  } catch {
    return '(an invalid registry URL)'
  }
}

interface VersionDist {
  tarball: string
  /** Subresource Integrity: one or more `<algorithm>-<base64>` separated by spaces. */
  integrity?: string
}

export interface Packument {
  'dist-tags'?: Record<string, string>
  versions: Record<string, { dist?: VersionDist }>
}

/** The package's versions and their tarballs, as `npm install` reads them (the abbreviated packument). */
export async function fetchPackument(registry: string, name: string): Promise<Packument> {
  // npm's own form of a scoped name in a registry path: `@clerk%2fclerk-js`.
  const url = new URL(name.replace('/', '%2f'), registry)
  const response = await get(
    url,
    'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*',
    PACKUMENT_TIMEOUT_MS,
  )
  if (response.status === 404) throw new RegistryError(`${name} is not on the registry ${showRegistry(registry)}.`)
  refuseUnless(response, `the list of ${name}'s versions`, registry)
  const packument = (await response.json().catch(() => undefined)) as Packument | undefined
  if (typeof packument?.versions !== 'object' || packument.versions === null) {
    throw new RegistryError(
      `The registry ${showRegistry(registry)} answered something other than npm's package document for ${name}.`,
    )
  }
  return packument
}

/** The tarball's bytes, refused unless they match `integrity` (its sha512 entries). */
export async function downloadTarball(
  url: string,
  integrity: string,
  label: string,
  registry: string,
): Promise<Buffer> {
  const expected = sha512Digests(integrity)
  if (expected.length === 0) {
    throw new RegistryError(
      `The registry ${showRegistry(registry)} gives no sha512 integrity for ${label}: it cannot be checked, so it is not installed.`,
    )
  }
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new RegistryError(`The registry ${showRegistry(registry)} gives an invalid tarball URL for ${label}.`)
  }
  const response = await get(parsed, 'application/octet-stream', TARBALL_TIMEOUT_MS)
  refuseUnless(response, `the tarball of ${label}`, registry)
  const bytes = Buffer.from(await response.arrayBuffer())
  const actual = createHash('sha512').update(bytes).digest('base64')
  if (!expected.includes(actual)) {
    throw new RegistryError(
      `The tarball of ${label} from ${showRegistry(parsed.href)} does not match its integrity (sha512-${actual} is not ${integrity}): ` +
        'it was changed or damaged on the way, and is not installed. Try again; if it persists, check your registry or proxy.',
    )
  }
  return bytes
}

/** The base64 digests of the `sha512-` entries of an SRI string. */
export function sha512Digests(integrity: string): string[] {
  return integrity
    .split(/\s+/)
    .filter((entry) => entry.startsWith('sha512-'))
    .map((entry) => entry.slice('sha512-'.length).split('?')[0]!)
}

async function get(url: URL, accept: string, timeoutMs: number): Promise<Response> {
  try {
    return await fetch(url, {
      headers: { accept, 'user-agent': 'remix-clerk-local' },
      signal: AbortSignal.timeout(timeoutMs),
    })
  } catch (error) {
    const cause =
      (error as Error).name === 'TimeoutError'
        ? `no answer within ${timeoutMs / 1000} s`
        : ((error as { cause?: Error }).cause ?? (error as Error)).message
    throw new RegistryError(`Cannot reach ${showRegistry(url.href)}: ${cause}.`)
  }
}

function refuseUnless(response: Response, what: string, registry: string): void {
  if (response.ok) return
  const credentials =
    response.status === 401 || response.status === 403
      ? ' It asks for credentials, which this command does not send: install the package with npm instead (npm install --save-dev <package>@<version>); the backend serves installed copies too.'
      : ''
  throw new RegistryError(
    `The registry ${showRegistry(registry)} answered ${response.status} for ${what}.${credentials}`,
  )
}
