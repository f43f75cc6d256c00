// Conformance with the official SDK, by differential tests: every generated request goes through the
// official @clerk/remix 4 getAuth and @clerk/backend 3 authenticateRequest and through ours, against the
// same real local backend. Every disagreement must be one of the named differences (differences.ts); the
// table of which case shows which difference is committed (expectations.md), so that a new disagreement
// fails, and so does one that went away.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { differingFields } from './compare.js'
import { generateCorpus, prepareCase, type ConformanceCase } from './corpus.js'
import { DIFFERENCES, classify, type Classification, type Comparison } from './differences.js'
import { runAll, runOursOnWebCrypto, type Implementation, type Outcome } from './implementations.js'
import { startInstances, type Instances } from './instances.js'
import { renderTable, sameVerdict } from './table.js'
import { resetProcessState } from '../../../src/shared/processState.js'

const corpus = generateCorpus()
const COMPARISONS: Record<Comparison, { ours: Implementation; theirs: Implementation }> = {
  remix4: { ours: 'ours', theirs: 'remix4' },
  backend3: { ours: 'oursEngine', theirs: 'backend3' },
}

interface Result {
  outcomes: Record<Implementation, Outcome>
  /** Ours again with the signatures checked by jose on WebCrypto (the portable path) instead of node:crypto. */
  webCrypto: Pick<Record<Implementation, Outcome>, 'ours' | 'oursEngine'>
  classifications: Record<Comparison, Classification & { differing: string[] }>
}

let instances: Instances
const results = new Map<string, Result>()

beforeAll(async () => {
  instances = await startInstances()
  resetProcessState()
  // Upstream logs (missing azp, redirect loops, failed handshakes); the outcomes say all of it.
  const quiet = [vi.spyOn(console, 'log'), vi.spyOn(console, 'warn'), vi.spyOn(console, 'error')].map((spy) =>
    spy.mockImplementation(() => undefined),
  )
  try {
    for (const testCase of corpus) {
      // Each case mints its token just before its requests run: tokens live a minute.
      const prepared = await prepareCase(testCase, instances)
      const outcomes = await runAll(prepared.request, prepared.config)
      const classifications = {} as Result['classifications']
      for (const [comparison, { ours, theirs }] of Object.entries(COMPARISONS) as Array<
        [Comparison, (typeof COMPARISONS)[Comparison]]
      >) {
        const differing = differingFields(outcomes[ours], outcomes[theirs])
        classifications[comparison] = {
          ...classify(comparison, testCase, outcomes[ours], outcomes[theirs], differing),
          differing,
        }
      }
      results.set(testCase.id, {
        outcomes,
        classifications,
        webCrypto: await runOursOnWebCrypto(prepared.request, prepared.config),
      })
    }
  } finally {
    for (const spy of quiet) spy.mockRestore()
  }
  // CONFORMANCE_DUMP=<file> writes every outcome and classification there, to study a new disagreement.
  if (process.env.CONFORMANCE_DUMP) {
    const { writeFileSync } = await import('node:fs')
    writeFileSync(process.env.CONFORMANCE_DUMP, JSON.stringify(Object.fromEntries(results), null, 1))
  }
}, 120_000)
afterAll(() => instances?.close())

describe('both signature paths', () => {
  it('node:crypto (synchronous) and jose on WebCrypto give identical outcomes on every case, through getAuth and the engine', () => {
    const mismatches = [...results].flatMap(([id, { outcomes, webCrypto }]) =>
      (['ours', 'oursEngine'] as const).flatMap((which) => {
        const differing = differingFields(outcomes[which], webCrypto[which])
        return differing.length > 0 ? [`${id} (${which}): ${differing.join(', ')}`] : []
      }),
    )
    expect(mismatches).toEqual([])
    expect(results.size).toBe(corpus.length)
  })
})

describe('the corpus', () => {
  it('has at least 200 cases, unique, from every family', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200)
    expect(new Set(corpus.map((c) => c.id)).size).toBe(corpus.length)
    expect(new Set(corpus.map((c) => c.family))).toEqual(
      new Set([
        'cookies',
        'authorization',
        'requests',
        'options',
        'claims',
        'local key',
        'development',
        'satellite',
        'primary sync',
        'refresh',
        'organization sync',
      ]),
    )
  })

  it('reaches every outcome: signed in, signed out and handshake, with each of the decision table reasons', () => {
    const seen = new Set(
      [...results.values()].map(({ outcomes }) =>
        `${outcomes.backend3.status} ${outcomes.backend3.reason ?? ''}`.trim(),
      ),
    )
    expect([...seen].sort()).toEqual(
      expect.arrayContaining([
        'signed-in',
        'signed-out session-token-and-uat-missing',
        'signed-out token-invalid',
        'signed-out token-invalid-signature',
        'signed-out jwk-kid-mismatch',
        'signed-out token-type-mismatch',
        'signed-out token-invalid-authorized-parties',
        'handshake client-uat-but-no-session-token',
        'handshake session-token-but-no-client-uat',
        'handshake session-token-iat-before-client-uat',
        'handshake session-token-expired-refresh-non-eligible-no-refresh-cookie',
        'handshake session-token-nbf',
        'handshake session-token-iat-in-the-future',
        'handshake primary-domain-cross-origin-sync',
        'handshake dev-browser-missing',
        'handshake dev-browser-sync',
        'signed-out session-token-expired-refresh-non-eligible-non-get',
        // Satellites, the development primary's answer, refresh and organization sync.
        'handshake satellite-needs-syncing',
        'handshake primary-responds-to-syncing',
        'handshake active-organization-mismatch',
        'handshake session-token-expired-refresh-refresh_token_not_found',
        'handshake session-token-expired-refresh-refresh_request_origin_azp_mismatch',
      ]),
    )
  })
})

describe('every disagreement is a named difference', () => {
  it.each(corpus.map((c) => [c.id, c] as const))('%s', (_id, testCase: ConformanceCase) => {
    const result = results.get(testCase.id)!
    for (const comparison of Object.keys(COMPARISONS) as Comparison[]) {
      const { unexplained, idle } = result.classifications[comparison]
      const { ours, theirs } = COMPARISONS[comparison]
      // On failure, both outcomes are printed next to the fields no difference accounts for.
      expect(
        { comparison, unexplained, idle },
        JSON.stringify({ ours: result.outcomes[ours], theirs: result.outcomes[theirs] }, null, 1),
      ).toEqual({
        comparison,
        unexplained: [],
        idle: [],
      })
    }
    // Our getAuth and our engine tell the same story (getAuth throws the handshake as a 307 Response).
    const { ours, oursEngine } = result.outcomes
    expect(pick(ours)).toEqual(pick(oursEngine))
  })
})

describe('the expectation table', () => {
  it('matches expectations.md: which case shows which difference', async () => {
    const rows = corpus.map((c) => ({
      id: c.id,
      remix4: results.get(c.id)!.classifications.remix4.label,
      backend3: results.get(c.id)!.classifications.backend3.label,
      sameVerdict: {
        remix4: sameVerdict(results.get(c.id)!.classifications.remix4.differing),
        backend3: sameVerdict(results.get(c.id)!.classifications.backend3.differing),
      },
    }))
    await expect(renderTable(rows, DIFFERENCES)).toMatchFileSnapshot('./expectations.md')
  })

  it('every named difference occurs in the corpus', () => {
    const labels = [...results.values()].flatMap(({ classifications }) =>
      Object.values(classifications).map((c) => c.label),
    )
    for (const difference of DIFFERENCES)
      expect(
        labels.some((label) => label.split(' + ').includes(difference.id)),
        difference.id,
      ).toBe(true)
  })
})

/**
 * What getAuth and the engine both show: a handshake's redirect in full, otherwise the auth object (a pending
 * session is a signed-in state whose auth object is signed out, so the state's status is left out).
 */
function pick(outcome: Outcome) {
  const { status, reason, message, auth, token, has, location } = outcome
  // A redirect that is not a handshake (a development satellite's sync) is thrown by getAuth just the same.
  // getAuth's redirect is a response, which says `Vary` on the forwarded headers; the engine's state is not one.
  const { vary: _vary, ...headers } = outcome.headers
  return status === 'handshake' || status === 'redirect'
    ? { reason, message, location, headers }
    : { reason, message, auth, token, has, location }
}
