// `/v1/jwt_templates`: JWT templates, so an app can mint template tokens (`getToken({ template })`) locally.
import { Hono } from 'hono'
import type { Core } from '../../core/core.js'
import { deletedJson, listJson } from '../../backendJson/common.js'
import { templateJson } from '../../backendJson/jwtTemplate.js'
import { createTemplate, deleteTemplate, getTemplate, updateTemplate } from '../../services/jwtTemplates.js'
import { readJsonBody } from '../../http/body.js'
import { PAGE_PARAMS, Query } from '../query.js'
import { json } from '../../http/respond.js'

export function jwtTemplateRoutes(core: Core): Hono {
  const app = new Hono()
  const { store } = core

  app.get('/', (c) => {
    const query = new Query(c.req.url, ['paginated', ...PAGE_PARAMS])
    const { limit, offset } = query.page()
    const templates = store.templates.list(limit, offset).map(templateJson)
    return json(listJson(templates, store.templates.count(), query.boolean('paginated')))
  })

  app.post('/', async (c) => {
    const body = await readJsonBody(c)
    return json(templateJson(store.transaction(() => createTemplate(core, body))))
  })

  app.get('/:template_id', (c) => json(templateJson(getTemplate(core, c.req.param('template_id')))))

  app.patch('/:template_id', async (c) => {
    const body = await readJsonBody(c)
    const templateId = c.req.param('template_id')
    return json(templateJson(store.transaction(() => updateTemplate(core, templateId, body))))
  })

  app.delete('/:template_id', (c) => {
    const templateId = c.req.param('template_id')
    store.transaction(() => deleteTemplate(core, templateId))
    return json(deletedJson('jwt_template', templateId))
  })

  return app
}
