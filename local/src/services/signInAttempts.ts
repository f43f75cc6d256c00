// ClerkJS's sign-in: find the user by an identifier, verify one first factor (a password or an e-mail code), then
// sign the browser's client in. No second factor: nobody has one here.
import type { Core } from '../core/core.js'
import { clerkError, notSupported, paramFormatInvalid, unprocessable } from '../shared/errors.js'
import { newId } from '../shared/ids.js'
import type { SignInRecord } from '../store/attemptStore.js'
import type { ClientRecord } from '../store/clientStore.js'
import type { SessionRecord } from '../store/sessionStore.js'
import type { UserRecord } from '../store/userStore.js'
import { signInOnFreshClient } from './clients.js'
import { checkEmailCode, sendEmailCode, userEmailRecipient } from './emailCodes.js'
import { assertMaySignIn } from './userAccess.js'
import { verifyPassword } from './passwords.js'

/** An unfinished sign-in is forgotten after a day, as a page left open overnight. */
const ABANDON_AFTER_MS = 24 * 60 * 60 * 1000
const MAX_IDENTIFIER_LENGTH = 320
const MAX_PASSWORD_LENGTH = 72

/** The strategies this backend verifies; anything else ClerkJS may ask for gets a clear "not supported". */
const FIRST_FACTOR_STRATEGIES = ['password', 'email_code'] as const
type FirstFactorStrategy = (typeof FIRST_FACTOR_STRATEGIES)[number]

const isSupported = (strategy: string): strategy is FirstFactorStrategy =>
  (FIRST_FACTOR_STRATEGIES as readonly string[]).includes(strategy)

/** What the UI offers for a strategy it cannot have here, and what to do instead. */
function unsupportedStrategy(strategy: string, param = 'strategy') {
  const what = strategy.startsWith('oauth_')
    ? `Signing in with ${strategy.slice('oauth_'.length)} (OAuth)`
    : strategy.startsWith('reset_password_')
      ? 'Resetting a password'
      : `The sign-in strategy ${JSON.stringify(strategy.slice(0, 60))}`
  return notSupported(what, 'use a password or the e-mail code', 422, { param_name: param })
}

/** The user an identifier names: an e-mail address (any case) or a username. */
function userByIdentifier(core: Core, identifier: string): UserRecord | undefined {
  const { users } = core.store
  const id = users.userIdByEmail(identifier.trim().toLowerCase()) ?? users.userIdByUsername(identifier.trim())
  return id === undefined ? undefined : users.get(id)
}

/**
 * `POST /v1/client/sign_ins`: a new sign-in for the client (abandoning the one in progress). With an identifier it
 * needs a first factor next; with `strategy: email_code` that code is "sent" at once.
 */
export function startSignIn(
  core: Core,
  client: ClientRecord,
  identifier: string | undefined,
  strategy: string | undefined,
): SignInRecord {
  if (strategy !== undefined && !isSupported(strategy)) throw unsupportedStrategy(strategy)
  if (identifier !== undefined && identifier.length > MAX_IDENTIFIER_LENGTH) {
    throw unprocessable(paramFormatInvalid('identifier', `must be at most ${MAX_IDENTIFIER_LENGTH} characters long.`))
  }
  const user = identifier === undefined || identifier.trim() === '' ? undefined : userByIdentifier(core, identifier)
  if (identifier !== undefined && identifier.trim() !== '' && !user) {
    throw clerkError(422, 'form_identifier_not_found', "Couldn't find your account.", "Couldn't find your account.", {
      param_name: 'identifier',
    })
  }
  // Banned, locked or kept out by the restrictions: refused at the identifier, before any factor.
  if (user) assertMaySignIn(core, user.id)
  return core.store.transaction(() => {
    const now = core.now()
    const signIn: SignInRecord = {
      id: newId('sia'),
      client_id: client.id,
      status: user ? 'needs_first_factor' : 'needs_identifier',
      identifier: user ? identifier!.trim() : null,
      user_id: user?.id ?? null,
      first_factor: strategy === 'email_code' && user ? sendEmailCode(core, userEmailRecipient(core, user.id)) : null,
      created_session_id: null,
      abandon_at: now + ABANDON_AFTER_MS,
      created_at: now,
      updated_at: now,
    }
    core.store.attempts.abandonSignIns(client.id, now)
    core.store.attempts.putSignIn(signIn)
    return signIn
  })
}

/** The client's sign-in with this id, still waiting for a factor; a 404 or 422 otherwise. */
export function pendingSignIn(core: Core, client: ClientRecord, signInId: string): SignInRecord & { user_id: string } {
  const signIn = core.store.attempts.signIn(signInId, client.id)
  if (!signIn)
    throw clerkError(
      404,
      'resource_not_found',
      'Sign-in not found',
      `No sign-in ${signInId.slice(0, 60)} exists on this browser.`,
    )
  if (signIn.status !== 'needs_first_factor' || signIn.user_id === null) {
    throw clerkError(
      400,
      'sign_in_not_in_progress',
      'This sign-in is over',
      `This sign-in is ${signIn.status.replace(/_/g, ' ')}; start a new one.`,
    )
  }
  return signIn as SignInRecord & { user_id: string }
}

/** `prepare_first_factor`: "sends" the e-mail code. A password needs no preparing. */
export function prepareFirstFactor(core: Core, signIn: SignInRecord, strategy: string): SignInRecord {
  if (!isSupported(strategy)) throw unsupportedStrategy(strategy)
  return core.store.transaction(() => {
    const to = signIn.user_id === null ? undefined : userEmailRecipient(core, signIn.user_id)
    const sent = strategy === 'email_code' ? sendEmailCode(core, to) : signIn.first_factor
    const next = { ...signIn, first_factor: sent, updated_at: core.now() }
    core.store.attempts.putSignIn(next)
    return next
  })
}

/**
 * `attempt_first_factor` (or a one-step `POST /v1/client/sign_ins` with a password): checks the factor and signs
 * the browser in, on a fresh client (returned: its cookie replaces the browser's). A wrong password or code is a 422
 * on its field, as Clerk's UI expects.
 */
export async function attemptFirstFactor(
  core: Core,
  client: ClientRecord,
  signIn: SignInRecord & { user_id: string },
  attempt: { strategy: string; password?: string | undefined; code?: string | undefined },
): Promise<{ signIn: SignInRecord; client: ClientRecord; session: SessionRecord }> {
  const { strategy } = attempt
  if (!isSupported(strategy)) throw unsupportedStrategy(strategy)
  let verified
  if (strategy === 'password') {
    const digest = core.store.users.passwordDigest(signIn.user_id)
    if (digest === undefined) {
      throw clerkError(
        422,
        'strategy_for_user_invalid',
        'This account has no password',
        'This account has no password. Sign in with the e-mail code instead (use another method).',
        { param_name: 'strategy' },
      )
    }
    const password = attempt.password ?? ''
    // No password is longer than 72 characters, so a longer one is wrong without costing a hash of it.
    if (password.length > MAX_PASSWORD_LENGTH || !(await verifyPassword(password, digest))) {
      throw clerkError(
        422,
        'form_password_incorrect',
        'Password is incorrect. Try again, or use another method.',
        'Password is incorrect. Try again, or use another method.',
        {
          param_name: 'password',
        },
      )
    }
    verified = { strategy, status: 'verified' as const, attempts: 1, expire_at: null }
  } else {
    verified = checkEmailCode(signIn.first_factor, attempt.code ?? '', core.now())
  }
  return core.store.transaction(() => {
    // Checked again after the (asynchronous) password check: a parallel attempt may have finished it meanwhile.
    pendingSignIn(core, client, signIn.id)
    // On a new client, as every sign-in here (see signInOnFreshClient): the cookie the browser came with may be planted.
    const signedIn = signInOnFreshClient(core, client, signIn.user_id)
    const complete: SignInRecord = {
      ...signIn,
      status: 'complete',
      first_factor: verified,
      created_session_id: signedIn.session.id,
      updated_at: core.now(),
    }
    core.store.attempts.putSignIn(complete)
    return { signIn: complete, ...signedIn }
  })
}
