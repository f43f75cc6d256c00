// The objects ClerkJS reads from the Frontend API (client, session, user, sign_in, sign_up), in its snake_case JSON.
// What a browser sees of a user is public: private metadata never appears here.
import type { Core } from '../../core/core.js'
import { publicUserDataJson, roleName } from '../../backendJson/organization.js'
import { frontendOrganizationJson } from './organizationFrontendJson.js'
import { userJson as backendUserJson } from '../../backendJson/user.js'
import { allPermissions } from '../../shared/roles.js'
import { currentSession } from '../../services/clients.js'
import { missingSignUpFields, OPTIONAL_SIGN_UP_FIELDS, REQUIRED_SIGN_UP_FIELDS } from '../../services/signUpAttempts.js'
import type { SignInRecord, SignUpRecord, VerificationState } from '../../store/attemptStore.js'
import type { ClientRecord } from '../../store/clientStore.js'
import type { MembershipRecord } from '../../store/organizationStore.js'
import type { SessionRecord } from '../../store/sessionStore.js'
import { DEFAULT_IMAGE_URL } from '../../templates/context.js'

/** Who is asking: the page's origin becomes the `azp` of the tokens in the answer. */
export interface Viewer {
  core: Core
  origin: string | undefined
}

/** A membership as the Frontend API nests it: the organization, the role and what it permits. */
export function membershipJson(core: Core, membership: MembershipRecord) {
  const { store } = core
  return {
    object: 'organization_membership',
    id: membership.id,
    organization: frontendOrganizationJson(core, store.organizations.get(membership.organization_id)!),
    role: membership.role,
    role_name: roleName(membership.role),
    permissions: allPermissions(membership.role, membership.permissions),
    public_metadata: membership.public_metadata,
    public_user_data: publicUserDataJson(core.store, membership.user_id),
    created_at: membership.created_at,
    updated_at: membership.updated_at,
  }
}

/**
 * The signed-in user: the Backend API fields without private metadata, with the memberships embedded (ClerkJS
 * resolves `Clerk.organization` from them). Creating organizations and deleting oneself follow the user's
 * `create_organization_enabled` and `delete_self_enabled`, so the UI offers what the user may do.
 */
export function userJson(core: Core, userId: string) {
  const { store } = core
  const { private_metadata: _private, ...user } = backendUserJson(core, store.users.get(userId)!)
  return {
    ...user,
    organization_memberships: store.organizations.userMemberships(userId).map((m) => membershipJson(core, m)),
  }
}

/** A session; an active one with a fresh session token (ClerkJS uses it at once instead of asking for one). */
export async function sessionJson(viewer: Viewer, session: SessionRecord) {
  const { core } = viewer
  const jwt = session.status === 'active' ? await core.minter.sessionToken(session.id, { origin: viewer.origin }) : null
  return {
    object: 'session',
    id: session.id,
    status: session.status,
    expire_at: session.expire_at,
    abandon_at: session.abandon_at,
    last_active_at: session.last_active_at,
    last_active_organization_id: session.last_active_organization_id,
    last_active_token: jwt === null ? null : { object: 'token', jwt },
    actor: session.actor,
    tasks: null,
    user: userJson(core, session.user_id),
    public_user_data: publicUserDataJson(core.store, session.user_id),
    // Minutes since the first factor; no second factor here.
    factor_verification_age: [Math.max(0, Math.floor((core.now() - session.created_at) / 60_000)), -1],
    created_at: session.created_at,
    updated_at: session.updated_at,
  }
}

function verificationJson(state: VerificationState | null) {
  if (!state) return null
  return {
    object: 'verification',
    status: state.status,
    strategy: state.strategy,
    attempts: state.attempts,
    expire_at: state.expire_at,
    error: null,
  }
}

/** The first factors a user can sign in with: the password when they have one, and the e-mail code. */
function firstFactors(core: Core, userId: string) {
  const { users } = core.store
  const user = users.get(userId)!
  const emailCodes = users.emails(userId).map((email) => ({
    strategy: 'email_code',
    safe_identifier: email.value,
    email_address_id: email.id,
    primary: email.id === user.primary_email_address_id,
  }))
  return [...(users.passwordDigest(userId) === undefined ? [] : [{ strategy: 'password' }]), ...emailCodes]
}

export function signInJson(core: Core, signIn: SignInRecord) {
  const user = signIn.user_id === null ? undefined : core.store.users.get(signIn.user_id)
  return {
    object: 'sign_in',
    id: signIn.id,
    status: signIn.status,
    supported_identifiers: ['email_address', 'username'],
    identifier: signIn.identifier,
    supported_first_factors: user ? firstFactors(core, user.id) : [],
    supported_second_factors: null,
    first_factor_verification: verificationJson(signIn.first_factor),
    second_factor_verification: null,
    user_data: user
      ? { first_name: user.first_name, last_name: user.last_name, image_url: DEFAULT_IMAGE_URL, has_image: false }
      : null,
    created_session_id: signIn.created_session_id,
    abandon_at: signIn.abandon_at,
  }
}

export function signUpJson(signUp: SignUpRecord) {
  const emailVerification = verificationJson(signUp.email_verification)
  const unverified = signUp.fields.email_address !== null && signUp.email_verification?.status !== 'verified'
  return {
    object: 'sign_up',
    id: signUp.id,
    status: signUp.status,
    required_fields: [...REQUIRED_SIGN_UP_FIELDS],
    optional_fields: [...OPTIONAL_SIGN_UP_FIELDS],
    missing_fields: missingSignUpFields(signUp),
    unverified_fields: unverified ? ['email_address'] : [],
    verifications: {
      email_address: emailVerification && {
        ...emailVerification,
        next_action: emailVerification.status === 'verified' ? '' : 'needs_attempt',
        supported_strategies: ['email_code'],
      },
      phone_number: null,
      web3_wallet: null,
      external_account: null,
    },
    username: null,
    email_address: signUp.fields.email_address,
    phone_number: null,
    web3_wallet: null,
    has_password: signUp.password_digest !== null,
    first_name: signUp.fields.first_name,
    last_name: signUp.fields.last_name,
    unsafe_metadata: signUp.fields.unsafe_metadata,
    public_metadata: {},
    custom_action: false,
    external_id: null,
    created_session_id: signUp.created_session_id,
    created_user_id: signUp.created_user_id,
    abandon_at: signUp.abandon_at,
    legal_accepted_at: null,
    locale: signUp.fields.locale,
  }
}

/**
 * The browser's client: its signed-in session (one at a time, as in Clerk's single-session mode) and the sign-in
 * or sign-up in progress. `cookie_expires_at` stays null, so ClerkJS never sends the browser to renew the cookie.
 */
export async function clientJson(viewer: Viewer, client: ClientRecord) {
  const { core } = viewer
  const now = core.now()
  const session = currentSession(core, client)
  const signIn = core.store.attempts.currentSignIn(client.id, now)
  const signUp = core.store.attempts.currentSignUp(client.id, now)
  return {
    object: 'client',
    id: client.id,
    sessions: session ? [await sessionJson(viewer, session)] : [],
    sign_in: signIn ? signInJson(core, signIn) : null,
    sign_up: signUp ? signUpJson(signUp) : null,
    last_active_session_id: session?.id ?? null,
    captcha_bypass: false,
    cookie_expires_at: null,
    last_authentication_strategy: null,
    created_at: client.created_at,
    updated_at: client.updated_at,
  }
}
