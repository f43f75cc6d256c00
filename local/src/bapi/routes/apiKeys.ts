// `/api_keys` (no API version in the path, as @clerk/backend calls it): API keys of users and organizations.
import { Hono } from 'hono'
import type { Core } from '../../core/core.js'
import { deletedJson } from '../../backendJson/common.js'
import { apiKeyJson } from '../../backendJson/machineAuth.js'
import {
  assertListableSubject,
  createApiKey,
  deleteApiKey,
  getApiKey,
  revokeApiKey,
  updateApiKey,
  verifyApiKey,
} from '../../services/apiKeys.js'
import { readJsonBody } from '../../http/body.js'
import { json } from '../../http/respond.js'
import { PAGE_PARAMS, Query } from '../query.js'

export function apiKeyRoutes(core: Core): Hono {
  const app = new Hono()
  const { store } = core
  const { apiKeys } = store.machineAuth

  app.get('/', (c) => {
    const query = new Query(c.req.url, ['subject', 'include_invalid', ...PAGE_PARAMS])
    const subject = assertListableSubject(query.string('subject'))
    const includeInvalid = query.boolean('include_invalid')
    const { limit, offset } = query.page()
    const now = core.now()
    const data = apiKeys.list(subject, includeInvalid, now, limit, offset).map((key) => apiKeyJson(key, now))
    return json({ data, total_count: apiKeys.count(subject, includeInvalid, now) })
  })

  app.post('/', async (c) => {
    const body = await readJsonBody(c)
    return json(
      apiKeyJson(
        store.transaction(() => createApiKey(core, body)),
        core.now(),
        true,
      ),
    )
  })

  // Before `/:api_key_id`, which would otherwise take `verify` for an id.
  app.post('/verify', async (c) => {
    const body = await readJsonBody(c)
    return json(
      apiKeyJson(
        store.transaction(() => verifyApiKey(core, body)),
        core.now(),
      ),
    )
  })

  app.get('/:api_key_id', (c) => json(apiKeyJson(getApiKey(core, c.req.param('api_key_id')), core.now())))

  app.patch('/:api_key_id', async (c) => {
    const body = await readJsonBody(c)
    const id = c.req.param('api_key_id')
    return json(
      apiKeyJson(
        store.transaction(() => updateApiKey(core, id, body)),
        core.now(),
      ),
    )
  })

  app.delete('/:api_key_id', (c) => {
    const id = c.req.param('api_key_id')
    store.transaction(() => deleteApiKey(core, id))
    return json(deletedJson('api_key', id))
  })

  app.post('/:api_key_id/revoke', async (c) => {
    const body = await readJsonBody(c)
    const id = c.req.param('api_key_id')
    return json(
      apiKeyJson(
        store.transaction(() => revokeApiKey(core, id, body)),
        core.now(),
      ),
    )
  })

  app.get('/:api_key_id/secret', (c) => json({ secret: getApiKey(core, c.req.param('api_key_id')).secret }))

  return app
}
