// Benchmark 2 (TODO, for the coordinator, who owns getAuth): a document request through Remix's real request
// handler with 1, 4 and 16 nested loaders, each authenticating and asking for a template token, as parallel
// loaders of one page do.
//
// Plan, for whoever fills this in (`remix-clerk/ssr.server` exports getAuth since commit 2b1aeec):
//
// Setup (untimed, once):
//   - The local backend in its own process: `startLocalBackend()` from ./localBackend.mjs, seeded with
//     `seedInstance()` from ./seed.mjs plus a template named `test` (e.g. `jwtTemplates.create({ name: 'test',
//     claims: templateClaims(10), lifetime: 3600 })`). Its `requestCount()` counts every Backend API request.
//   - A session token valid for the whole run: mint it over HTTP (`POST /v1/sessions/{id}/tokens` with
//     `{ expires_in_seconds: 3600 }`).
//   - Options for both SDKs: `{ secretKey, publishableKey, apiUrl: backend.url, jwtKey }` (jwtKey keeps JWKS fetches
//     out of the per-request count; a second table may drop it to include a warm JWKS).
//   - For depth N in [1, 4, 16], a hand-built `ServerBuild` for `createRequestHandler(build, 'production')` from
//     '@remix-run/server-runtime': routes `root` (path '') → `r1` (path 'a1') → … → `rN-1`, each module
//     `{ loader: async (args) => { const auth = await getAuth(args, options); const token = await
//     auth.getToken({ template: 'test' }); return json({ userId: auth.userId, token: token?.length }) } }`;
//     `entry.module.default` = `(request, status, headers, context) => new Response(JSON.stringify(
//     context.staticHandlerContext.loaderData), { status, headers })` (no React render: the loaders are the point);
//     `assets: { entry: { imports: [], module: '' }, routes: {}, url: '', version: 'bench' }`, `publicPath: '/'`,
//     `assetsBuildDirectory: ''`, `future: {}`, `isSpaMode: false`. One build per SDK (same routes, the loader
//     calling our getAuth or @clerk/remix's).
//   - Request: GET `http://127.0.0.1:3000/a1/…/aN-1` with the `__session` and `__client_uat` cookies,
//     `accept: text/html`, `sec-fetch-dest: document`. Check once, untimed, that every loader of both builds saw the
//     seeded userId and a token.
//
// Table per depth, arms (first = baseline):
//   1. Remix alone: the same routes with loaders returning `json(null)` (the floor: what the framework costs).
//   2. @clerk/remix getAuth + getToken in every loader.
//   3. ours: getAuth + getToken in every loader.
//   Extra column "Backend API calls per request" from `backend.requestCount()` read in `beforeRound` and
//   `afterRound(ops)` (see `countingArm` in ./getToken.mjs). Target (issue 7): ours = 1 per request whatever N (one
//   verification, one token request shared by the loaders); @clerk/remix is expected to make N.
//   Report also ours vs @clerk/remix directly (the ratio of arm 3 to arm 2 medians, per round).

export const bench = {
  id: 2,
  title: "Remix's request handler with 1, 4 and 16 nested loaders",
  todo:
    'Not written yet: the coordinator fills it in now that getAuth exists. Planned arms per depth: Remix with no-op loaders ' +
    '(baseline), @clerk/remix getAuth + getToken({ template }) in every loader, ours the same; reports time per ' +
    'request and Backend API calls per request. See bench/loaders.mjs for the exact build and calls.',
}
