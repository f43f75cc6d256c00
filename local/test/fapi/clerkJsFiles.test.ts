import { mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findServedBundles } from '../../src/clerkJsBundles/clerkJsBundle.js'
import { clerkJsBundleHandler } from '../../src/fapi/clerkJsFiles.js'
import { Hono } from 'hono'
import { toErrorResponse } from '../../src/http/respond.js'
import { type Harness, startHarness } from '../helpers/harness.js'

/**
 * The ClerkJS 5 that `remix-clerk-local clerk-js install` put in the cache (this project's globalSetup runs it),
 * served at Clerk's CDN paths.
 */
const served = findServedBundles()
const installed = served.clerkJs
if (!installed)
  throw new Error('No ClerkJS in the cache: run `npm run clerk-js` (remix-clerk-local clerk-js install 5 6).')
const dist = installed.distDir
const base = `/npm/@clerk/clerk-js@${installed.version}/dist`

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.close())

const get = async (path: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${h.clerk.url}${path}`, { headers })
  return { response, bytes: Buffer.from(await response.arrayBuffer()) }
}

describe('the ClerkJS bundle', () => {
  it('serves clerk.browser.js under the exact version, byte for byte, loadable from any origin', async () => {
    const { response, bytes } = await get(`${base}/clerk.browser.js`, { origin: 'http://localhost:3000' })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(bytes.equals(readFileSync(join(dist, 'clerk.browser.js')))).toBe(true)
    // On the host name browsers use (localhost for 127.0.0.1), as CLERK_JS.
    expect(h.clerk.clerkJsUrl).toBe(`${h.clerk.browserUrl}${base}/clerk.browser.js`)
    expect(h.clerk.browserUrl).toBe(h.clerk.url.replace('127.0.0.1', 'localhost'))
  })

  it('serves the chunks ClerkJS loads relative to itself, and the major version as an alias', async () => {
    const chunk = readdirSync(dist).find((name) => /_clerk\.browser_.*\.js$/.test(name))!
    const { response, bytes } = await get(`${base}/${chunk}`)
    expect(response.status).toBe(200)
    expect(bytes.equals(readFileSync(join(dist, chunk)))).toBe(true)

    const major = installed.version.split('.')[0]
    const alias = await get(`/npm/@clerk/clerk-js@${major}/dist/clerk.browser.js`)
    expect(alias.response.status).toBe(200)
    expect(alias.response.headers.get('cache-control')).toBe('public, max-age=300')
  })

  it('answers another version with a 404 that names the installed one', async () => {
    const { response, bytes } = await get('/npm/@clerk/clerk-js@4.73.0/dist/clerk.browser.js')
    expect(response.status).toBe(404)
    const body = JSON.parse(bytes.toString('utf8'))
    expect(body.errors[0].code).toBe('resource_not_found')
    expect(body.errors[0].long_message).toContain(`@clerk/clerk-js@${installed.version}`)
  })

  it.each([
    ['a parent directory, encoded', `${base}/..%2Fpackage.json`],
    ['two levels up, encoded dots', `${base}/%2e%2e%2f%2e%2e%2fpackage.json`],
    ['a backslash', `${base}/..%5Cpackage.json`],
    ['an absolute path', `${base}/%2Fetc%2Fpasswd`],
    ['a file in a sub-folder', `${base}/types%2Findex.d.ts`],
    ['the sub-folder itself', `${base}/types`],
    ['another package', '/npm/@clerk/shared@3.48.0/dist/index.js'],
    ['no version', '/npm/@clerk/clerk-js/dist/clerk.browser.js'],
    ['a NUL byte', `${base}/clerk.browser.js%00.map`],
  ])('refuses %s with a 404', async (_name, path) => {
    const { response, bytes } = await get(path)
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(bytes.toString('utf8')).not.toContain('"name"')
  })

  it('without @clerk/clerk-js installed or cached, answers with how to get it', async () => {
    const emptyCache = mkdtempSync(join(tmpdir(), 'local-clerk-no-cache-'))
    expect(findServedBundles([join('/', 'nowhere', 'package.json')], emptyCache)).toEqual({
      clerkJs: undefined,
      bundles: [],
    })
    const app = new Hono()
    app.get('/npm/@clerk/:package/dist/:file', clerkJsBundleHandler([]))
    app.onError(toErrorResponse)
    const response = await app.request(`${base}/clerk.browser.js`)
    expect(response.status).toBe(404)
    const body = (await response.json()) as { errors: Array<{ long_message: string }> }
    expect(body.errors[0]!.long_message).toContain('npx remix-clerk-local clerk-js install')
  })

  it('serves every other copy (ClerkJS 6 and @clerk/ui, from the cache) under its own version', async () => {
    const { clerkJs, bundles } = served
    expect(clerkJs!.major).toBe('5')
    const six = bundles.find((bundle) => bundle.name === '@clerk/clerk-js' && bundle.major === '6')!
    const ui = bundles.find((bundle) => bundle.name === '@clerk/ui')!
    for (const path of [
      `/npm/@clerk/clerk-js@${six.version}/dist/clerk.browser.js`,
      `/npm/@clerk/ui@${ui.version}/dist/ui.browser.js`,
    ]) {
      const { response, bytes } = await get(path)
      expect(response.status).toBe(200)
      expect(
        bytes.equals(readFileSync(join(path.includes('/ui@') ? ui.distDir : six.distDir, path.split('/').pop()!))),
      ).toBe(true)
    }
    // Each copy answers to its major too; a version not installed gets a 404 naming every installed one.
    expect((await get(`/npm/@clerk/clerk-js@6/dist/clerk.browser.js`)).response.status).toBe(200)
    const { bytes } = await get('/npm/@clerk/clerk-js@4.73.0/dist/clerk.browser.js')
    expect(JSON.parse(bytes.toString('utf8')).errors[0].long_message).toContain(`@clerk/clerk-js@${six.version}`)
  })
})
