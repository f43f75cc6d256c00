// Backend API JSON as the wire carries it (snake_case, Unix ms), for scripted responses.

export const SECRET_KEY = 'sk_test_fixtureSecretKey0123456789abcdef'

export const sessionJSON = {
  object: 'session',
  id: 'sess_123',
  client_id: 'client_1',
  user_id: 'user_1',
  status: 'active',
  last_active_at: 1_700_000_000_000,
  expire_at: 1_700_604_800_000,
  abandon_at: 1_702_592_000_000,
  created_at: 1_699_999_000_000,
  updated_at: 1_700_000_000_000,
  last_active_organization_id: 'org_1',
  latest_activity: {
    object: 'session_activity',
    id: 'sess_activity_1',
    is_mobile: false,
    browser_name: 'Firefox',
    browser_version: '130.0',
    ip_address: '127.0.0.1',
    city: null,
    country: null,
    device_type: null,
  },
  actor: null,
}

const emailJSON = {
  object: 'email_address',
  id: 'idn_email_1',
  email_address: 'ada@example.com',
  reserved: false,
  verification: {
    object: 'verification_admin',
    status: 'verified',
    strategy: 'admin',
    attempts: null,
    expire_at: null,
  },
  linked_to: [],
  created_at: 1_699_999_000_000,
  updated_at: 1_699_999_000_000,
}

export const userJSON = {
  object: 'user',
  id: 'user_1',
  username: 'ada',
  first_name: 'Ada',
  last_name: 'Lovelace',
  image_url: 'https://img.example/ada.png',
  has_image: false,
  primary_email_address_id: 'idn_email_1',
  primary_phone_number_id: null,
  primary_web3_wallet_id: null,
  password_enabled: false,
  two_factor_enabled: false,
  totp_enabled: false,
  backup_code_enabled: false,
  email_addresses: [emailJSON],
  phone_numbers: [],
  web3_wallets: [],
  passkeys: [],
  external_accounts: [],
  saml_accounts: [],
  enterprise_accounts: [],
  public_metadata: { plan: 'pro' },
  private_metadata: { stripe_id: 'cus_1' },
  unsafe_metadata: {},
  external_id: null,
  last_sign_in_at: null,
  banned: false,
  locked: false,
  lockout_expires_in_seconds: null,
  verification_attempts_remaining: 100,
  created_at: 1_699_999_000_000,
  updated_at: 1_699_999_000_000,
  delete_self_enabled: true,
  create_organization_enabled: true,
  last_active_at: null,
  mfa_enabled_at: null,
  mfa_disabled_at: null,
  legal_accepted_at: null,
  locale: null,
}

export const templateJSON = {
  object: 'jwt_template',
  id: 'jtmp_1',
  name: 'test',
  claims: { aud: 'api', user_email: '{{user.primary_email_address}}' },
  lifetime: 60,
  allowed_clock_skew: 5,
  custom_signing_key: false,
  signing_algorithm: 'RS256',
  created_at: 1_699_999_000_000,
  updated_at: 1_699_999_000_000,
}

export const organizationJSON = {
  object: 'organization',
  id: 'org_1',
  name: 'Acme',
  slug: 'acme',
  image_url: 'https://img.example/acme.png',
  has_image: false,
  created_at: 1_699_999_000_000,
  updated_at: 1_699_999_000_000,
  public_metadata: {},
  private_metadata: {},
  max_allowed_memberships: 5,
  admin_delete_enabled: true,
  members_count: 1,
  created_by: 'user_1',
}

export const membershipJSON = {
  object: 'organization_membership',
  id: 'orgmem_1',
  role: 'org:member',
  permissions: ['org:sys_profile:read'],
  public_metadata: {},
  private_metadata: {},
  created_at: 1_699_999_000_000,
  updated_at: 1_699_999_000_000,
  organization: organizationJSON,
  public_user_data: {
    identifier: 'ada@example.com',
    first_name: 'Ada',
    last_name: 'Lovelace',
    image_url: 'https://img.example/ada.png',
    has_image: false,
    user_id: 'user_1',
  },
}

/** A Clerk error body, as documented for status ≥ 400. */
export function clerkErrorBody(code: string, message: string, longMessage: string, meta: object = {}) {
  return {
    errors: [{ code, message, long_message: longMessage, meta }],
    meta: {},
    clerk_trace_id: `trace_${code}`,
  }
}
