// Benchmark 1 (TODO, for the coordinator, who owns getAuth): the cost of authenticating one signed-in cookie
// request, against a bare jose verification of the same token and against @clerk/remix's getAuth.
//
// Plan, for whoever fills this in (`remix-clerk/ssr.server` exports getAuth since commit 2b1aeec):
//
// Setup (untimed, once):
//   - `createLocalClerk({ db: ':memory:', sessionLifetime: 3600 })` from remix-clerk-local, in process (a session
//     token must outlive the run; the default 60 s does not). Seed with `seedInstance({ apiUrl, secretKey,
//     fetch: (url, init) => clerk.fetch(new Request(url, init)) })` from ./seed.mjs.
//   - `token = await clerk.getToken(sessionId)`; `publicKey = await jose.importSPKI(clerk.jwtKey, 'RS256')`.
//   - `requestFor(token)` = `new Request('http://127.0.0.1:3000/dashboard', { headers: { cookie:
//     '__session=<token>; __client_uat=<iat of token>', accept: 'text/html', 'sec-fetch-dest': 'document' } })`;
//     args = `{ request, context: {}, params: {} }`.
//   - Networkless options for both SDKs: `{ secretKey, publishableKey: clerk.publishableKey, jwtKey: clerk.jwtKey }`.
//   - Check once, untimed, that every arm reports `userId === seeded userId` (a signed-out result must fail the
//     bench, never produce a figure).
//
// Table 1a, networkless (`jwtKey`), arms in this order (the first is the baseline of every ratio):
//   1. bare jose:           `await jose.jwtVerify(token, publicKey, { algorithms: ['RS256'] })`
//   2. ours, first seen:    `await getAuth({ request: freshRequest(), context: {}, params: {} }, options)` on a token
//                           the verified-token cache has never seen: `beforeRound(ops)` mints `ops` distinct tokens
//                           with `clerk.getToken(sessionId)` and builds their Requests, so minting is not timed.
//                           (For a fair baseline, arm 1 may verify the same pool; both pools are untimed.)
//   3. ours, seen before:   the same token every call, a new Request every call (pre-built in `beforeRound`).
//   4. ours, same Request:  one Request, `getAuth(args)` called `ops` times (the per-request WeakMap).
//   5. @clerk/remix:        `getAuth(args, options)` from '@clerk/remix/ssr.server', a new Request per call, same token.
//   Targets (issue 7): arm 2 ≤ 1.25× arm 1 and ≥ 4× faster than arm 5; arm 3 ≤ 10 µs; arm 4 ≤ 2 µs.
//
// Table 1b, warm JWKS: the same arms with options `{ secretKey, publishableKey, apiUrl }` (no jwtKey) against the
//   in-process instance served over HTTP (`await clerk.listen(0)`), after one untimed call per SDK fills its JWKS
//   cache; count the Backend API requests the server saw during the measured rounds (expected 0 for ours).
//
// Report with `comparisonTable({ results })` from ./report.mjs; close the LocalClerk in `finally`.

export const bench = {
  id: 1,
  title: 'getAuth on a signed-in cookie request',
  todo:
    'Not written yet: the coordinator fills it in now that getAuth exists. Planned arms: bare jose.jwtVerify (baseline); our ' +
    'getAuth on a first-seen token, a token seen before, and the same Request again; @clerk/remix getAuth; once ' +
    'networkless (jwtKey) and once with a warm JWKS. See bench/getAuth.mjs for the exact calls.',
}
