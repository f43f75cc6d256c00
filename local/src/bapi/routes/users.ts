// `/v1/users`: the user API apps call most, with Clerk's filters, ordering and pagination.
import { Hono } from 'hono'
import type { Core } from '../../core.js'
import { paramValueInvalid, unprocessable } from '../../errors.js'
import { deletedJson, totalCountJson } from '../../resources/common.js'
import { userJson } from '../../resources/user.js'
import { USER_ORDER_FIELDS, type UserFilter, type UserOrder, type UserOrderField } from '../../store/userStore.js'
import { createUser, deleteUser, getUser, passwordDigestFor } from '../../services/users.js'
import { readJsonBody } from '../../http/body.js'
import { PAGE_PARAMS, Query } from '../query.js'
import { json } from '../../http/respond.js'

const FILTER_PARAMS = ['email_address', 'phone_number', 'external_id', 'username', 'user_id', 'organization_id', 'query']

function userFilter(query: Query): UserFilter {
  return {
    email_address: query.list('email_address'),
    phone_number: query.list('phone_number'),
    external_id: query.list('external_id'),
    username: query.list('username'),
    user_id: query.list('user_id'),
    organization_id: query.list('organization_id'),
    query: query.string('query'),
  }
}

/** `-created_at` (default) sorts newest first, `+name` or `name` ascending. */
function userOrder(query: Query): UserOrder {
  const raw = query.string('order_by') ?? '-created_at'
  // A literal "+" in a query string decodes to a space.
  const descending = raw.startsWith('-')
  const field = raw.replace(/^[-+ ]/, '')
  if (!(USER_ORDER_FIELDS as readonly string[]).includes(field)) {
    throw unprocessable(paramValueInvalid('order_by', `must be one of ${USER_ORDER_FIELDS.join(', ')}, optionally prefixed with + or -.`))
  }
  return { field: field as UserOrderField, descending }
}

export function userRoutes(core: Core): Hono {
  const app = new Hono()
  const { store } = core

  app.post('/', async (c) => {
    const body = await readJsonBody(c)
    const passwordDigest = await passwordDigestFor(body)
    const user = store.transaction(() => createUser(core, body, { passwordDigest }))
    return json(userJson(store, user))
  })

  // Always a bare array: the SDK's getUserList counts with /users/count in parallel.
  app.get('/', (c) => {
    const query = new Query(c.req.url, [...FILTER_PARAMS, ...PAGE_PARAMS, 'order_by'])
    const { limit, offset } = query.page()
    const users = store.users.list(userFilter(query), userOrder(query), limit, offset)
    return json(users.map((user) => userJson(store, user)))
  })

  app.get('/count', (c) => {
    const query = new Query(c.req.url, FILTER_PARAMS)
    return json(totalCountJson(store.users.count(userFilter(query))))
  })

  app.get('/:user_id', (c) => json(userJson(store, getUser(core, c.req.param('user_id')))))

  app.delete('/:user_id', (c) => {
    const userId = c.req.param('user_id')
    store.transaction(() => deleteUser(core, userId))
    return json(deletedJson('user', userId))
  })

  return app
}
