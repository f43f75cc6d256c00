// `/v1/invitations`: the application's invitations to sign up (create one or many, list, revoke, delete).
import { Hono } from 'hono'
import type { Core } from '../../core/core.js'
import { paramFormatInvalid, unprocessable } from '../../shared/errors.js'
import { readJsonBody } from '../../http/body.js'
import { json } from '../../http/respond.js'
import { deletedJson, listJson } from '../../backendJson/common.js'
import { invitationJson } from '../../backendJson/invitation.js'
import { createInvitations, deleteInvitation, revokeInvitation } from '../../services/invitations.js'
import { INVITATION_STATUSES } from '../../store/invitationStatus.js'
import { INVITATION_ORDER_FIELDS, type InvitationRecord } from '../../store/invitationStore.js'
import { PAGE_PARAMS, Query } from '../query.js'

export function invitationRoutes(core: Core): Hono {
  const app = new Hono()
  const { store } = core
  const toJson = (invitation: InvitationRecord) => invitationJson(core.frontendApiUrl(), invitation)

  // `{ data, total_count }` with `paginated=true` (what the SDK sends), the bare array otherwise.
  app.get('/', (c) => {
    const query = new Query(c.req.url, ['status', 'query', 'order_by', 'paginated', ...PAGE_PARAMS])
    const filter = { status: query.oneOfList('status', INVITATION_STATUSES)?.[0], query: query.string('query') }
    const now = core.now()
    const invitations = store.invitations.list(
      filter,
      query.order(INVITATION_ORDER_FIELDS, '-created_at'),
      query.page(),
      now,
    )
    return json(listJson(invitations.map(toJson), store.invitations.count(filter, now), query.boolean('paginated')))
  })

  app.post('/', async (c) => {
    const body = await readJsonBody(c)
    return json(toJson(store.transaction(() => createInvitations(core, [body], false))[0]!))
  })

  // A bare array of the created invitations.
  app.post('/bulk', async (c) => {
    const body = await readJsonBody(c)
    if (!Array.isArray(body)) throw unprocessable(paramFormatInvalid('body', 'must be a JSON array of invitations.'))
    return json(store.transaction(() => createInvitations(core, body, true)).map(toJson))
  })

  app.post('/:invitation_id/revoke', (c) =>
    json(toJson(store.transaction(() => revokeInvitation(core, c.req.param('invitation_id'))))),
  )

  app.delete('/:invitation_id', (c) => {
    const invitation = store.transaction(() => deleteInvitation(core, c.req.param('invitation_id')))
    return json(deletedJson('invitation', invitation.id))
  })

  return app
}
