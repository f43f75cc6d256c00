// A hand-written Remix server build of nested routes (what the Remix compiler would produce for them), so a benchmark
// can drive Remix's real request handler without a bundler. The document is the loaders' data as JSON: no React
// render, because the loaders are what is measured.
import { createRequestHandler } from '@remix-run/server-runtime'

const jsonDocument = (_request, status, headers, context) =>
  new Response(JSON.stringify(context.staticHandlerContext.loaderData), {
    status,
    headers: { ...Object.fromEntries(headers), 'content-type': 'application/json' },
  })

/** Route ids of a page `depth` routes deep: `root`, then `r1` … `r{depth-1}`, each the child of the previous one. */
export const routeIds = (depth) => Array.from({ length: depth }, (_, i) => (i === 0 ? 'root' : `r${i}`))

/** The URL that matches every route of a page `depth` routes deep (`/a1/a2/…`). */
export const pathFor = (depth) =>
  `/${routeIds(depth)
    .slice(1)
    .map((_, i) => `a${i + 1}`)
    .join('/')}`

/**
 * Remix's request handler for a page `depth` routes deep whose every loader is `loader(args)`.
 * @param {number} depth
 * @param {(args: { request: Request, context: unknown, params: unknown }) => unknown} loader
 */
export function nestedRoutesHandler(depth, loader) {
  const ids = routeIds(depth)
  const routes = Object.fromEntries(
    ids.map((id, i) => [
      id,
      {
        id,
        parentId: i === 0 ? undefined : ids[i - 1],
        path: i === 0 ? '' : `a${i}`,
        module: { default: () => null, loader },
      },
    ]),
  )
  const build = {
    mode: 'production',
    entry: { module: { default: jsonDocument, handleError: () => undefined } },
    routes,
    assets: { entry: { imports: [], module: '' }, routes: {}, url: '', version: 'bench' },
    publicPath: '/',
    assetsBuildDirectory: '',
    future: {},
    isSpaMode: false,
  }
  return createRequestHandler(build, 'production')
}
