// `/v1/domains`: the instance's primary domain (this backend's own address) and the satellite domains added to it.
import { Hono } from 'hono'
import type { Core } from '../../core/core.js'
import { deletedJson } from '../../backendJson/common.js'
import { domainJson } from '../../backendJson/instanceObjects.js'
import { addDomain, deleteDomain, primaryDomain, updateDomain } from '../../services/instanceObjects.js'
import { readJsonBody } from '../../http/body.js'
import { json } from '../../http/respond.js'

export function domainRoutes(core: Core): Hono {
  const app = new Hono()
  const render = (record: ReturnType<typeof primaryDomain>) => domainJson(record, core.frontendApiUrl())

  // Always paginated, as Clerk answers this list.
  app.get('/', () => {
    const satellites = core.store.records.domains.page(500, 0).reverse()
    const all = [primaryDomain(core), ...satellites].map(render)
    return json({ data: all, total_count: all.length })
  })

  app.post('/', async (c) => {
    const body = await readJsonBody(c)
    return json(render(core.store.transaction(() => addDomain(core, body))))
  })

  app.patch('/:id', async (c) => {
    const body = await readJsonBody(c)
    return json(render(core.store.transaction(() => updateDomain(core, c.req.param('id'), body))))
  })

  app.delete('/:id', (c) =>
    json(deletedJson('domain', core.store.transaction(() => deleteDomain(core, c.req.param('id'))).id)),
  )

  return app
}
