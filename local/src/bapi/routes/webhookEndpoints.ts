// `/v1/webhooks/endpoints`: remix-clerk-local's own way to add, list and remove webhook endpoints while it runs (Clerk
// manages endpoints in its dashboard, through Svix, which this backend does not model). Handy when the app learns its
// port after `remix-clerk-local start`, or when a test starts a receiver per case.
import { Hono } from 'hono'
import type { Core } from '../../core/core.js'
import { readJsonBody } from '../../http/body.js'
import { json } from '../../http/respond.js'
import { checkEndpoint } from '../../webhooks/settings.js'
import { ClerkApiError, LocalClerkError, paramFormatInvalid, paramMissing } from '../../shared/errors.js'

const endpointJson = (url: string) => ({ object: 'webhook_endpoint', url })

/** The `url` of the body, or of the query for a DELETE, as a Clerk-shaped 422 when it is missing or refused. */
function urlParam(value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new ClerkApiError(422, [paramMissing('url')])
  return value
}

/** The dispatcher's refusals (a bad URL, too many endpoints) as the 422 a Backend API client expects. */
function asFormError(work: () => unknown): void {
  try {
    work()
  } catch (error) {
    if (error instanceof LocalClerkError) throw new ClerkApiError(422, [paramFormatInvalid('url', error.message)])
    throw error
  }
}

export function webhookEndpointRoutes(core: Core): Hono {
  const app = new Hono()
  const dispatcher = core.events.dispatcher

  app.get('/endpoints', () => {
    const urls = dispatcher.endpoints
    return json({ data: urls.map(endpointJson), total_count: urls.length })
  })

  app.post('/endpoints', async (c) => {
    const body = (await readJsonBody(c)) as { url?: unknown }
    const url = urlParam(body.url)
    let endpoint = url
    asFormError(() => {
      endpoint = checkEndpoint(url)
      dispatcher.addEndpoint(endpoint)
    })
    return json(endpointJson(endpoint))
  })

  app.delete('/endpoints', (c) => {
    const url = urlParam(c.req.query('url'))
    let removed = false
    asFormError(() => (removed = dispatcher.removeEndpoint(url)))
    if (!removed) {
      throw new ClerkApiError(404, [
        {
          code: 'resource_not_found',
          message: 'not found',
          long_message: `No webhook endpoint ${url} is registered.`,
          meta: {},
        },
      ])
    }
    return json({ ...endpointJson(url), deleted: true })
  })

  return app
}
