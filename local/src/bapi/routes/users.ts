// `/v1/users`: every user endpoint of the Backend API that holds state here (list and count with Clerk's filters,
// create, read, update, delete, metadata, ban, lock, profile image, password checks and removal, MFA removal,
// memberships). What it does not model (billing, OAuth tokens, passkeys, Web3, verifying TOTP) is answered by
// bapi/unsupported.ts.
import { Hono } from 'hono'
import type { Core } from '../../core/core.js'
import { clerkError, notFound, paramMissing, paramValueInvalid, unprocessable } from '../../shared/errors.js'
import { deletedJson, totalCountJson } from '../../backendJson/common.js'
import { emailJson, phoneJson, userJson } from '../../backendJson/user.js'
import { USER_ORDER_FIELDS, type UserFilter, type UserOrder, type UserOrderField } from '../../store/userStore.js'
import { replaceIdentifier } from '../../services/identifiers.js'
import { verifyPassword } from '../../services/passwords.js'
import { deleteProfileImage, setProfileImage } from '../../services/profileImages.js'
import { banUser, lockUser, unbanUser, unlockUser } from '../../services/userAccess.js'
import { changeUserMetadata, removeSecondFactors, setUserPassword, updateUser } from '../../services/userProfile.js'
import { MAX_PASSWORD_LENGTH, createUser, deleteUser, getUser, passwordDigestFor } from '../../services/users.js'
import { f, parseFields } from '../../validation/schema.js'
import { readJsonBody } from '../../http/body.js'
import { PAGE_PARAMS, Query } from '../query.js'
import { readImageUpload } from '../upload.js'
import { json } from '../../http/respond.js'

const LIST_FILTERS = [
  'email_address',
  'phone_number',
  'external_id',
  'username',
  'web3_wallet',
  'user_id',
  'organization_id',
] as const
const TEXT_FILTERS = [
  'query',
  'email_address_query',
  'phone_number_query',
  'username_query',
  'name_query',
  'provider',
] as const
const TIME_FILTERS = [
  'created_at_before',
  'created_at_after',
  'last_active_at_before',
  'last_active_at_after',
  'last_sign_in_at_before',
  'last_sign_in_at_after',
] as const
const FILTER_PARAMS = [
  ...LIST_FILTERS,
  ...TEXT_FILTERS,
  ...TIME_FILTERS,
  'banned',
  'last_active_at_since',
  'provider_user_id',
]

function userFilter(query: Query): UserFilter {
  const filter: UserFilter = {}
  for (const name of LIST_FILTERS) filter[name] = query.list(name)
  for (const name of TEXT_FILTERS) filter[name] = query.string(name)
  // Unix milliseconds, as Clerk takes them.
  for (const name of TIME_FILTERS) filter[name] = query.optionalInteger(name, 0, Number.MAX_SAFE_INTEGER)
  filter.last_active_at_after ??= query.optionalInteger('last_active_at_since', 0, Number.MAX_SAFE_INTEGER)
  // An external account's user id: nobody has external accounts here.
  if (query.string('provider_user_id') !== undefined) filter.provider ??= ''
  if (query.string('banned') !== undefined) filter.banned = query.boolean('banned')
  return filter
}

/** `-created_at` (default) sorts newest first, `+name` or `name` ascending. */
function userOrder(query: Query): UserOrder {
  const raw = query.string('order_by') ?? '-created_at'
  // A literal "+" in a query string decodes to a space.
  const descending = raw.startsWith('-')
  const field = raw.replace(/^[-+ ]/, '')
  if (!(USER_ORDER_FIELDS as readonly string[]).includes(field)) {
    throw unprocessable(
      paramValueInvalid('order_by', `must be one of ${USER_ORDER_FIELDS.join(', ')}, optionally prefixed with + or -.`),
    )
  }
  return { field: field as UserOrderField, descending }
}

const VERIFY_PASSWORD_FIELDS = { password: f.string().required() }
const REMOVE_PASSWORD_FIELDS = { sign_out_of_other_sessions: f.boolean() }

export function userRoutes(core: Core): Hono {
  const app = new Hono()
  const { store } = core
  const user = (id: string) => userJson(core, getUser(core, id))

  app.post('/', async (c) => {
    const body = await readJsonBody(c)
    const passwordDigest = await passwordDigestFor(body)
    const created = store.transaction(() => createUser(core, body, { passwordDigest }))
    return json(userJson(core, created))
  })

  // Always a bare array: the SDK's getUserList counts with /users/count in parallel.
  app.get('/', (c) => {
    const query = new Query(c.req.url, [...FILTER_PARAMS, ...PAGE_PARAMS, 'order_by'])
    const { limit, offset } = query.page()
    const users = store.users.list(userFilter(query), userOrder(query), limit, offset)
    return json(users.map((u) => userJson(core, u)))
  })

  app.get('/count', (c) => {
    const query = new Query(c.req.url, FILTER_PARAMS)
    return json(totalCountJson(store.users.count(userFilter(query))))
  })

  app.get('/:user_id', (c) => json(user(c.req.param('user_id'))))

  app.patch('/:user_id', async (c) => {
    const body = await readJsonBody(c)
    const passwordDigest = await passwordDigestFor(body)
    const userId = c.req.param('user_id')
    return json(
      userJson(
        core,
        store.transaction(() => updateUser(core, userId, body, passwordDigest)),
      ),
    )
  })

  app.delete('/:user_id', (c) => {
    const userId = c.req.param('user_id')
    store.transaction(() => deleteUser(core, userId))
    return json(deletedJson('user', userId))
  })

  app.patch('/:user_id/metadata', async (c) => {
    const body = await readJsonBody(c)
    return json(userJson(core, changeUserMetadata(core, c.req.param('user_id'), body, 'merge')))
  })

  app.put('/:user_id/metadata', async (c) => {
    const body = await readJsonBody(c)
    return json(userJson(core, changeUserMetadata(core, c.req.param('user_id'), body, 'replace')))
  })

  app.post('/:user_id/ban', (c) => json(userJson(core, banUser(core, c.req.param('user_id')))))
  app.post('/:user_id/unban', (c) => json(userJson(core, unbanUser(core, c.req.param('user_id')))))
  app.post('/:user_id/lock', (c) => json(userJson(core, lockUser(core, c.req.param('user_id')))))
  app.post('/:user_id/unlock', (c) => json(userJson(core, unlockUser(core, c.req.param('user_id')))))

  app.post('/:user_id/profile_image', async (c) => {
    const userId = c.req.param('user_id')
    getUser(core, userId)
    const { image } = await readImageUpload(c)
    return json(userJson(core, setProfileImage(core, userId, image)))
  })

  app.delete('/:user_id/profile_image', (c) => json(userJson(core, deleteProfileImage(core, c.req.param('user_id')))))

  app.post('/:user_id/verify_password', async (c) => {
    const { password } = parseFields(await readJsonBody(c), VERIFY_PASSWORD_FIELDS)
    const target = getUser(core, c.req.param('user_id'))
    const digest = store.users.passwordDigest(target.id)
    if (digest === undefined) {
      throw clerkError(
        400,
        'password_not_set',
        'This user has no password',
        `The user ${target.id} has no password to verify.`,
      )
    }
    if (password.length > MAX_PASSWORD_LENGTH || !(await verifyPassword(password, digest))) {
      throw clerkError(
        422,
        'form_password_incorrect',
        'Password is incorrect.',
        'The password does not match the user’s password.',
        { param_name: 'password' },
      )
    }
    return json({ verified: true })
  })

  app.post('/:user_id/remove_password', async (c) => {
    const body = parseFields(await readJsonBody(c), REMOVE_PASSWORD_FIELDS)
    const userId = c.req.param('user_id')
    const updated = setUserPassword(core, userId, null, body.sign_out_of_other_sessions ? {} : undefined)
    return json(userJson(core, updated))
  })

  // Nobody has a second factor here, so removing one always succeeds; the user is touched and announced, as on Clerk.
  for (const path of ['mfa', 'totp', 'backup_code']) {
    app.delete(`/:user_id/${path}`, (c) => json({ user_id: removeSecondFactors(core, c.req.param('user_id')).id }))
  }

  // External accounts come from OAuth sign-ins, which this backend does not have: there is never one to delete.
  app.delete('/:user_id/external_accounts/:external_account_id', (c) => {
    const target = getUser(core, c.req.param('user_id'))
    throw notFound(
      'not found',
      `No external account was found with id ${c.req.param('external_account_id')} for user ${target.id}`,
    )
  })

  for (const [path, kind] of [
    ['email_address', 'email'],
    ['phone_number', 'phone'],
  ] as const) {
    app.put(`/:user_id/${path}`, async (c) => {
      const body = await readJsonBody(c)
      if (body === undefined) throw unprocessable(paramMissing(path))
      const record = replaceIdentifier(core, kind, getUser(core, c.req.param('user_id')), body)
      return json(kind === 'email' ? emailJson(record) : phoneJson(record))
    })
  }

  return app
}
