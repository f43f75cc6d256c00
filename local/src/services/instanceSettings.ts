// Instance settings a Backend API caller can read and change (`/v1/instance`, its restrictions and organization
// settings), stored as JSON under a name, each with Clerk's defaults for what was never set.
import type { Core } from '../core/core.js'

/** `PATCH /v1/instance/restrictions`: who may sign up and sign in. Clerk enforces a list only once it is switched on. */
interface Restrictions {
  allowlist: boolean
  blocklist: boolean
  allowlist_blocklist_disabled_on_sign_in: boolean
  block_email_subaddresses: boolean
  block_disposable_email_domains: boolean
}

const DEFAULT_RESTRICTIONS: Restrictions = {
  allowlist: false,
  blocklist: false,
  allowlist_blocklist_disabled_on_sign_in: false,
  block_email_subaddresses: false,
  block_disposable_email_domains: false,
}

/** `PATCH /v1/instance/organization_settings`. */
interface OrganizationSettings {
  enabled: boolean
  max_allowed_memberships: number
  max_allowed_roles: number
  max_allowed_domains: number
  admin_delete_enabled: boolean
  domains_enabled: boolean
  domains_enrollment_modes: string[]
  creator_role: string
  domains_default_role: string
  slug_disabled: boolean
}

const DEFAULT_ORGANIZATION_SETTINGS: OrganizationSettings = {
  enabled: true,
  max_allowed_memberships: 0,
  max_allowed_roles: 10,
  max_allowed_domains: 10,
  admin_delete_enabled: true,
  domains_enabled: false,
  domains_enrollment_modes: [],
  creator_role: 'org:admin',
  domains_default_role: 'org:member',
  slug_disabled: false,
}

/** `PATCH /v1/instance`: the settings that have no other home; stored, not acted on. */
interface InstanceSettings {
  test_mode: boolean
  hibp: boolean
  support_email: string | null
  clerk_js_version: string | null
  development_origin: string | null
  allowed_origins: string[]
  cookieless_dev: boolean
  url_based_session_syncing: boolean
}

const DEFAULT_INSTANCE_SETTINGS: InstanceSettings = {
  test_mode: true,
  hibp: false,
  support_email: null,
  clerk_js_version: null,
  development_origin: null,
  allowed_origins: [],
  cookieless_dev: false,
  url_based_session_syncing: false,
}

const NAMES = {
  restrictions: DEFAULT_RESTRICTIONS,
  organization_settings: DEFAULT_ORGANIZATION_SETTINGS,
  instance: DEFAULT_INSTANCE_SETTINGS,
}
type SettingName = keyof typeof NAMES
type SettingValue<N extends SettingName> = (typeof NAMES)[N]

/** The stored value over its defaults. */
export function readSettings<N extends SettingName>(core: Core, name: N): SettingValue<N> {
  return { ...NAMES[name], ...core.store.records.settings.get<SettingValue<N>>(name) }
}

/** Merges `changes` (already checked) into the stored value and returns the result. */
export function changeSettings<N extends SettingName>(
  core: Core,
  name: N,
  changes: Partial<SettingValue<N>>,
): SettingValue<N> {
  const next = { ...readSettings(core, name), ...changes }
  core.store.records.settings.put(name, next)
  return next
}
