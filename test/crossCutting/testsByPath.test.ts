// Every source file of both packages has its test where its path says (src/<path>/<name>.ts → test/<path>/<name>.test.ts)
// or is listed below with the suites that cover it. A new file without a test, an entry whose file is gone or now has
// its own test, and an entry naming a suite that does not exist all fail, each with the sentence saying what to do.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { type CoveredElsewhere, testsByPathProblems } from './testsByPath.js'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const THIS_FILE = 'test/crossCutting/testsByPath.test.ts'

/** The root package's source files (paths under src/) whose tests are other suites; each names them (paths from the root). */
const ROOT_COVERED_ELSEWHERE: CoveredElsewhere = {
  'react-router.ts':
    'an entry: test/crossCutting/packaging/typesResolution.test.ts (its types and builds), test/crossCutting/runtimes/node.test.ts (a React Router 7 build on it)',
  'react-router/':
    'React Router 7 with clerkMiddleware: test/crossCutting/runtimes/node.test.ts, workerd.test.ts and bun.test.ts (a build on it, cookies and auth status appended, rootAuthLoader, machine tokens), test/crossCutting/conformance/machineTokens.test.ts (against @clerk/react-router 3), test/react-router/context.test.ts (without the middleware)',
  'auth/machine/':
    'machine tokens in getAuth: test/remix/getAuth.machineTokens.test.ts (each kind against the local backend, the cache, pending sessions), test/crossCutting/conformance/machineTokens.test.ts (224 cases against @clerk/backend 3)',
  'jwt/machineTokens.ts':
    'token kinds: test/remix/getAuth.machineTokens.test.ts, test/crossCutting/conformance/machineTokens.test.ts',
  'jwt/verifyMachineJwt.ts':
    'M2M and OAuth JWTs, valid and tampered: test/remix/getAuth.machineTokens.test.ts, test/crossCutting/conformance/machineTokens.test.ts',
  'jwt/verifyJwt.ts':
    'the one verification path: test/jwt/verify.test.ts, test/jwt/syncSignature.test.ts, test/auth/authenticate.test.ts',
  'api.server.ts':
    'an entry: test/remix/exports.test.ts (its exports, from the sources and the built files), test/crossCutting/packaging/typesResolution.test.ts',
  'ssr.server.ts':
    'an entry: test/remix/exports.test.ts, test/crossCutting/packaging/typesResolution.test.ts; getAuth and rootAuthLoader in test/remix/',
  'webhooks.ts': 'an entry: test/remix/exports.test.ts, test/remix/verifyWebhook.test.ts',
  'auth/claims.ts':
    'test/auth/has.test.ts and test/auth/authObject.test.ts (claims v1 and v2 read into the auth object)',
  'auth/clerkInstance.ts':
    'test/auth/authenticate.test.ts (one instance per configuration), test/remix/options.test.ts (its keys), test/shared/processState.test.ts',
  'auth/handshakeBinding.ts':
    'test/crossCutting/hostile/loginCsrf.test.ts (a handshake redeemed by another browser), test/auth/handshake.test.ts',
  'auth/location.ts':
    'test/crossCutting/hostile/openRedirect.test.ts (every Location stays on its origin), test/auth/handshake.test.ts',
  'auth/referrer.ts': 'test/auth/satellite.test.ts and test/auth/authenticate.test.ts (navigations from another site)',
  'auth/refreshFailures.ts':
    'test/auth/refresh.test.ts, test/crossCutting/hostile/dropInParameters.test.ts (made-up __refresh values), test/crossCutting/faults/refresh.test.ts',
  'auth/requestState.ts': 'test/auth/authenticate.test.ts (every row of the decision table: state, reason, headers)',
  'auth/satelliteOptions.ts': 'test/auth/satellite.test.ts (the configurations refused, with their messages)',
  'auth/satelliteRedirect.ts':
    'test/auth/satellite.test.ts, test/crossCutting/hostile/dropInParameters.test.ts (__clerk_redirect_url aimed elsewhere)',
  'backend/casing.ts':
    "test/backend/officialClient.test.ts (every request against @clerk/backend's), test/crossCutting/docs/apiClientMethods.test.ts",
  'backend/constants.ts': 'test/backend/client.test.ts (defaults on the wire)',
  'backend/defineApi.ts':
    'test/backend/officialClient.test.ts, test/backend/generatedMethods.test.ts, test/backend/methodList.test.ts',
  'backend/endpoint.ts': 'test/backend/officialClient.test.ts, test/backend/endpoints.test.ts',
  'backend/endpoints/':
    'the endpoint tables: test/backend/officialClient.test.ts (every method, same request as @clerk/backend), test/backend/endpoints.test.ts, test/backend/methodList.test.ts',
  'backend/request.ts':
    'test/backend/officialClient.test.ts, test/backend/endpoints.test.ts, test/backend/errors.test.ts (deadlines, refused connections)',
  'backend/resources/':
    'test/crossCutting/conformance/backendApi.test.ts (every answer of the local backend read by both clients), test/backend/officialClient.test.ts',
  'backend/response.ts': 'test/backend/errors.test.ts (Clerk error bodies and bodies that are not Clerk JSON)',
  'backend/retry.ts': 'test/backend/errors.test.ts (retries counted by the server)',
  'backend/tokenCache.ts':
    'test/backend/tokenSharing.test.ts (the opt-in token cache), test/shared/processState.test.ts',
  'backend/url.ts':
    'test/backend/officialClient.test.ts (paths and queries as @clerk/backend sends them), test/backend/endpoints.test.ts',
  'jwt/decodeJwt.ts':
    'test/jwt/verify.test.ts, test/crossCutting/property/tokens.property.test.ts, test/crossCutting/hostile/duplicateKeys.test.ts',
  'jwt/publicVerifyToken.ts': 'test/jwt/verify.test.ts (verifyToken as api.server exports it)',
  'jwt/reasons.ts': 'test/jwt/verify.test.ts and test/crossCutting/hostile/tokens.test.ts (every reason and message)',
  'remix/authenticateArgs.ts': 'test/remix/getAuth.test.ts (memoization per Request, misuse errors)',
  'remix/clerkState.ts':
    'test/remix/rootAuthLoader.test.ts, test/remix/clerkApp.test.ts (read by the official ClerkApp)',
  'remix/cloudflareWorkersEnv.ts': 'test/crossCutting/runtimes/workerd.test.ts (bindings from cloudflare:workers)',
  'remix/errors.ts': 'test/remix/getAuth.test.ts and test/remix/rootAuthLoader.test.ts (misuse errors)',
  'remix/forwardedVary.ts': 'test/crossCutting/hostile/forwardedHeaders.test.ts',
  'remix/loaderResult.ts':
    'test/remix/rootAuthLoader.test.ts (json, defer, data, redirect), test/remix/remixGlobals.test.ts',
  'remix/resources.ts': 'test/remix/rootAuthLoader.test.ts (loadUser, loadSession, loadOrganization)',
  'shared/detached.ts':
    'test/auth/requestContext.test.ts and test/jwt/verifiedTokenCache.test.ts (the values it copies)',
  'shared/processEnv.ts': 'test/remix/env.test.ts and test/backend/options.test.ts (refused process.env reads)',
}

/**
 * local/'s source files (paths under local/src/) whose tests are other suites (paths from local/). It matches local/'s
 * layout of today: when local/src and local/test move, replace these entries with what the failures name.
 */
const LOCAL_COVERED_ELSEWHERE: CoveredElsewhere = {
  'bapi/machineCredentials.ts':
    'machine and instance secret keys on /m2m_tokens: test/system/conformance/officialSdkMachineAuth.test.ts, test/system/machineAuth.test.ts',
  'bapi/machineTokenApi.ts':
    'the versionless machine-token paths: test/system/conformance/officialSdkMachineAuth.test.ts, test/system/machineAuth.test.ts, test/system/conformance/endpointTable.test.ts',
  'index.ts': 'the package entry: test/testing.test.ts, test/assembly/localClerk.test.ts',
  'assembly/app.ts': 'the Hono app of both APIs: test/assembly/localClerk.test.ts, test/fapi/handshakePayload.test.ts',
  'assembly/envLines.ts': 'test/cli.test.ts (--write-env and the printed lines)',
  'assembly/hostGuard.ts': 'test/system/hostile/hostHeader.test.ts',
  'assembly/seed.ts': 'test/cli.test.ts, test/assembly/localClerk.test.ts, test/store/scaleQueryPlans.test.ts',
  'assembly/server.ts': 'test/cli.test.ts, test/assembly/localClerk.test.ts',
  'backendJson/':
    'the JSON of each object: test/system/conformance/officialSdk.test.ts (the official client reads every answer), test/bapi/routes/users.test.ts, test/bapi/routes/organizations.test.ts',
  'bapi/index.ts': 'test/system/conformance/endpointTable.test.ts, test/system/wire.test.ts',
  'bapi/apiVersion.ts': 'test/system/wire.test.ts, test/system/hostile/badInput.test.ts',
  'bapi/auth.ts': 'the secret-key check: test/system/hostile/badInput.test.ts, test/system/wire.test.ts',
  'bapi/query.ts':
    'query strings and arrays: test/bapi/routes/users.test.ts, test/system/conformance/officialSdkUsers.test.ts, test/system/hostile/badInput.test.ts',
  'bapi/upload.ts': 'multipart images: test/bapi/routes/users.test.ts, test/bapi/routes/organizations.test.ts',
  'bapi/unsupported.ts':
    'test/system/conformance/endpointTable.test.ts (every endpoint not modelled answers not_supported)',
  'bapi/routes/':
    'test/bapi/routes/users.test.ts, test/bapi/routes/organizations.test.ts, test/bapi/routes/sessions.test.ts, test/system/conformance/officialSdkUsers.test.ts, test/system/conformance/officialSdkOrganizations.test.ts',
  'clerkJsBundles/':
    'test/clerkJsBundles/clerkJsInstall.test.ts, test/fapi/clerkJsFiles.test.ts, test/fapi/accountPortal.test.ts',
  'core/': 'the wiring and its options: test/assembly/localClerk.test.ts, test/cli.test.ts',
  'fapi/':
    "the Frontend API through ClerkJS's calls: test/system/clerkJs/signIn.test.ts, test/system/clerkJs/signUp.test.ts, test/system/clerkJs/meMutations.test.ts, test/system/clerkJs/organizations.test.ts, test/system/browser/localClerkJs.test.ts",
  'http/':
    'test/http/allowedOrigins.test.ts, test/system/hostile/hostHeader.test.ts, test/system/hostile/badInput.test.ts, test/system/hostile/inputStall.test.ts',
  'services/':
    'test/services/passwords.test.ts, test/services/refresh.test.ts, test/bapi/routes/users.test.ts, test/bapi/routes/sessions.test.ts, test/bapi/routes/organizations.test.ts, test/system/clerkJs/signIn.test.ts, test/system/clerkJs/restrictions.test.ts',
  'shared/':
    'small helpers: test/system/hostile/badInput.test.ts (errors, quote), test/bapi/routes/users.test.ts (ids, metadata), test/bapi/routes/organizations.test.ts (roles), test/fapi/ticketLanding.test.ts (urls), test/system/hostile/privateFiles.test.ts',
  'store/':
    'test/store/userQuery.test.ts, test/store/organizationIndexes.test.ts, test/store/scaleQueryPlans.test.ts, test/system/faults/persistence.test.ts',
  'templates/':
    'test/templates/parse.test.ts, test/templates/compile.test.ts, test/bapi/routes/jwtTemplates.test.ts, test/system/hostile/templateEngine.property.test.ts',
  'tokens/':
    'test/tokens/minter.test.ts, test/tokens/orgClaims.test.ts, test/bapi/routes/sessions.test.ts, test/system/faults/persistence.test.ts (instanceKeys)',
  'validation/': 'test/system/hostile/emailAddress.property.test.ts, test/system/hostile/badInput.test.ts',
  'webhooks/': 'test/webhooks/delivery.test.ts, test/webhooksCli.test.ts',
}

describe('tests by path', () => {
  it('the root package: every src file has test/<path>.test.ts or is covered elsewhere', () => {
    expect(testsByPathProblems(ROOT, ROOT_COVERED_ELSEWHERE, `ROOT_COVERED_ELSEWHERE in ${THIS_FILE}`)).toEqual([])
  })

  it('remix-clerk-local: every local/src file has local/test/<path>.test.ts or is covered elsewhere', () => {
    expect(
      testsByPathProblems(join(ROOT, 'local'), LOCAL_COVERED_ELSEWHERE, `LOCAL_COVERED_ELSEWHERE in ${THIS_FILE}`),
    ).toEqual([])
  })

  describe('fails on a package that breaks the rule', () => {
    const fixture = mkdtempSync(join(tmpdir(), 'tests-by-path-'))
    afterAll(() => rmSync(fixture, { recursive: true, force: true }))
    const write = (path: string) => {
      mkdirSync(dirname(join(fixture, path)), { recursive: true })
      writeFileSync(join(fixture, path), '')
    }
    for (const file of [
      'src/a.ts',
      'src/b.ts',
      'src/env.d.ts',
      'src/deep/c.ts',
      'src/deep/d.ts',
      'src/e.ts',
      'src/f.ts',
    ])
      write(file)
    for (const file of [
      'test/a.test.ts',
      'test/b.property.test.ts',
      'test/deep/c.test.ts',
      'test/other.test.ts',
      'test/deep/notATest.ts',
    ])
      write(file)

    it('names each file without a test, and says what to do', () => {
      expect(testsByPathProblems(fixture, { 'e.ts': 'test/other.test.ts' }, 'LIST')).toEqual([
        "src/deep/d.ts has no test at test/deep/d.test.ts: write that test, or, if other suites cover it, add 'deep/d.ts': '<the suites (test/….test.ts) and what they cover of it>' to LIST.",
        "src/f.ts has no test at test/f.test.ts: write that test, or, if other suites cover it, add 'f.ts': '<the suites (test/….test.ts) and what they cover of it>' to LIST.",
      ])
    })

    it('accepts files and folders listed with existing suites', () => {
      expect(
        testsByPathProblems(
          fixture,
          { 'deep/': 'test/other.test.ts', 'e.ts': 'test/other.test.ts', 'f.ts': 'test/other.test.ts' },
          'LIST',
        ),
      ).toEqual([])
    })

    it('names stale entries and suites that do not exist', () => {
      expect(
        testsByPathProblems(
          fixture,
          {
            'deep/d.ts': 'test/other.test.ts',
            'e.ts': 'test/gone.test.ts',
            'f.ts': 'covered by some suite',
            'a.ts': 'test/other.test.ts',
            'gone.ts': 'test/other.test.ts',
          },
          'LIST',
        ),
      ).toEqual([
        "LIST: the entry 'e.ts' names test/gone.test.ts, which does not exist: name the suite that covers it now.",
        "LIST: the entry 'f.ts' names no suite (test/….test.ts) that covers it.",
        "LIST lists 'a.ts', but it has its own test now: remove the entry.",
        "LIST lists 'gone.ts', which is no file or folder under src/ any more: remove or rename the entry.",
      ])
    })
  })
})
