// A hand-written React Router 7 server build of the scenario routes: what `react-router build` would produce for
// them, so that each runtime drives React Router's real request handler without a bundler. Documents answer with
// the matched route's loader and action data as JSON instead of HTML.
import { createContext, createRequestHandler, type RouterContextProvider, type ServerBuild } from 'react-router'
import { getAuth } from 'remix-clerk/ssr.server'
import { scenarioRoutes, type Host, type Sdk } from './routes'

/** Set by the root middleware: the document reports it, so a test sees that middleware ran. */
const middlewareRan = createContext<boolean>(false)
/** Set by the `middleware-auth` route's middleware, which authenticates before any loader runs. */
const middlewareUser = createContext<string | null>(null)

type Middleware = (
  args: { request: Request; params: unknown; context: RouterContextProvider },
  next: () => Promise<Response>,
) => Promise<Response>

type DocumentHandler = ServerBuild['entry']['module']['default']

const jsonDocument: DocumentHandler = (_request, status, headers, context, loadContext) => {
  const { loaderData, actionData, matches, errors } = context.staticHandlerContext
  const leaf = matches.at(-1)?.route.id ?? 'root'
  const error = errors ? Object.values(errors)[0] : undefined
  const provider = loadContext as Partial<RouterContextProvider>
  const body = {
    loader: loaderData[leaf] ?? null,
    action: actionData?.[leaf] ?? null,
    middleware: typeof provider.get === 'function' ? provider.get(middlewareRan) : false,
    ...(error === undefined ? {} : { error: error instanceof Error ? error.message : String(error) }),
  }
  const responseHeaders = new Headers(headers)
  responseHeaders.set('content-type', 'application/json')
  return new Response(JSON.stringify(body), { status, headers: responseHeaders })
}

/**
 * The build: `future.v8_middleware` on and served under `basename` (e.g. `/mw`), or off at the root. With `sdk`
 * `react-router`, the routes authenticate through remix-clerk/react-router's clerkMiddleware (middleware must be on).
 */
function scenarioBuild(
  host: Host,
  { middleware, basename = '/', sdk = 'ssr.server' }: { middleware: boolean; basename?: string; sdk?: Sdk },
): ServerBuild {
  const root = {
    id: 'root',
    path: '',
    module: {
      default: () => null,
      ...(middleware
        ? {
            middleware: [
              (({ context }, next) => {
                context.set(middlewareRan, true)
                return next()
              }) satisfies Middleware,
            ],
          }
        : {}),
    },
  }
  const children: Array<[string, unknown]> = Object.entries(scenarioRoutes(host, sdk)).map(
    ([id, { path, loader, action, middleware: own }]) => [
      id,
      {
        id,
        parentId: 'root',
        path,
        module: { default: () => null, loader, action, ...(own ? { middleware: own } : {}) },
      },
    ],
  )
  if (middleware && sdk === 'ssr.server') {
    // getAuth in a route middleware, as an app guards a branch: a handshake it throws is React Router's to send.
    const authenticate: Middleware = async (args, next) => {
      args.context.set(middlewareUser, (await getAuth(args, host.keys(args))).userId)
      return next()
    }
    const id = 'routes/middleware-auth'
    const loader = async ({ context }: { context: RouterContextProvider }) => ({ userId: context.get(middlewareUser) })
    children.push([
      id,
      {
        id,
        parentId: 'root',
        path: 'middleware-auth',
        module: { default: () => null, middleware: [authenticate], loader },
      },
    ])
  }
  return {
    entry: { module: { default: jsonDocument } },
    routes: Object.fromEntries([['root', root], ...children]) as unknown as ServerBuild['routes'],
    assets: {
      entry: { imports: [], module: '' },
      routes: {},
      url: '',
      version: 'runtimes',
    } as unknown as ServerBuild['assets'],
    basename,
    publicPath: '/',
    assetsBuildDirectory: '',
    future: { v8_middleware: middleware, v8_passThroughRequests: false, v8_trailingSlashAwareDataRequests: false },
    ssr: true,
    isSpaMode: false,
    prerender: [],
    routeDiscovery: { mode: 'lazy', manifestPath: '/__manifest' },
  }
}

/** Path prefix of the middleware build: one server serves every build. */
export const MIDDLEWARE_PREFIX = '/mw'
/** Path prefix of the build on remix-clerk/react-router's clerkMiddleware. */
export const CLERK_MIDDLEWARE_PREFIX = '/clerk'

/** The three builds, as each server serves them: the prefix, the build, and whether it takes the load context. */
export function scenarioBuilds(hosts: { classic: Host; middleware: Host }) {
  return [
    {
      prefix: MIDDLEWARE_PREFIX,
      build: scenarioBuild(hosts.middleware, { middleware: true, basename: MIDDLEWARE_PREFIX }),
    },
    {
      prefix: CLERK_MIDDLEWARE_PREFIX,
      build: scenarioBuild(hosts.middleware, {
        middleware: true,
        basename: CLERK_MIDDLEWARE_PREFIX,
        sdk: 'react-router',
      }),
    },
    { prefix: '', build: scenarioBuild(hosts.classic, { middleware: false }) },
  ]
}

/**
 * React Router's request handlers for the builds behind one function: `/mw/…` and `/clerk/…` with `v8_middleware`
 * (their load context a RouterContextProvider that React Router creates), the rest without, with `loadContext` as
 * its context.
 */
export function scenarioHandler(hosts: { classic: Host; middleware: Host }) {
  const handlers = scenarioBuilds(hosts).map(({ prefix, build }) => ({
    prefix,
    handle: createRequestHandler(build, 'production'),
  }))
  return (request: Request, loadContext: Record<string, unknown> = {}): Promise<Response> => {
    const { pathname } = new URL(request.url)
    const { prefix, handle } = handlers.find(({ prefix }) => prefix === '' || pathname.startsWith(`${prefix}/`))!
    return prefix === '' ? handle(request, loadContext as never) : handle(request)
  }
}
