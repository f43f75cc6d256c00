// A hand-written Remix server build: what the Remix compiler would produce for a few routes, so tests can
// drive Remix's real request handler without a bundler.
import type { ServerBuild } from '@remix-run/server-runtime'

type LoaderArgs = { request: Request; context: unknown; params: unknown }

export interface TestRoute {
  parentId?: string
  path: string
  loader?: (args: LoaderArgs) => unknown
  action?: (args: LoaderArgs) => unknown
  /** A React component; the JSON document below never renders it. */
  component?: unknown
}

/** Answers documents with the loader and action data as JSON: what most tests want to read. */
const jsonDocument: ServerBuild['entry']['module']['default'] = (_request, status, headers, context) => {
  // A copy of the Headers, not an object: every Set-Cookie stays a header of its own.
  const out = new Headers(headers)
  out.set('content-type', 'application/json')
  return new Response(
    JSON.stringify({
      loaderData: context.staticHandlerContext.loaderData,
      actionData: context.staticHandlerContext.actionData,
    }),
    {
      status,
      headers: out,
    },
  )
}

export function serverBuild(
  routes: Record<string, TestRoute>,
  { document = jsonDocument, assets }: { document?: ServerBuild['entry']['module']['default']; assets?: unknown } = {},
): ServerBuild {
  return {
    mode: 'production',
    entry: { module: { default: document, handleError: () => undefined } },
    routes: Object.fromEntries(
      Object.entries(routes).map(([id, { parentId, path, loader, action, component = () => null }]) => [
        id,
        { id, parentId, path, module: { default: component, loader, action } },
      ]),
    ) as unknown as ServerBuild['routes'],
    assets: (assets ?? {
      entry: { imports: [], module: '' },
      routes: {},
      url: '',
      version: 'test',
    }) as ServerBuild['assets'],
    publicPath: '/',
    assetsBuildDirectory: '',
    future: {} as ServerBuild['future'],
    isSpaMode: false,
  }
}
