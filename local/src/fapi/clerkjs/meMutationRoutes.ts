// The signed-in user changing themselves through ClerkJS (`<UserProfile/>`, `user.update`, `user.updatePassword`,
// `user.createEmailAddress` and its verification, `user.setProfileImage`, `user.delete`), on the same services as
// the Backend API. Each call acts only for the browser's own active session (`_clerk_session_id`).
import { clerkError, paramMissing, paramValueInvalid, unprocessable } from '../../shared/errors.js'
import { checkAccess } from '../../services/accessLists.js'
import { checkEmailCode } from '../../services/emailCodes.js'
import {
  UNVERIFIED_BY_ADMIN,
  addIdentifier,
  changeIdentifier,
  getIdentifier,
  prepareEmailVerification,
  removeIdentifier,
} from '../../services/identifiers.js'
import { hashPassword, verifyPassword } from '../../services/passwords.js'
import { deleteProfileImage, setProfileImage } from '../../services/profileImages.js'
import { setUserPassword, updateUser } from '../../services/userProfile.js'
import { MAX_PASSWORD_LENGTH, checkPasswordLength, deleteUser, getUser } from '../../services/users.js'
import type { SessionRecord } from '../../store/sessionStore.js'
import type { VerificationState } from '../../store/attemptStore.js'
import { emailJson } from '../../backendJson/user.js'
import { imageUrl } from '../../backendJson/view.js'
import type { ClerkJsCall } from './call.js'
import { userJson } from './frontendJson.js'
import { withClient } from './respond.js'
import type { FapiRoute } from './route.js'

/** `/v1/me/*` names the session in the query string, whatever the method. */
const meSession = (call: ClerkJsCall): SessionRecord => call.activeSession(call.c.req.query('_clerk_session_id'))

/** The user as ClerkJS reads it, in the envelope whose client carries the updated user too. */
const userAnswer = (call: ClerkJsCall, userId: string) => withClient(call, userJson(call.core, userId))

/** A profile field from the form: absent stays, empty clears. */
const optional = (call: ClerkJsCall, name: string) => {
  const value = call.param(name)
  return value === undefined ? undefined : value.trim() === '' ? null : value
}

function parseMetadata(raw: string | undefined): Record<string, unknown> | undefined {
  if (raw === undefined) return undefined
  try {
    const value: unknown = JSON.parse(raw)
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>
  } catch {
    // Reported below.
  }
  throw unprocessable(paramValueInvalid('unsafe_metadata', 'must be a JSON object.'))
}

const wrongPassword = (param: string) =>
  clerkError(
    422,
    'form_password_incorrect',
    'Password is incorrect. Try again, or use another method.',
    'Password is incorrect. Try again, or use another method.',
    {
      param_name: param,
    },
  )

/** The user's current password, checked when they have one (Clerk asks for it before changing or removing it). */
async function checkCurrentPassword(call: ClerkJsCall, userId: string): Promise<void> {
  const digest = call.core.store.users.passwordDigest(userId)
  if (digest === undefined) return
  const current = call.param('current_password') ?? ''
  if (current === '') throw unprocessable(paramMissing('current_password'))
  if (current.length > MAX_PASSWORD_LENGTH || !(await verifyPassword(current, digest)))
    throw wrongPassword('current_password')
}

/** The e-mail address of the signed-in user with this id; another user's is not found. */
function ownEmail(call: ClerkJsCall, session: SessionRecord, id: string) {
  const record = getIdentifier(call.core, 'email', id)
  if (record.user_id !== session.user_id)
    throw clerkError(404, 'resource_not_found', 'not found', `No email address was found with id ${id.slice(0, 60)}`)
  return record
}

const emailAnswer = (call: ClerkJsCall, id: string) =>
  withClient(call, emailJson(getIdentifier(call.core, 'email', id)))

export const meMutationRoutes: FapiRoute[] = [
  {
    method: 'PATCH',
    path: '/v1/me',
    async handle(call) {
      const session = meSession(call)
      const input: Record<string, unknown> = {}
      for (const name of ['first_name', 'last_name', 'username']) {
        const value = optional(call, name)
        if (value !== undefined) input[name] = value
      }
      for (const name of ['primary_email_address_id', 'primary_phone_number_id']) {
        const value = call.param(name)
        if (value) input[name] = value
      }
      const metadata = parseMetadata(call.param('unsafe_metadata'))
      if (metadata !== undefined) input.unsafe_metadata = metadata
      updateUser(call.core, session.user_id, input)
      return userAnswer(call, session.user_id)
    },
  },
  {
    method: 'POST',
    path: '/v1/me/change_password',
    async handle(call) {
      const session = meSession(call)
      const next = call.param('new_password') ?? ''
      if (next === '') throw unprocessable(paramMissing('new_password'))
      if (next.length > MAX_PASSWORD_LENGTH)
        throw unprocessable(
          paramValueInvalid('new_password', `must be at most ${MAX_PASSWORD_LENGTH} characters long.`),
        )
      checkPasswordLength(next, 'new_password')
      await checkCurrentPassword(call, session.user_id)
      if (call.param('current_password') === next) {
        throw clerkError(
          422,
          'form_new_password_matches_current',
          'Your new password cannot be the same as your current password.',
          'Your new password cannot be the same as your current password.',
          {
            param_name: 'new_password',
          },
        )
      }
      const digest = await hashPassword(next)
      // Every other session of the user, when asked: this browser's stays signed in.
      setUserPassword(
        call.core,
        session.user_id,
        digest,
        call.param('sign_out_of_other_sessions') === 'true' ? { except: session.id } : undefined,
      )
      return userAnswer(call, session.user_id)
    },
  },
  {
    method: 'POST',
    path: '/v1/me/remove_password',
    async handle(call) {
      const session = meSession(call)
      await checkCurrentPassword(call, session.user_id)
      setUserPassword(call.core, session.user_id, null)
      return userAnswer(call, session.user_id)
    },
  },
  {
    method: 'DELETE',
    path: '/v1/me',
    async handle(call) {
      const session = meSession(call)
      const user = getUser(call.core, session.user_id)
      if (!user.delete_self_enabled) {
        throw clerkError(
          403,
          'delete_self_not_enabled',
          'Deleting your account is not allowed',
          'This user cannot delete their own account (delete_self_enabled is false).',
        )
      }
      call.core.store.transaction(() => deleteUser(call.core, user.id))
      return withClient(call, { object: 'user', id: user.id, deleted: true })
    },
  },
  ...['/v1/me/email_addresses', '/v1/me/email_addresses/'].map((path): FapiRoute => ({
    method: 'POST',
    path,
    async handle(call) {
      const session = meSession(call)
      const address = call.param('email_address') ?? ''
      if (address === '') throw unprocessable(paramMissing('email_address'))
      // An address added later passes the same restrictions as one given at sign-up.
      checkAccess(call.core, [address], 'sign_up')
      const record = addIdentifier(call.core, 'email', getUser(call.core, session.user_id), address, {
        verification: { ...UNVERIFIED_BY_ADMIN, strategy: 'email_code' },
      })
      return emailAnswer(call, record.id)
    },
  })),
  {
    method: 'POST',
    path: '/v1/me/email_addresses/:id/prepare_verification',
    async handle(call, { id }) {
      const session = meSession(call)
      const record = ownEmail(call, session, id!)
      const strategy = call.param('strategy') ?? 'email_code'
      if (strategy !== 'email_code') {
        throw unprocessable(
          paramValueInvalid(
            'strategy',
            'must be email_code: remix-clerk-local verifies addresses with the code 424242.',
          ),
        )
      }
      prepareEmailVerification(call.core, record)
      return emailAnswer(call, record.id)
    },
  },
  {
    method: 'POST',
    path: '/v1/me/email_addresses/:id/attempt_verification',
    async handle(call, { id }) {
      const session = meSession(call)
      const record = ownEmail(call, session, id!)
      const sent = record.verification?.strategy === 'email_code' ? (record.verification as VerificationState) : null
      const verified = checkEmailCode(sent, call.param('code') ?? '', call.core.now())
      changeIdentifier(call.core, 'email', record, { verification: verified })
      return emailAnswer(call, record.id)
    },
  },
  {
    method: 'DELETE',
    path: '/v1/me/email_addresses/:id',
    async handle(call, { id }) {
      const session = meSession(call)
      const record = ownEmail(call, session, id!)
      const { users } = call.core.store
      // As Clerk: nobody removes their last way to sign in from their profile (the Backend API still can).
      if (
        users.emails(session.user_id).length + users.phones(session.user_id).length === 1 &&
        getUser(call.core, session.user_id).username === null
      ) {
        throw clerkError(
          400,
          'identification_deletion_failed',
          'You cannot delete your last identification.',
          'You cannot delete your last identification: add another e-mail address first.',
        )
      }
      removeIdentifier(call.core, 'email', record)
      return withClient(call, { object: 'email_address', id: record.id, deleted: true })
    },
  },
  {
    method: 'POST',
    path: '/v1/me/profile_image',
    async handle(call) {
      const session = meSession(call)
      const bytes = await call.file('file')
      if (!bytes) throw unprocessable(paramMissing('file'))
      const user = setProfileImage(call.core, session.user_id, { bytes })
      return withClient(call, {
        object: 'image',
        id: user.image_id,
        name: null,
        public_url: imageUrl(call.core, user.image_id),
      })
    },
  },
  {
    method: 'DELETE',
    path: '/v1/me/profile_image',
    async handle(call) {
      const session = meSession(call)
      deleteProfileImage(call.core, session.user_id)
      return withClient(call, { object: 'image', id: null, name: null, public_url: null })
    },
  },
]
