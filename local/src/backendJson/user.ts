// A user in the Backend API's JSON, as Clerk's SDK types expect it, with e-mail addresses and phone numbers.
import type { IdentifierRecord, UserRecord } from '../store/userStore.js'
import { type JsonView, imageUrl } from './view.js'

const ADMIN_VERIFICATION = {
  object: 'verification_admin',
  status: 'verified',
  strategy: 'admin',
  attempts: null,
  expire_at: null,
} as const

/** null in the record: verified by an administrator. */
function verificationJson(identifier: IdentifierRecord) {
  const state = identifier.verification
  if (state === null) return ADMIN_VERIFICATION
  return {
    object: state.strategy === 'admin' ? 'verification_admin' : 'verification_otp',
    status: state.status,
    strategy: state.strategy,
    attempts: state.attempts,
    expire_at: state.expire_at,
  }
}

/** Reserved: claimed by an administrator but not verified (Clerk's `identification_status: reserved`). */
const reserved = (identifier: IdentifierRecord) =>
  identifier.verification?.strategy === 'admin' && identifier.verification.status !== 'verified'

export function emailJson(email: IdentifierRecord) {
  return {
    id: email.id,
    object: 'email_address',
    email_address: email.value,
    reserved: reserved(email),
    verification: verificationJson(email),
    // The SDK maps over linked_to, so it must be an array even when empty.
    linked_to: [],
    matches_sso_connection: false,
    created_at: email.created_at,
    updated_at: email.updated_at,
  }
}

export function phoneJson(phone: IdentifierRecord) {
  return {
    id: phone.id,
    object: 'phone_number',
    phone_number: phone.value,
    reserved_for_second_factor: false,
    default_second_factor: false,
    reserved: reserved(phone),
    verification: verificationJson(phone),
    linked_to: [],
    backup_codes: null,
    created_at: phone.created_at,
    updated_at: phone.updated_at,
  }
}

/** The Backend API User object: every field the OpenAPI schema requires, null rather than absent. */
/** Reads the store (identifiers), the clock (lockouts) and the public URL (the profile image) of `view`. */
export function userJson(view: JsonView, user: UserRecord) {
  const { store } = view
  const lockedUntil = user.locked_until !== null && user.locked_until > view.now() ? user.locked_until : null
  return {
    id: user.id,
    object: 'user',
    username: user.username,
    first_name: user.first_name,
    last_name: user.last_name,
    image_url: imageUrl(view, user.image_id),
    has_image: user.image_id !== null,
    primary_email_address_id: user.primary_email_address_id,
    primary_phone_number_id: user.primary_phone_number_id,
    primary_web3_wallet_id: null,
    password_enabled: user.password_enabled,
    two_factor_enabled: false,
    totp_enabled: false,
    backup_code_enabled: false,
    email_addresses: store.users.emails(user.id).map(emailJson),
    phone_numbers: store.users.phones(user.id).map(phoneJson),
    web3_wallets: [],
    passkeys: [],
    external_accounts: [],
    saml_accounts: [],
    enterprise_accounts: [],
    public_metadata: user.public_metadata,
    private_metadata: user.private_metadata,
    unsafe_metadata: user.unsafe_metadata,
    external_id: user.external_id,
    last_sign_in_at: user.last_sign_in_at,
    banned: user.banned,
    locked: lockedUntil !== null,
    lockout_expires_in_seconds: lockedUntil === null ? null : Math.ceil((lockedUntil - view.now()) / 1000),
    verification_attempts_remaining: null,
    created_at: user.created_at,
    updated_at: user.updated_at,
    delete_self_enabled: user.delete_self_enabled,
    create_organization_enabled: user.create_organization_enabled,
    create_organizations_limit: user.create_organizations_limit,
    last_active_at: user.last_active_at,
    mfa_enabled_at: null,
    mfa_disabled_at: null,
    legal_accepted_at: user.legal_accepted_at,
    locale: user.locale,
  }
}
