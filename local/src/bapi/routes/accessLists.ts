// `/v1/allowlist_identifiers` and `/v1/blocklist_identifiers`: the identifiers the instance's restrictions let in or
// keep out (enforced at sign-up and sign-in once switched on with `PATCH /v1/instance/restrictions`).
import { Hono } from 'hono'
import type { Core } from '../../core/core.js'
import { deletedJson, listJson } from '../../backendJson/common.js'
import { accessIdentifierJson } from '../../backendJson/instanceObjects.js'
import type { AccessList } from '../../store/instanceRecords.js'
import { accessIdentifiers, createAccessIdentifier, deleteAccessIdentifier } from '../../services/accessLists.js'
import { readJsonBody } from '../../http/body.js'
import { PAGE_PARAMS, Query } from '../query.js'
import { json } from '../../http/respond.js'

function accessListRoutes(core: Core, list: AccessList): Hono {
  const app = new Hono()
  const render = (record: Parameters<typeof accessIdentifierJson>[1]) =>
    accessIdentifierJson(core.keys.instanceId, record)

  app.get('/', (c) => {
    const query = new Query(c.req.url, ['paginated', ...PAGE_PARAMS])
    const { limit, offset } = query.page()
    const all = accessIdentifiers(core, list)
    // Clerk always pages the blocklist; the allowlist only when asked (the SDK asks).
    return json(
      listJson(
        all.slice(offset, offset + limit).map(render),
        all.length,
        list === 'block' || query.boolean('paginated'),
      ),
    )
  })

  app.post('/', async (c) => {
    const body = await readJsonBody(c)
    return json(render(core.store.transaction(() => createAccessIdentifier(core, list, body))))
  })

  app.delete('/:id', (c) => {
    const id = c.req.param('id')
    core.store.transaction(() => deleteAccessIdentifier(core, list, id))
    return json(deletedJson(`${list}list_identifier`, id))
  })

  return app
}

export const allowlistRoutes = (core: Core) => accessListRoutes(core, 'allow')
export const blocklistRoutes = (core: Core) => accessListRoutes(core, 'block')
