// `GET /v1/environment`: the instance settings ClerkJS draws its UI from. They describe exactly what this backend
// does: e-mail address and password (or the e-mail code), organizations (created and managed by their users,
// verified domains included), one session per browser; no phone, no social or enterprise sign-in, no passkeys, no
// MFA, no CAPTCHA, no billing, and no links to clerk.com.
import type { Core } from '../../core/core.js'
import { portalDisplayUrls } from '../accountPortal/urls.js'
import { DOMAIN_DEFAULT_ROLE } from '../../services/organizationDomains.js'

const DISABLED = {
  enabled: false,
  required: false,
  used_for_first_factor: false,
  first_factors: [],
  used_for_second_factor: false,
  second_factors: [],
  verifications: [],
  verify_at_sign_up: false,
}

const optional = { ...DISABLED, enabled: true }

const USER_SETTINGS = {
  attributes: {
    email_address: {
      enabled: true,
      required: true,
      used_for_first_factor: true,
      first_factors: ['email_code'],
      used_for_second_factor: false,
      second_factors: [],
      verifications: ['email_code'],
      verify_at_sign_up: true,
    },
    password: { ...DISABLED, enabled: true, required: true },
    // Signing in by username works (the identifier field accepts one), but sign-up does not ask for it.
    username: DISABLED,
    first_name: optional,
    last_name: optional,
    phone_number: DISABLED,
    web3_wallet: DISABLED,
    authenticator_app: DISABLED,
    backup_code: DISABLED,
    passkey: DISABLED,
  },
  actions: { delete_self: true, create_organization: true },
  social: {},
  saml: { enabled: false },
  enterprise_sso: { enabled: false },
  sign_in: { second_factor: { required: false, enabled: false } },
  sign_up: {
    mode: 'public',
    progressive: true,
    captcha_enabled: false,
    captcha_widget_type: null,
    custom_action_required: false,
    legal_consent_enabled: false,
    mfa: { required: false },
  },
  password_settings: {
    min_length: 8,
    max_length: 72,
    disable_hibp: true,
    show_zxcvbn: false,
    min_zxcvbn_strength: 0,
    require_special_char: false,
    require_numbers: false,
    require_uppercase: false,
    require_lowercase: false,
    allowed_special_characters: '',
    enforce_hibp_on_sign_in: false,
  },
  passkey_settings: { allow_autofill: false, show_sign_in_button: false },
  username_settings: { min_length: 4, max_length: 64 },
}

const ORGANIZATION_SETTINGS = {
  enabled: true,
  max_allowed_memberships: 0,
  force_organization_selection: false,
  actions: { admin_delete: true },
  // Verified by the development e-mail code; automatic invitations work, suggestions (and their join requests) do not.
  domains: {
    enabled: true,
    enrollment_modes: ['manual_invitation', 'automatic_invitation'],
    default_role: DOMAIN_DEFAULT_ROLE,
  },
  slug: { disabled: false },
  organization_creation_defaults: { enabled: false },
}

/**
 * `branded: false` and no logo: the UI loads nothing from Clerk. The page URLs name the hosted pages this backend
 * serves on `origin` (the local Account Portal, see accountPortal/); every other URL is empty, so the UI links
 * nowhere outside the app.
 */
function displayConfig(core: Core, origin: string) {
  return {
    object: 'display_config',
    id: `display_config_${core.keys.instanceId}`,
    instance_environment_type: 'production',
    application_name: 'remix-clerk-local',
    branded: false,
    preferred_sign_in_strategy: 'password',
    show_devmode_warning: false,
    clerk_js_version: core.clerkJs?.version ?? null,
    logo_image_url: '',
    favicon_image_url: '',
    home_url: '',
    waitlist_url: '',
    ...portalDisplayUrls(origin),
    after_sign_out_one_url: '',
    after_sign_out_all_url: '',
    after_switch_session_url: '',
    after_join_waitlist_url: '',
    after_create_organization_url: '',
    after_leave_organization_url: '',
    support_email: null,
    terms_url: '',
    privacy_policy_url: '',
    captcha_public_key: null,
    captcha_public_key_invisible: null,
    captcha_widget_type: null,
    captcha_provider: null,
    captcha_oauth_bypass: [],
    captcha_heartbeat: false,
    google_one_tap_client_id: null,
    theme: {},
  }
}

/** The environment as ClerkJS sees it from `origin`, the backend's origin as the browser reached it. */
export function environmentJson(core: Core, origin: string) {
  return {
    object: 'environment',
    id: `env_${core.keys.instanceId}`,
    auth_config: {
      object: 'auth_config',
      id: `aac_${core.keys.instanceId}`,
      // One user per browser: signing in ends the browser's other session (see services/clients.ts).
      single_session_mode: true,
      claimed_at: null,
      reverification: false,
      preferred_channels: null,
    },
    display_config: displayConfig(core, origin),
    user_settings: USER_SETTINGS,
    organization_settings: ORGANIZATION_SETTINGS,
    commerce_settings: { billing: { enabled: false, has_paid_user_plans: false, has_paid_org_plans: false } },
    api_keys_settings: { enabled: false },
    maintenance_mode: false,
    client_debug_mode: false,
    partitioned_cookies: false,
  }
}
