// React Router 7 request handlers for the machine-token conformance suite (test/conformance/machineTokens.test.ts):
// the same app twice, once on @clerk/react-router 3's server half (the oracle) and once on remix-clerk/react-router,
// each with its clerkMiddleware in the root route and one resource route whose loader answers what getAuth gave for
// the `acceptsToken` named in the query (`?accepts=<JSON>`), with the pending treatment in `?pending=keep`. Here
// because this workspace has React Router 7 (the root has React Router 6, for Remix).
import * as official from '@clerk/react-router/server'
import { createRequestHandler, type ServerBuild } from 'react-router'
import * as ours from 'remix-clerk/react-router'

export interface OracleOptions {
  secretKey: string
  publishableKey: string
  apiUrl: string
  machineSecretKey?: string | undefined
  audience?: string | undefined
}

type GetAuth = (
  args: { request: Request; context: unknown },
  options: Record<string, unknown>,
) => Promise<Record<string, unknown>>
type Middleware = (args: never, next: () => Promise<Response>) => Promise<Response | undefined | void>

/** The auth object as data: functions called (`getToken()`, `debug()`'s reason and message), the rest as it is. */
async function described(auth: Record<string, unknown>) {
  const data: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(auth)) if (typeof value !== 'function') data[name] = value
  const debug = (auth.debug as () => Record<string, unknown>)()
  return {
    ...data,
    token: await (auth.getToken as () => Promise<string | null>)(),
    debugReason: debug.reason ?? null,
    debugMessage: debug.message ?? null,
  }
}

function build(middleware: Middleware, getAuth: GetAuth): ServerBuild {
  const loader = async (args: { request: Request; context: unknown }) => {
    const url = new URL(args.request.url)
    const accepts = url.searchParams.get('accepts')
    const options = {
      ...(accepts === null ? {} : { acceptsToken: JSON.parse(accepts) as unknown }),
      ...(url.searchParams.get('pending') === 'keep' ? { treatPendingAsSignedOut: false } : {}),
    }
    return Response.json(await described(await getAuth(args, options)))
  }
  const routes = {
    root: { id: 'root', path: '', module: { default: () => null, middleware: [middleware] } },
    // No default export: a resource route, whose Response goes out as it is.
    'routes/check': { id: 'routes/check', parentId: 'root', path: 'check', module: { loader } },
  }
  return {
    entry: { module: { default: () => new Response('not a document', { status: 500 }) } },
    routes: routes as unknown as ServerBuild['routes'],
    assets: {
      entry: { imports: [], module: '' },
      routes: {},
      url: '',
      version: 'oracle',
    } as unknown as ServerBuild['assets'],
    basename: '/',
    publicPath: '/',
    assetsBuildDirectory: '',
    future: { v8_middleware: true, v8_passThroughRequests: false, v8_trailingSlashAwareDataRequests: false },
    ssr: true,
    isSpaMode: false,
    prerender: [],
    routeDiscovery: { mode: 'lazy', manifestPath: '/__manifest' },
  }
}

/** @clerk/react-router 3's server half, configured as an app configures it (it reads its API URL from CLERK_API_URL only). */
export function officialHandler(options: OracleOptions): (request: Request) => Promise<Response> {
  const { apiUrl: _apiUrl, ...middlewareOptions } = options
  return createRequestHandler(
    build(
      official.clerkMiddleware(middlewareOptions as Parameters<typeof official.clerkMiddleware>[0]) as Middleware,
      official.getAuth as unknown as GetAuth,
    ),
    'production',
  )
}

export function oursHandler(options: OracleOptions): (request: Request) => Promise<Response> {
  return createRequestHandler(
    build(ours.clerkMiddleware(options) as Middleware, ours.getAuth as unknown as GetAuth),
    'production',
  )
}
