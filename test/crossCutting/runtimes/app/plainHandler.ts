// The scenario routes without a framework, called as Remix or React Router call loaders and actions (`{ request,
// context, params }`; a thrown or returned redirect sent as is, another returned Response's JSON taken as data). For Deno without --allow-env, where React, and with it
// React Router, cannot even load: it reads process.env.NODE_ENV.
import { scenarioRoutes, type Host } from './routes'

export function plainHandler(host: Host): (request: Request) => Promise<Response> {
  const routes = Object.values(scenarioRoutes(host))
  return async (request) => {
    const route = routes.find(({ path }) => `/${path}` === new URL(request.url).pathname)
    if (!route) return new Response('Not Found', { status: 404 })
    const args = { request, context: {}, params: {} }
    try {
      if (request.method !== 'POST') {
        const loader = await route.loader(args)
        if (loader instanceof Response && loader.status >= 300 && loader.status < 400) return loader
        return Response.json({
          loader: loader instanceof Response ? await loader.json() : loader,
          action: null,
          middleware: false,
        })
      }
      if (!route.action) return new Response('Method Not Allowed', { status: 405 })
      return Response.json({ loader: null, action: await route.action(args), middleware: false })
    } catch (error) {
      if (error instanceof Response) return error
      return Response.json({ error: error instanceof Error ? error.message : String(error) }, { status: 500 })
    }
  }
}
