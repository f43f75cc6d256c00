// The values a JWT template's shortcodes may read about a user, an organization and a session.
import { allPermissions } from '../shared/roles.js'
import type { MembershipRecord, OrganizationRecord } from '../store/organizationStore.js'
import type { IdentifierRecord, UserRecord } from '../store/userStore.js'
import type { ShortcodeContext } from './compile.js'

export interface ShortcodeSources {
  user: UserRecord
  emails: readonly IdentifierRecord[]
  phones: readonly IdentifierRecord[]
  /** All of the user's memberships; only needed when a template reads `user.organizations`. */
  memberships?: readonly MembershipRecord[]
  /** The session's active organization and the user's membership in it. */
  active?: { organization: OrganizationRecord; membership: MembershipRecord } | undefined
}

/** Users have no uploaded images here; kept as a constant so the JSON and the shortcode agree. */
export const DEFAULT_IMAGE_URL = ''

/**
 * The values shortcodes can read (`user.*`, `org.*`, `org_membership.*`, `session.*`), named as in Clerk's
 * shortcode table. Private metadata is deliberately absent: it must never leak into a token.
 */
export function buildShortcodeContext(sources: ShortcodeSources): ShortcodeContext {
  const { user, emails, phones, active } = sources
  const primaryEmail = emails.find((e) => e.id === user.primary_email_address_id)?.value ?? null
  const primaryPhone = phones.find((p) => p.id === user.primary_phone_number_id)?.value ?? null
  const fullName = [user.first_name, user.last_name].filter(Boolean).join(' ') || null
  return {
    user: {
      id: user.id,
      first_name: user.first_name,
      last_name: user.last_name,
      full_name: fullName,
      username: user.username,
      external_id: user.external_id,
      created_at: Math.floor(user.created_at / 1000),
      updated_at: Math.floor(user.updated_at / 1000),
      primary_email_address: primaryEmail,
      primary_phone_number: primaryPhone,
      // Every identifier created through the Backend API is verified.
      email_verified: primaryEmail !== null,
      phone_number_verified: primaryPhone !== null,
      has_verified_email: primaryEmail !== null,
      has_verified_phone: primaryPhone !== null,
      two_factor_enabled: false,
      image_url: DEFAULT_IMAGE_URL,
      public_metadata: user.public_metadata,
      unsafe_metadata: user.unsafe_metadata,
      organizations: Object.fromEntries((sources.memberships ?? []).map((m) => [m.organization_id, m.role])),
    },
    org: active
      ? {
          id: active.organization.id,
          name: active.organization.name,
          slug: active.organization.slug,
          role: active.membership.role,
          image_url: DEFAULT_IMAGE_URL,
          public_metadata: active.organization.public_metadata,
        }
      : null,
    org_membership: active
      ? {
          public_metadata: active.membership.public_metadata,
          permissions: allPermissions(active.membership.role, active.membership.permissions),
        }
      : null,
    session: { actor: null },
  }
}
