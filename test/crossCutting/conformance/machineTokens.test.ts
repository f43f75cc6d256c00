// Conformance of machine tokens, `acceptsToken` and pending sessions with the official SDKs, by differential tests:
// every case of the machine corpus goes through @clerk/backend 3's authenticateRequest and our engine, and through
// @clerk/react-router 3's clerkMiddleware + getAuth and ours in React Router 7's real request handler, against the same
// real local backend. Every disagreement must be one of the named differences below (docs/differences.md lists them
// with the same reasons); which case shows which is committed in machine-expectations.md, so a new disagreement fails,
// and so does one that goes away.
import { isDeepStrictEqual } from 'node:util'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { resetProcessState } from '../../../src/shared/processState.js'
import {
  generateMachineCorpus,
  middlewareHandlers,
  startMachineBackend,
  viaBackend3,
  viaMiddleware,
  viaOurEngine,
  type MachineBackend,
  type MachineCase,
  type MachineOutcome,
} from './machineCorpus.js'

type Comparison = 'backend3' | 'react-router3'

interface MachineDifference {
  id: string
  against: readonly Comparison[]
  reason: string
  /** Differing fields it accounts for. */
  fields: readonly string[]
  matches(testCase: MachineCase, ours: MachineOutcome, theirs: MachineOutcome): boolean
}

const OPAQUE_MACHINE_TOKENS = [
  'api-key',
  'api-key-org',
  'api-key-revoked',
  'api-key-unknown',
  'm2m',
  'm2m-unscoped',
  'm2m-revoked',
  'm2m-unknown',
  'oauth',
  'oauth-revoked',
  'oauth-unknown',
]
const sessionsOnly = (c: MachineCase) => c.accepts === 'session_token'

export const MACHINE_DIFFERENCES: readonly MachineDifference[] = [
  {
    id: 'opaque-machine-token-refused-by-kind',
    against: ['backend3'],
    reason:
      'An opaque machine token (`ak_…`, `mt_…`, `oat_…`) sent where only sessions are taken is refused as `token-type-mismatch`, with a message that names its kind and the `acceptsToken` that takes it. Upstream tries to decode it as a session JWT and says `token-invalid` (`Invalid JWT form…`), which sends a developer looking for a broken token rather than a missing option.',
    fields: ['reason', 'message', 'auth.debugReason', 'auth.debugMessage'],
    matches: (c, ours, theirs) =>
      OPAQUE_MACHINE_TOKENS.includes(c.token) &&
      sessionsOnly(c) &&
      ours.reason === 'token-type-mismatch' &&
      theirs.reason === 'token-invalid',
  },
  {
    id: 'mismatch-reason-in-debug',
    against: ['backend3', 'react-router3'],
    reason:
      "The auth object of a token whose kind is not accepted says why in `debug()` (`reason: 'token-type-mismatch'`), as every other signed-out auth object does. Upstream's is empty where a list of kinds refuses the token, and React Router's getAuth loses it (it passes the debug function where the debug data goes).",
    fields: ['auth.debugReason', 'auth.debugMessage'],
    matches: (_c, ours, theirs) =>
      ours.auth.debugReason === 'token-type-mismatch' && (theirs.auth.debugReason ?? null) === null,
  },
  {
    id: 'type-mismatch-message',
    against: ['backend3', 'react-router3'],
    reason:
      'A refused token kind says which kind it is and why (as in the main corpus: `Invalid session token category (cat) "cl_B7d4PD333AAA". JWT template and machine tokens cannot be used as session tokens.`, `Invalid JWT type "at+jwt": an OAuth access token is not a session token.`), where upstream gives an empty message.',
    fields: ['message', 'auth.debugMessage'],
    matches: (_c, ours, theirs) =>
      ours.auth.debugReason === 'token-type-mismatch' &&
      theirs.auth.debugReason === 'token-type-mismatch' &&
      theirs.message === '' &&
      Boolean(ours.message),
  },
]

const corpus = generateMachineCorpus()
const COMPARISONS: Comparison[] = ['backend3', 'react-router3']

interface Result {
  outcomes: Record<'backend3' | 'oursEngine' | 'reactRouter3' | 'oursMiddleware', MachineOutcome>
  differing: Record<Comparison, string[]>
}

let backend: MachineBackend
const results = new Map<string, Result>()

beforeAll(async () => {
  backend = await startMachineBackend()
  resetProcessState()
  const handlerFor = await middlewareHandlers()
  const previousApiUrl = process.env.CLERK_API_URL
  const quiet = [vi.spyOn(console, 'log'), vi.spyOn(console, 'warn'), vi.spyOn(console, 'error')].map((spy) =>
    spy.mockImplementation(() => undefined),
  )
  try {
    for (const testCase of corpus) {
      const config = backend.config(testCase.options)
      // @clerk/react-router reads its Backend API URL from CLERK_API_URL only.
      process.env.CLERK_API_URL = config.apiUrl
      const outcomes: Result['outcomes'] = {
        backend3: await viaBackend3(backend, testCase),
        oursEngine: await viaOurEngine(backend, testCase),
        reactRouter3: await viaMiddleware(handlerFor('official', config), backend, testCase),
        oursMiddleware: await viaMiddleware(handlerFor('ours', config), backend, testCase),
      }
      results.set(testCase.id, {
        outcomes,
        differing: {
          backend3: differingFields(outcomes.oursEngine, outcomes.backend3),
          'react-router3': differingFields(outcomes.oursMiddleware, outcomes.reactRouter3),
        },
      })
    }
  } finally {
    for (const spy of quiet) spy.mockRestore()
    if (previousApiUrl === undefined) delete process.env.CLERK_API_URL
    else process.env.CLERK_API_URL = previousApiUrl
  }
  // CONFORMANCE_DUMP=<file> writes every outcome there, to study a new disagreement.
  if (process.env.CONFORMANCE_DUMP) {
    const { writeFileSync } = await import('node:fs')
    writeFileSync(process.env.CONFORMANCE_DUMP, JSON.stringify(Object.fromEntries(results), null, 1))
  }
}, 120_000)
afterAll(() => backend?.close())

function differingFields(ours: MachineOutcome, theirs: MachineOutcome): string[] {
  const fields = (['status', 'reason', 'message'] as const).filter((key) => ours[key] !== theirs[key])
  const keys = new Set([...Object.keys(ours.auth), ...Object.keys(theirs.auth)])
  const auth = [...keys]
    .filter((key) => !isDeepStrictEqual(ours.auth[key], theirs.auth[key]))
    .map((key) => `auth.${key}`)
  return [...fields, ...auth].sort()
}

function classify(comparison: Comparison, testCase: MachineCase, result: Result) {
  const [ours, theirs] =
    comparison === 'backend3'
      ? [result.outcomes.oursEngine, result.outcomes.backend3]
      : [result.outcomes.oursMiddleware, result.outcomes.reactRouter3]
  const differing = result.differing[comparison]
  const matched = MACHINE_DIFFERENCES.filter((d) => d.against.includes(comparison) && d.matches(testCase, ours, theirs))
  return {
    label: matched.length === 0 ? 'agree' : matched.map((d) => d.id).join(' + '),
    unexplained: differing.filter((field) => !matched.some((d) => d.fields.includes(field))),
    idle: matched.filter((d) => !differing.some((field) => d.fields.includes(field))).map((d) => d.id),
  }
}

describe('the machine corpus', () => {
  it('covers every kind of token, accepted or not, and reaches every outcome', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200)
    const seen = new Set(
      [...results.values()].map(
        ({ outcomes }) => `${outcomes.backend3.auth.tokenType} ${outcomes.backend3.auth.isAuthenticated}`,
      ),
    )
    expect([...seen].sort()).toEqual(
      [
        'api_key false',
        'api_key true',
        'm2m_token false',
        'm2m_token true',
        'null false',
        'oauth_token false',
        'oauth_token true',
        'session_token false',
        'session_token true',
      ].sort(),
    )
  })
})

describe('every disagreement is a named difference', () => {
  it.each(corpus.map((c) => [c.id, c] as const))('%s', (_id, testCase) => {
    const result = results.get(testCase.id)!
    for (const comparison of COMPARISONS) {
      const { unexplained, idle } = classify(comparison, testCase, result)
      expect({ comparison, unexplained, idle }, JSON.stringify(result.outcomes, null, 1)).toEqual({
        comparison,
        unexplained: [],
        idle: [],
      })
    }
  })
})

describe('the expectation table', () => {
  it('matches machine-expectations.md: which case shows which difference', async () => {
    const rows = corpus.map((c) => {
      const result = results.get(c.id)!
      return `| ${c.id} | ${classify('backend3', c, result).label} | ${classify('react-router3', c, result).label} |`
    })
    const count = (comparison: Comparison, id: string) =>
      corpus.filter((c) => classify(comparison, c, results.get(c.id)!).label.split(' + ').includes(id)).length
    const table = [
      '# Machine-token conformance: expectations',
      '',
      'Generated by `test/crossCutting/conformance/machineTokens.test.ts` (after reviewing a change, update it with',
      '`npx vitest run --project remix-clerk test/crossCutting/conformance/machineTokens.test.ts -u`). Each case runs through',
      "@clerk/backend 3's `authenticateRequest` and our engine, and through @clerk/react-router 3's middleware and ours.",
      '',
      `${corpus.length} cases.`,
      '',
      '| outcome | vs @clerk/backend 3 | vs @clerk/react-router 3 |',
      '|---|---|---|',
      `| agree in every field | ${count('backend3', 'agree')} | ${count('react-router3', 'agree')} |`,
      ...MACHINE_DIFFERENCES.map(
        (d) => `| \`${d.id}\` | ${count('backend3', d.id)} | ${count('react-router3', d.id)} |`,
      ),
      '',
      '## Differences',
      '',
      ...MACHINE_DIFFERENCES.map((d) => `- \`${d.id}\`: ${d.reason}`),
      '',
      '## Cases',
      '',
      '| case (token, acceptsToken, options) | vs @clerk/backend 3 | vs @clerk/react-router 3 |',
      '|---|---|---|',
      ...rows,
      '',
    ].join('\n')
    await expect(table).toMatchFileSnapshot('./machine-expectations.md')
  })

  it('every named difference occurs in the corpus', () => {
    for (const difference of MACHINE_DIFFERENCES) {
      const occurs = corpus.some((c) =>
        COMPARISONS.some((comparison) =>
          classify(comparison, c, results.get(c.id)!).label.split(' + ').includes(difference.id),
        ),
      )
      expect(occurs, difference.id).toBe(true)
    }
  })
})
