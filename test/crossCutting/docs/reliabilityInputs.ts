// The numbers of docs/reliability.md that are not results but what a suite sends or what the code enforces (a 10 KB
// `kid`, the 3 s deadline), each with the file that says the same: test/crossCutting/docs/reliability.test.ts checks that the file
// still does, and test/crossCutting/docs/figures.test.ts takes them for what they are, no measured figures.

/**
 * Numbers that are what a suite sends or what the code enforces, not results: the phrase of the doc, and the file
 * (found by its name if it moved) with the text that says the same.
 */
export const INPUTS: Array<{ phrase: string; file: string; says: string }> = [
  { phrase: '10 KB or path-like', file: 'test/crossCutting/hostile/hostileTokens.ts', says: "'a 10 KB kid'" },
  {
    phrase: '100 KB and deeply nested payloads',
    file: 'test/crossCutting/hostile/hostileTokens.ts',
    says: "'a 100 KB payload",
  },
  {
    phrase: 'a 1 MB cookie, 500 cookies',
    file: 'test/crossCutting/hostile/requestHeaders.test.ts',
    says: "'500 cookies, none of them ours'",
  },
  { phrase: 'values (8 KB,', file: 'test/crossCutting/hostile/dropInParameters.test.ts', says: "'x'.repeat(8_000)" },
  {
    phrase: 'at most 512 refresh calls fail per 10 s',
    file: 'src/auth/refresh.ts',
    says: 'MAX_FAILED_REFRESHES = 512',
  },
  {
    phrase: '10 KB) name one raw segment',
    file: 'test/crossCutting/hostile/dropInParameters.test.ts',
    says: "'a'.repeat(10_000)",
  },
  { phrase: 'answer 500, 429', file: 'test/crossCutting/faults/faults.ts', says: 'status: 429' },
  { phrase: "page's 3 s deadline", file: 'src/auth/clerkInstance.ts', says: 'PAGE_BLOCKING_TIMEOUT_MS = 3_000' },
  { phrase: 'umask 022', file: 'local/test/hostile/privateFiles.test.ts', says: 'process.umask(0o022)' },
  {
    phrase: 'a\n  1 MiB hostile value',
    file: 'local/test/hostile/inputStall.test.ts',
    says: "'a 1 MiB hostile value does not stall the server'",
  },
  { phrase: 'the 5-minute JWKS cache', file: 'src/jwt/keys.ts', says: 'JWKS_TTL_MS = 300_000' },
  { phrase: '(over\n512 per 10 s)', file: 'src/auth/refresh.ts', says: 'MAX_FAILED_REFRESHES = 512' },
  { phrase: 'on 2 cores', file: 'bench/results.md', says: '2 cores' },
]
