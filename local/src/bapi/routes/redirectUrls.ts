// `/v1/redirect_urls`: the instance's registered redirect URLs (kept and listed; see local/README.md).
import { Hono } from 'hono'
import type { Core } from '../../core/core.js'
import { listJson } from '../../backendJson/common.js'
import { redirectUrlJson } from '../../backendJson/instanceObjects.js'
import { createRedirectUrl, getRedirectUrl } from '../../services/instanceObjects.js'
import { readJsonBody } from '../../http/body.js'
import { PAGE_PARAMS, Query } from '../query.js'
import { json } from '../../http/respond.js'

export function redirectUrlRoutes(core: Core): Hono {
  const app = new Hono()
  const table = core.store.records.redirectUrls

  app.get('/', (c) => {
    const query = new Query(c.req.url, ['paginated', ...PAGE_PARAMS])
    const { limit, offset } = query.page()
    return json(listJson(table.page(limit, offset).map(redirectUrlJson), table.count(), query.boolean('paginated')))
  })

  app.post('/', async (c) => {
    const body = await readJsonBody(c)
    return json(redirectUrlJson(core.store.transaction(() => createRedirectUrl(core, body))))
  })

  app.get('/:id', (c) => json(redirectUrlJson(getRedirectUrl(core, c.req.param('id')))))

  // Clerk answers the deletion with a DeletedObject.
  app.delete('/:id', (c) => {
    const record = getRedirectUrl(core, c.req.param('id'))
    table.delete(record.id)
    return json({ object: 'redirect_url', id: record.id, deleted: true })
  })

  return app
}
