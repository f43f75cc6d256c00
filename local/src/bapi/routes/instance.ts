// `/v1/instance`: the instance (its id, environment, allowed origins), its settings, its restrictions (which switch
// the allowlist and blocklist on) and its organization settings.
import { Hono } from 'hono'
import type { Core } from '../../core/core.js'
import { changeSettings, readSettings } from '../../services/instanceSettings.js'
import { f, parseFields } from '../../validation/schema.js'
import { readJsonBody } from '../../http/body.js'
import { json } from '../../http/respond.js'

const INSTANCE_FIELDS = {
  test_mode: f.boolean(),
  hibp: f.boolean(),
  support_email: f.nullableString({ maxLength: 320 }),
  clerk_js_version: f.nullableString({ maxLength: 50 }),
  development_origin: f.nullableString({ maxLength: 2048 }),
  allowed_origins: f.stringArray({ maxLength: 2048 }),
  cookieless_dev: f.boolean(),
  url_based_session_syncing: f.boolean(),
  preferred_sign_in_strategy_when_password_required: f.string({ maxLength: 50 }),
}

const RESTRICTION_FIELDS = {
  allowlist: f.boolean(),
  blocklist: f.boolean(),
  allowlist_blocklist_disabled_on_sign_in: f.boolean(),
  block_email_subaddresses: f.boolean(),
  block_disposable_email_domains: f.boolean(),
}

const ORGANIZATION_SETTINGS_FIELDS = {
  enabled: f.boolean(),
  max_allowed_memberships: f.integer(0, 1_000_000),
  admin_delete_enabled: f.boolean(),
  domains_enabled: f.boolean(),
  slug_disabled: f.boolean(),
  domains_enrollment_modes: f.stringArray(),
  creator_role_id: f.string({ maxLength: 100 }),
  domains_default_role_id: f.string({ maxLength: 100 }),
}

/** Drops the parameters that were not given, so a PATCH changes only what it names. */
const given = <T extends object>(body: T) =>
  Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)) as Partial<T>

export function instanceRoutes(core: Core): Hono {
  const app = new Hono()

  app.get('/', () => {
    const settings = readSettings(core, 'instance')
    return json({
      object: 'instance',
      id: core.keys.instanceId,
      environment_type: 'development',
      allowed_origins: settings.allowed_origins,
    })
  })

  // Stored for GET and for the caller's own reads; Clerk answers 204 with no body.
  app.patch('/', async (c) => {
    const { preferred_sign_in_strategy_when_password_required: _strategy, ...body } = parseFields(
      await readJsonBody(c),
      INSTANCE_FIELDS,
    )
    changeSettings(core, 'instance', given(body))
    return new Response(null, { status: 204 })
  })

  app.patch('/restrictions', async (c) => {
    const body = parseFields(await readJsonBody(c), RESTRICTION_FIELDS)
    const restrictions = changeSettings(core, 'restrictions', given(body))
    return json({ object: 'instance_restrictions', ...restrictions, ignore_dots_for_gmail_addresses: false })
  })

  const organizationSettings = () => ({
    object: 'organization_settings',
    ...readSettings(core, 'organization_settings'),
    max_allowed_permissions: 50,
  })
  app.get('/organization_settings', () => json(organizationSettings()))

  app.patch('/organization_settings', async (c) => {
    const {
      creator_role_id: creator,
      domains_default_role_id: domainsDefault,
      ...body
    } = parseFields(await readJsonBody(c), ORGANIZATION_SETTINGS_FIELDS)
    changeSettings(core, 'organization_settings', {
      ...given(body),
      ...(creator === undefined ? {} : { creator_role: creator }),
      ...(domainsDefault === undefined ? {} : { domains_default_role: domainsDefault }),
    })
    return json(organizationSettings())
  })

  return app
}
