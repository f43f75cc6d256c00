// A user in the Backend API's JSON, as Clerk's SDK types expect it, with e-mail addresses and phone numbers.
import type { Store } from '../store/index.js'
import type { IdentifierRecord, UserRecord } from '../store/userStore.js'
import { DEFAULT_IMAGE_URL } from '../templates/context.js'

const ADMIN_VERIFICATION = {
  object: 'verification_admin',
  status: 'verified',
  strategy: 'admin',
  attempts: null,
  expire_at: null,
} as const

function emailJson(email: IdentifierRecord) {
  return {
    id: email.id,
    object: 'email_address',
    email_address: email.value,
    reserved: false,
    verification: ADMIN_VERIFICATION,
    // The SDK maps over linked_to, so it must be an array even when empty.
    linked_to: [],
    matches_sso_connection: false,
    created_at: email.created_at,
    updated_at: email.updated_at,
  }
}

function phoneJson(phone: IdentifierRecord) {
  return {
    id: phone.id,
    object: 'phone_number',
    phone_number: phone.value,
    reserved_for_second_factor: false,
    default_second_factor: false,
    reserved: false,
    verification: ADMIN_VERIFICATION,
    linked_to: [],
    backup_codes: null,
    created_at: phone.created_at,
    updated_at: phone.updated_at,
  }
}

/** The Backend API User object: every field the OpenAPI schema requires, null rather than absent. */
export function userJson(store: Store, user: UserRecord) {
  return {
    id: user.id,
    object: 'user',
    username: user.username,
    first_name: user.first_name,
    last_name: user.last_name,
    image_url: DEFAULT_IMAGE_URL,
    has_image: false,
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
    banned: false,
    locked: false,
    lockout_expires_in_seconds: null,
    verification_attempts_remaining: null,
    created_at: user.created_at,
    updated_at: user.updated_at,
    delete_self_enabled: true,
    create_organization_enabled: true,
    create_organizations_limit: null,
    last_active_at: user.last_active_at,
    mfa_enabled_at: null,
    mfa_disabled_at: null,
    legal_accepted_at: user.legal_accepted_at,
    locale: user.locale,
  }
}
