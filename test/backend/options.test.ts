// createClerkClient without `apiUrl` reads CLERK_API_URL, and that read never throws: Deno without `--allow-env`
// refuses it (NotCapable), and the client then uses the default Backend API. With `apiUrl` given, the variable is
// not read at all. (test/crossCutting/runtimes/deno.test.ts shows the same through the public API in Deno itself.)
import { describe, expect, it } from 'vitest'
import { resolveConfig } from '../../src/backend/options.js'
import { recordingEnvironment, refusingEnvironment, withProcessEnv } from '../helpers/processEnv.js'

const secretKey = 'sk_test_denied_environment'

describe('createClerkClient options', () => {
  it('without apiUrl, a refused CLERK_API_URL read counts as unset: the default Backend API', async () => {
    const reads: string[] = []
    const config = await withProcessEnv(refusingEnvironment(reads), async () => resolveConfig({ secretKey }))
    expect(reads).toEqual(['CLERK_API_URL'])
    expect(config.baseUrl).toBe('https://api.clerk.com/v1')
  })

  it('without apiUrl, a readable CLERK_API_URL is used', async () => {
    const config = await withProcessEnv(
      recordingEnvironment([], { CLERK_API_URL: 'http://127.0.0.1:4000' }),
      async () => resolveConfig({ secretKey }),
    )
    expect(config.baseUrl).toBe('http://127.0.0.1:4000/v1')
  })

  it('with apiUrl given, CLERK_API_URL is never read', async () => {
    const reads: string[] = []
    const config = await withProcessEnv(recordingEnvironment(reads, { CLERK_API_URL: 'not a url' }), async () =>
      resolveConfig({ secretKey, apiUrl: 'http://127.0.0.1:4000' }),
    )
    expect(reads).toEqual([])
    expect(config.baseUrl).toBe('http://127.0.0.1:4000/v1')
  })
})
