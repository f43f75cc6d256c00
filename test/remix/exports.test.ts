// The public surface: `remix-clerk/ssr.server` exports exactly getAuth, rootAuthLoader and isRemixClerkError at run time,
// from the sources and from the built ESM and CJS files, whose types import nothing from Remix; `api.server`
// exports verifyToken with its error class, and none of the internals; `webhooks` exactly verifyWebhook and its error.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as apiSource from '../../src/api.server.js'
import * as ssrSource from '../../src/ssr.server.js'
import * as webhooksSource from '../../src/webhooks.js'
import { createTestKey, sessionClaims, signToken, type TestKey } from '../helpers/sessionTokens.js'

const root = join(import.meta.dirname, '..', '..')
// Inside node_modules so that the built files resolve `jose` and `cookie` as an installed package would.
const outDir = join(root, 'node_modules', '.cache', `remix-clerk-exports-test-${process.pid}`)

let key: TestKey

beforeAll(async () => {
  key = await createTestKey('ins_exports')
  mkdirSync(outDir, { recursive: true })
  // The project's own tsup config (both entries, ESM + CJS + types), written to a private directory so a
  // parallel `npm run build` or benchmark is not disturbed.
  execFileSync(join(root, 'node_modules', '.bin', 'tsup'), ['--out-dir', outDir], { cwd: root, stdio: 'pipe' })
}, 120_000)
afterAll(() => rmSync(outDir, { recursive: true, force: true }))

describe('remix-clerk/ssr.server', () => {
  it('exports exactly getAuth, rootAuthLoader and isRemixClerkError (sources)', () => {
    expect(Object.keys(ssrSource).sort()).toEqual(['getAuth', 'isRemixClerkError', 'rootAuthLoader'])
  })

  it('exports exactly getAuth, rootAuthLoader and isRemixClerkError (built ESM and CJS)', async () => {
    const esm = (await import(pathToFileURL(join(outDir, 'ssr.server.js')).href)) as Record<string, unknown>
    const cjs = createRequire(import.meta.url)(join(outDir, 'ssr.server.cjs')) as Record<string, unknown>
    expect(Object.keys(esm).sort()).toEqual(['getAuth', 'isRemixClerkError', 'rootAuthLoader'])
    expect(
      Object.keys(cjs)
        .filter((name) => name !== '__esModule')
        .sort(),
    ).toEqual(['getAuth', 'isRemixClerkError', 'rootAuthLoader'])
  })

  it('built ESM and CJS both authenticate a request', async () => {
    const esm = (await import(pathToFileURL(join(outDir, 'ssr.server.js')).href)) as typeof ssrSource
    const cjs = createRequire(import.meta.url)(join(outDir, 'ssr.server.cjs')) as typeof ssrSource
    const token = await signToken(key, sessionClaims())
    const options = {
      secretKey: 'sk_live_exports',
      publishableKey: `pk_live_${btoa('clerk.example.com$').replace(/=+$/, '')}`,
      jwtKey: key.pem,
    }
    for (const { getAuth } of [esm, cjs]) {
      const request = new Request('https://app.example.com/', { headers: { authorization: `Bearer ${token}` } })
      expect((await getAuth({ request, context: {} }, options)).userId).toBe('user_2xyz')
    }
  })

  it('types mention neither Remix nor @clerk packages (no peer needed to type-check)', () => {
    for (const file of ['ssr.server.d.ts', 'ssr.server.d.cts', 'api.server.d.ts', 'webhooks.d.ts', 'webhooks.d.cts']) {
      // Only declarations count: the JSDoc examples import from @remix-run/node, as an app does.
      const declarations = readFileSync(join(outDir, file), 'utf8')
        .split('\n')
        .filter((line) => !/^\s*(?:\/\*\*|\*)/.test(line))
        .join('\n')
      expect(declarations).not.toMatch(/from ['"]@remix-run\/|import\(['"]@remix-run\//)
      expect(declarations).not.toMatch(/from ['"]@clerk\/|import\(['"]@clerk\//)
      expect(declarations).toMatch(/declare function (?:getAuth|verifyWebhook)|export \{/)
    }
  })
})

describe('remix-clerk/api.server', () => {
  it('exports verifyToken and the verification errors, and no internals', () => {
    const names = Object.keys(apiSource)
    expect(names).toEqual(
      expect.arrayContaining([
        'createClerkClient',
        'verifyToken',
        'TokenVerificationError',
        'TokenVerificationErrorReason',
      ]),
    )
    for (const internal of [
      'signatureCheckCount',
      'verifyJwt',
      'resetProcessState',
      'authenticateRequest',
      'getAuth',
    ]) {
      expect(names).not.toContain(internal)
    }
  })

  it('verifyToken resolves to the claims, or rejects with a TokenVerificationError carrying the reason', async () => {
    const claims = sessionClaims()
    expect(await apiSource.verifyToken(await signToken(key, claims), { jwtKey: key.pem })).toEqual(claims)
    const error = await apiSource
      .verifyToken(await signToken(key, sessionClaims({ exp: 1_000 })), { jwtKey: key.pem })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(apiSource.TokenVerificationError)
    expect(error).toMatchObject({ reason: 'token-expired', message: expect.stringMatching(/^JWT is expired\./) })
  })
})

describe('remix-clerk/webhooks', () => {
  it('exports exactly verifyWebhook and WebhookVerificationError (sources, built ESM and CJS)', async () => {
    const esm = (await import(pathToFileURL(join(outDir, 'webhooks.js')).href)) as Record<string, unknown>
    const cjs = createRequire(import.meta.url)(join(outDir, 'webhooks.cjs')) as Record<string, unknown>
    for (const names of [
      Object.keys(webhooksSource),
      Object.keys(esm),
      Object.keys(cjs).filter((name) => name !== '__esModule'),
    ]) {
      expect(names.sort()).toEqual(['WebhookVerificationError', 'verifyWebhook'])
    }
  })
})
