// One call puts every per-process cache and counter back as in a fresh process. The modules that keep state are found
// by a search of src/ for `forgetOnReset(`, not by a list: each must have an observer below, and each of its
// registrations must forget something the observer filled through the module's own functions (a cache of the module
// emptied, or the module's own test hook reading empty). A module that registers a reset this test does not observe,
// a registration that forgets nothing observed, or a module-level cache that no reset forgets fails, named.
import { readFileSync, readdirSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { findInstance, type AuthenticateOptions } from '../../src/auth/clerkInstance.js'
import { withoutScheme } from '../../src/auth/requestContext.js'
import { allowedSatelliteUrl } from '../../src/auth/satelliteRedirect.js'
import { getCookieSuffix } from '../../src/auth/publishableKey.js'
import { cacheJwt, tokenCacheSize } from '../../src/backend/tokenCache.js'
import { knownVerificationKey } from '../../src/jwt/keys.js'
import { verifiedTokenCount } from '../../src/jwt/verifiedTokenCache.js'
import { signatureCheckCount } from '../../src/jwt/verifyJwt.js'
import type * as BoundedCaches from '../../src/shared/boundedCache.js'
import type { BoundedCache } from '../../src/shared/boundedCache.js'
import type * as ProcessState from '../../src/shared/processState.js'
import { cachedMachineVerification, machineBackendCallCount } from '../../src/auth/machine/machineTokenCache.js'
import { resetProcessState } from '../../src/shared/processState.js'
import { getAuth } from '../../src/ssr.server.js'
import { args, NAVIGATION, requestWith, sessionCookies } from '../helpers/localInstance.js'
import { nowSeconds, signTestJwt } from '../helpers/jwt.js'
import { FAPI_HOST, createTestKey, sessionClaims, signToken, type TestKey } from '../helpers/sessionTokens.js'

// Every reset registered and every cache made, each with the src/ file that made it (from the call's stack).
const recorded = vi.hoisted(() => {
  const root = `${process.cwd()}/src/`
  const callerIn = (stack: string | undefined): string =>
    (stack ?? '')
      .split('\n')
      .map((line) => /(?:\(|at )(?:file:\/\/)?(\/[^():]+):\d+:\d+\)?$/.exec(line.trim())?.[1])
      .find((file) => file?.startsWith(root) && !/\/shared\/(processState|boundedCache)\.ts$/.test(file))
      ?.slice(root.length - 'src/'.length) ?? 'unknown'
  return {
    callerIn,
    resets: [] as Array<{ readonly file: string; readonly forget: () => void }>,
    caches: [] as Array<{ readonly file: string; readonly cache: { readonly size: number } }>,
  }
})
vi.mock('../../src/shared/processState.js', async (importOriginal) => {
  const real = await importOriginal<typeof ProcessState>()
  return {
    ...real,
    forgetOnReset(forget: () => void) {
      recorded.resets.push({ file: recorded.callerIn(new Error().stack), forget })
      real.forgetOnReset(forget)
    },
  }
})
vi.mock('../../src/shared/boundedCache.js', async (importOriginal) => {
  const real = await importOriginal<typeof BoundedCaches>()
  class RecordedCache<K, V> extends real.BoundedCache<K, V> {
    constructor(...rest: ConstructorParameters<typeof real.BoundedCache<K, V>>) {
      super(...rest)
      recorded.caches.push({ file: recorded.callerIn(new Error().stack), cache: this })
    }
  }
  return { ...real, BoundedCache: RecordedCache }
})

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const THIS_FILE = 'test/shared/processState.test.ts'

/** `src/…` file → the lines of its `forgetOnReset(` calls, found by reading every source file. */
function registrationsInSources(): Map<string, number[]> {
  const found = new Map<string, number[]>()
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        const file = relative(ROOT, path).split('\\').join('/')
        if (file === 'src/shared/processState.ts') continue
        const lines = readFileSync(path, 'utf8')
          .split('\n')
          .flatMap((line, index) => (/^\s*forgetOnReset\(/.test(line) ? [index + 1] : []))
        if (lines.length > 0) found.set(file, lines)
      }
    }
  }
  walk(join(ROOT, 'src'))
  return found
}

const PUBLISHABLE_KEY = `pk_live_${Buffer.from(`${FAPI_HOST}$`).toString('base64').replace(/=+$/, '')}`
const PAGE = 'https://app.example.com/dashboard'
let key: TestKey
let backendApi: Server
let options: AuthenticateOptions

beforeAll(async () => {
  key = await createTestKey('ins_reset')
  // A Backend API that refuses every session refresh, as it does an unknown refresh token.
  backendApi = createServer((_request, response) => {
    response.writeHead(404, { 'content-type': 'application/json' })
    response.end(
      JSON.stringify({
        errors: [{ code: 'resource_not_found', message: 'not found', long_message: 'not found', meta: {} }],
      }),
    )
  })
  await new Promise<void>((resolve) => backendApi.listen(0, '127.0.0.1', resolve))
  const apiUrl = `http://127.0.0.1:${(backendApi.address() as AddressInfo).port}`
  options = { secretKey: 'sk_test_processState123', publishableKey: PUBLISHABLE_KEY, jwtKey: key.pem, apiUrl }
})
afterAll(async () => {
  await new Promise((resolve) => backendApi?.close(resolve))
})

/**
 * What a browser does to an app: a signed-in page (its suffixed cookies), then an expired token with a `__refresh`
 * cookie whose refresh the Backend API refuses. Through getAuth with one options object, as a loader calls it.
 */
async function browse(): Promise<void> {
  const suffix = await getCookieSuffix(PUBLISHABLE_KEY)
  const token = await signToken(key, sessionClaims())
  await getAuth(args(requestWith(PAGE, { headers: NAVIGATION, cookies: sessionCookies(token, suffix) })), options)
  const expired = await signToken(
    key,
    sessionClaims({ exp: nowSeconds() - 120, iat: nowSeconds() - 180, nbf: nowSeconds() - 190 }),
  )
  const cookies = { ...sessionCookies(expired, suffix), [`__refresh_${suffix}`]: 'refresh_processState' }
  // The refused refresh leaves the handshake, which getAuth throws as a redirect.
  await expect(getAuth(args(requestWith(PAGE, { headers: NAVIGATION, cookies })), options)).rejects.toBeInstanceOf(
    Response,
  )
}

interface Observer {
  /** Fills what the module keeps, through its own functions. */
  readonly fill: () => unknown
  /**
   * By registration (in source order): the module's own test hook, true while what that registration forgets is
   * there. Without one, the registration must empty a cache the module made at load and `fill` filled.
   */
  readonly observed?: Readonly<Record<number, () => boolean>>
}

/** One per module that registers a reset, by its path; the search below fails on a module missing here. */
const OBSERVERS: Readonly<Record<string, Observer>> = {
  'src/auth/clerkInstance.ts': { fill: browse, observed: { 0: () => findInstance(options) !== undefined } },
  'src/auth/machine/machineTokenCache.ts': {
    // A machine token the Backend API verified: remembered, and counted as a call.
    fill: () =>
      cachedMachineVerification(
        'processState|mt_reset',
        'backend-api',
        () => ({ ok: true, data: { expiration: null } }) as never,
      ),
    observed: { 0: () => machineBackendCallCount() > 0 },
  },
  'src/auth/publishableKey.ts': { fill: browse },
  'src/auth/refresh.ts': { fill: browse },
  'src/auth/requestContext.ts': {
    fill: async () => {
      await browse()
      withoutScheme(`https://${FAPI_HOST}`)
    },
  },
  'src/auth/satelliteRedirect.ts': {
    fill: () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
      allowedSatelliteUrl('https://elsewhere.example.com/', options)
      warn.mockRestore()
    },
  },
  'src/backend/tokenCache.ts': {
    fill: async () => cacheJwt('sess_1|test', await signTestJwt({ sub: 'user_1', exp: nowSeconds() + 60 }), Date.now()),
    observed: { 0: () => tokenCacheSize() > 0 },
  },
  'src/jwt/decodeJwt.ts': { fill: browse },
  'src/jwt/keys.ts': {
    fill: async () => {
      await browse()
      // A key set by secret key (JWKS), beside the jwtKey getAuth used.
      knownVerificationKey(
        { kid: 'ins_reset', alg: 'RS256' },
        { secretKey: 'sk_test_jwks', fetchJwks: async () => ({ keys: [] }) },
      )
    },
    observed: { 0: () => knownVerificationKey({ alg: 'RS256' }, { jwtKey: key.pem }) !== undefined },
  },
  'src/jwt/verifiedTokenCache.ts': { fill: browse, observed: { 0: () => verifiedTokenCount() > 0 } },
  'src/jwt/verifyJwt.ts': { fill: browse, observed: { 0: () => signatureCheckCount() > 0 } },
  'src/remix/env.ts': { fill: browse },
}

describe('resetProcessState', () => {
  const inSources = registrationsInSources()
  const resetsOf = (file: string) => recorded.resets.filter((reset) => reset.file === file)
  /** The caches a module made as it loaded: the state it keeps per process (not those made later, per instance). */
  let moduleCaches: Array<{ readonly file: string; readonly cache: Pick<BoundedCache<unknown, unknown>, 'size'> }>

  beforeAll(async () => {
    for (const file of inSources.keys()) await import(/* @vite-ignore */ join(ROOT, file))
    moduleCaches = [...recorded.caches]
  })

  it('finds the modules that register a reset by searching src/', () => {
    expect(inSources.size).toBeGreaterThanOrEqual(10)
    expect(recorded.resets.length).toBeGreaterThanOrEqual(inSources.size)
  })

  it('observes every module that registers a reset', () => {
    const unobserved = [...inSources.keys()].filter((file) => !(file in OBSERVERS))
    expect(
      unobserved,
      `add to OBSERVERS in ${THIS_FILE} an observer for each module that registers a reset: how to fill what it keeps`,
    ).toEqual([])
    const gone = Object.keys(OBSERVERS).filter((file) => !inSources.has(file))
    expect(gone, `remove from OBSERVERS in ${THIS_FILE} the modules that no longer register a reset`).toEqual([])
  })

  it('sees every registration run as its module loads (one per forgetOnReset call in the sources)', () => {
    for (const [file, lines] of inSources) {
      expect(resetsOf(file).length, `${file} calls forgetOnReset at lines ${lines.join(', ')}`).toBe(lines.length)
    }
    expect(recorded.resets.filter((reset) => !inSources.has(reset.file)).map((reset) => reset.file)).toEqual([])
  })

  for (const [file, lines] of inSources) {
    lines.forEach((line, index) => {
      it(`${file}:${line} forgets what the module kept`, async () => {
        const observer = OBSERVERS[file]
        if (!observer) return // named by 'observes every module that registers a reset'
        resetProcessState()
        await observer.fill()
        const hook = observer.observed?.[index]
        const own = moduleCaches.filter((made) => made.file === file)
        const filled = own.filter((made) => made.cache.size > 0)
        if (hook)
          expect(hook(), `${file}: the observer's hook for the reset at line ${line} reads empty after fill()`).toBe(
            true,
          )
        else
          expect(
            filled.length,
            `${file}: fill() of its observer in ${THIS_FILE} fills none of the module's caches`,
          ).toBeGreaterThan(0)

        resetsOf(file)[index]!.forget()

        if (hook) expect(hook(), `${file}: the reset at line ${line} leaves what its observer filled`).toBe(false)
        else {
          const emptied = filled.filter((made) => made.cache.size === 0)
          expect(
            emptied.length,
            `${file}: the reset at line ${line} empties none of the caches its observer filled`,
          ).toBeGreaterThan(0)
        }
      })
    })
  }

  it('forgets, in one call, everything every observer filled, and every cache the modules made as they loaded', async () => {
    resetProcessState()
    for (const observer of Object.values(OBSERVERS)) await observer.fill()
    expect(moduleCaches.filter((made) => made.cache.size > 0).length).toBeGreaterThan(0)

    resetProcessState()

    for (const [file, observer] of Object.entries(OBSERVERS)) {
      for (const [index, hook] of Object.entries(observer.observed ?? {})) {
        expect(hook(), `${file}: what registration ${index} keeps`).toBe(false)
      }
    }
    const kept = moduleCaches.filter((made) => made.cache.size > 0).map((made) => made.file)
    expect(kept, 'modules whose cache no reset forgets (register one with forgetOnReset next to the cache)').toEqual([])
  })
})
