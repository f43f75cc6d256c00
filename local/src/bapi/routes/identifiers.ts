// `/v1/email_addresses` and `/v1/phone_numbers`: a user's identifiers as objects of their own. The two resources
// behave the same, so one factory builds both.
import { Hono } from 'hono'
import type { Core } from '../../core/core.js'
import { deletedJson } from '../../backendJson/common.js'
import { emailJson, phoneJson } from '../../backendJson/user.js'
import type { IdentifierKind } from '../../store/userStore.js'
import { createIdentifier, getIdentifier, removeIdentifier, updateIdentifier } from '../../services/identifiers.js'
import { readJsonBody } from '../../http/body.js'
import { json } from '../../http/respond.js'

function identifierRoutes(core: Core, kind: IdentifierKind): Hono {
  const app = new Hono()
  const render = kind === 'email' ? emailJson : phoneJson
  const object = kind === 'email' ? 'email_address' : 'phone_number'

  app.post('/', async (c) => {
    const body = await readJsonBody(c)
    return json(render(core.store.transaction(() => createIdentifier(core, kind, body))))
  })

  app.get('/:id', (c) => json(render(getIdentifier(core, kind, c.req.param('id')))))

  app.patch('/:id', async (c) => {
    const body = await readJsonBody(c)
    return json(render(updateIdentifier(core, kind, c.req.param('id'), body)))
  })

  app.delete('/:id', (c) => {
    const record = getIdentifier(core, kind, c.req.param('id'))
    removeIdentifier(core, kind, record)
    return json(deletedJson(object, record.id))
  })

  return app
}

export const emailAddressRoutes = (core: Core) => identifierRoutes(core, 'email')
export const phoneNumberRoutes = (core: Core) => identifierRoutes(core, 'phone')
