// `/v1/waitlist_entries`: who asked to join (list with query and status filters, create one or many, invite,
// reject, delete).
import { Hono } from 'hono'
import type { Core } from '../../core/core.js'
import { paramFormatInvalid, paramValueInvalid, unprocessable } from '../../shared/errors.js'
import { deletedJson } from '../../backendJson/common.js'
import { waitlistEntryJson } from '../../backendJson/instanceObjects.js'
import type { WaitlistEntryRecord } from '../../store/instanceRecords.js'
import { decideWaitlistEntry, deleteWaitlistEntry, joinWaitlist } from '../../services/instanceObjects.js'
import { f, parseFields } from '../../validation/schema.js'
import { readJsonBody } from '../../http/body.js'
import { PAGE_PARAMS, Query } from '../query.js'
import { json } from '../../http/respond.js'

const STATUSES = ['pending', 'invited', 'rejected', 'completed']
const ORDERS = ['created_at', 'email_address', 'invited_at']
const INVITE_FIELDS = { ignore_existing: f.boolean() }
/** Clerk's limit for one bulk call. */
const MAX_BULK = 50

export function waitlistEntryRoutes(core: Core): Hono {
  const app = new Hono()
  const { store } = core

  app.get('/', (c) => {
    const query = new Query(c.req.url, ['query', 'status', 'order_by', 'paginated', ...PAGE_PARAMS])
    const status = query.string('status')
    if (status !== undefined && !STATUSES.includes(status))
      throw unprocessable(paramValueInvalid('status', `must be one of ${STATUSES.join(', ')}.`))
    const order = query.string('order_by') ?? '-created_at'
    const field = order.replace(/^[-+ ]/, '')
    if (!ORDERS.includes(field))
      throw unprocessable(
        paramValueInvalid('order_by', `must be one of ${ORDERS.join(', ')}, optionally prefixed with + or -.`),
      )
    const search = query.string('query')?.toLowerCase()
    let entries = store.records.waitlist
      .where('1')
      .filter(
        (entry) =>
          (status === undefined || entry.status === status) &&
          (search === undefined || entry.email_address.includes(search)),
      )
    const key = (entry: WaitlistEntryRecord) =>
      field === 'email_address'
        ? entry.email_address
        : field === 'invited_at'
          ? entry.status === 'invited'
            ? entry.updated_at
            : 0
          : entry.created_at
    entries = entries.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
    if (order.startsWith('-')) entries.reverse()
    const { limit, offset } = query.page()
    return json({ data: entries.slice(offset, offset + limit).map(waitlistEntryJson), total_count: entries.length })
  })

  app.post('/', async (c) => {
    const body = await readJsonBody(c)
    return json(waitlistEntryJson(store.transaction(() => joinWaitlist(core, body))))
  })

  app.post('/bulk', async (c) => {
    const body = await readJsonBody(c)
    if (!Array.isArray(body) || body.length === 0 || body.length > MAX_BULK) {
      throw unprocessable(
        paramFormatInvalid('body', `must be an array of 1 to ${MAX_BULK} entries, each { "email_address": … }.`),
      )
    }
    return json(store.transaction(() => body.map((entry) => waitlistEntryJson(joinWaitlist(core, entry)))))
  })

  app.post('/:id/invite', async (c) => {
    parseFields(await readJsonBody(c), INVITE_FIELDS)
    return json(waitlistEntryJson(store.transaction(() => decideWaitlistEntry(core, c.req.param('id'), 'invited'))))
  })

  app.post('/:id/reject', (c) =>
    json(waitlistEntryJson(store.transaction(() => decideWaitlistEntry(core, c.req.param('id'), 'rejected')))),
  )

  app.delete('/:id', (c) =>
    json(deletedJson('waitlist_entry', store.transaction(() => deleteWaitlistEntry(core, c.req.param('id'))).id)),
  )

  return app
}
