// Verified domains of an organization: create, change the enrollment mode, verify, delete, and the automatic
// invitations a verified `automatic_invitation` domain gives the users whose e-mail address is at that domain.
// Verification is simulated as the rest of this backend verifies: an admin's word (Backend API, `verified`) or the
// fixed e-mail code sent to an address at the domain (ClerkJS's affiliation verification).
import type { Core } from '../core/core.js'
import {
  clerkError,
  identifierExists,
  notFound,
  notSupported,
  paramValueInvalid,
  unprocessable,
} from '../shared/errors.js'
import { newId } from '../shared/ids.js'
import {
  type DomainVerification,
  ENROLLMENT_MODES,
  type EnrollmentMode,
  type OrganizationDomainRecord,
} from '../store/organizationDomainStore.js'
import type { OrganizationRecord } from '../store/organizationStore.js'
import { isEmailAddress } from '../validation/emailAddress.js'
import { f, invalidFormat, parseFields } from '../validation/schema.js'
import { checkEmailCode, sendEmailCode } from './emailCodes.js'
import { invitationExpiry, newTicket } from './tickets.js'

/** The role an automatic invitation gives (Clerk's instance setting `domains_default_role`). */
export const DOMAIN_DEFAULT_ROLE = 'org:member'

/** Providers everyone has an address at: Clerk refuses them as an organization's domain. */
const COMMON_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'hotmail.com',
  'outlook.com',
  'live.com',
  'msn.com',
  'icloud.com',
  'me.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.com',
  'gmx.de',
  'yandex.com',
  'mail.com',
  'zoho.com',
])

const LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/

/** A host name of two labels or more (`example.com`), lower-cased; checked label by label, in linear time. */
const domainName = f.custom((value, param): string => {
  if (typeof value !== 'string') return invalidFormat(param, 'must be a string.')
  const name = value.trim().toLowerCase()
  const labels = name.split('.')
  if (name.length > 253 || labels.length < 2 || labels.some((label) => label.length > 63 || !LABEL.test(label))) {
    return invalidFormat(
      param,
      `must be a domain name such as example.com (got ${JSON.stringify(value.slice(0, 100))}).`,
    )
  }
  return name
})

const enrollmentMode = f.oneOf(ENROLLMENT_MODES)

const CREATE_FIELDS = {
  name: domainName.required(),
  enrollment_mode: enrollmentMode,
  verified: f.nullableBoolean(),
}

const UPDATE_FIELDS = {
  enrollment_mode: enrollmentMode,
  verified: f.nullableBoolean(),
  /** The Frontend API's `update_enrollment_mode` may also drop the invitations the domain made so far. */
  delete_pending: f.nullableBoolean(),
}

/** Enterprise SSO needs an enterprise connection, which this backend does not have. */
function assertSupportedMode(mode: EnrollmentMode | undefined): void {
  if (mode === 'enterprise_sso') {
    throw notSupported(
      'The enrollment mode enterprise_sso',
      'use manual_invitation, automatic_invitation or automatic_suggestion',
      422,
      { param_name: 'enrollment_mode' },
    )
  }
}

const ADMIN_VERIFIED: DomainVerification = { status: 'verified', strategy: 'admin', attempts: null, expire_at: null }

/**
 * `verified` defaults to true on the Backend API (its SDK sends it) and to false from ClerkJS, where an admin proves
 * the domain with an e-mail code at it.
 */
export function createDomain(
  core: Core,
  organization: OrganizationRecord,
  input: unknown,
  verifiedByDefault: boolean,
): OrganizationDomainRecord {
  const body = parseFields(input, CREATE_FIELDS)
  assertSupportedMode(body.enrollment_mode)
  if (COMMON_DOMAINS.has(body.name)) {
    throw clerkError(
      422,
      'organization_domain_common',
      'This is a common e-mail provider',
      `${body.name} is a public e-mail provider: use a domain the organization owns.`,
      {
        param_name: 'name',
      },
    )
  }
  if (core.store.organizationDomains.byName(organization.id, body.name)) {
    throw unprocessable(
      identifierExists('name', `Organization ${organization.id} already has the domain ${body.name}.`),
    )
  }
  const now = core.now()
  const domain: OrganizationDomainRecord = {
    id: newId('orgdmn'),
    organization_id: organization.id,
    name: body.name,
    enrollment_mode: body.enrollment_mode ?? 'manual_invitation',
    verification: (body.verified ?? verifiedByDefault) ? ADMIN_VERIFIED : null,
    affiliation_email_address: null,
    created_at: now,
    updated_at: now,
  }
  core.store.transaction(() => core.store.organizationDomains.insert(domain))
  return domain
}

export function getDomain(core: Core, organization: OrganizationRecord, domainId: string): OrganizationDomainRecord {
  const domain = core.store.organizationDomains.get(organization.id, domainId)
  if (!domain)
    throw notFound('Domain not found', `No domain ${domainId.slice(0, 100)} exists in organization ${organization.id}.`)
  return domain
}

export function updateDomain(
  core: Core,
  organization: OrganizationRecord,
  domainId: string,
  input: unknown,
): OrganizationDomainRecord {
  const body = parseFields(input, UPDATE_FIELDS)
  assertSupportedMode(body.enrollment_mode)
  const current = getDomain(core, organization, domainId)
  const verification =
    body.verified === undefined || body.verified === null ? current.verification : body.verified ? ADMIN_VERIFIED : null
  const next = {
    ...current,
    enrollment_mode: body.enrollment_mode ?? current.enrollment_mode,
    verification,
    updated_at: core.now(),
  }
  core.store.transaction(() => {
    core.store.organizationDomains.update(next)
    if (body.delete_pending) core.store.organizationInvitations.deletePendingOfDomain(current.id)
  })
  return next
}

/** The domain goes, and with it the invitations it made that nobody accepted yet. */
export function deleteDomain(core: Core, organization: OrganizationRecord, domainId: string): OrganizationDomainRecord {
  const domain = getDomain(core, organization, domainId)
  core.store.transaction(() => {
    core.store.organizationInvitations.deletePendingOfDomain(domain.id)
    core.store.organizationDomains.delete(domain.id)
  })
  return domain
}

/** ClerkJS's `prepareAffiliationVerification`: "sends" the e-mail code (always the development code) to an address at the domain. */
export function prepareAffiliationVerification(
  core: Core,
  domain: OrganizationDomainRecord,
  email: string | undefined,
): OrganizationDomainRecord {
  const address = email?.trim().toLowerCase() ?? ''
  if (!isEmailAddress(address) || !address.endsWith(`@${domain.name}`)) {
    throw unprocessable(paramValueInvalid('affiliation_email_address', `must be an e-mail address at ${domain.name}.`))
  }
  return core.store.transaction(() => {
    // The address may belong to nobody yet: the e-mail names no user, as Clerk's does for an affiliation check.
    const sent = sendEmailCode(core, { emailAddress: address, emailAddressId: null, userId: null })
    const next: OrganizationDomainRecord = {
      ...domain,
      affiliation_email_address: address,
      verification: {
        status: 'unverified',
        strategy: 'email_code',
        attempts: sent.attempts,
        expire_at: sent.expire_at,
      },
      updated_at: core.now(),
    }
    core.store.organizationDomains.update(next)
    return next
  })
}

/** ClerkJS's `attemptAffiliationVerification`: the code verifies the domain. */
export function attemptAffiliationVerification(
  core: Core,
  domain: OrganizationDomainRecord,
  code: string,
): OrganizationDomainRecord {
  const sent = domain.verification?.strategy === 'email_code' ? domain.verification : null
  const checked = checkEmailCode(
    sent && { strategy: 'email_code', status: sent.status, attempts: sent.attempts ?? 0, expire_at: sent.expire_at },
    code,
    core.now(),
  )
  const next: OrganizationDomainRecord = {
    ...domain,
    verification: {
      status: 'verified',
      strategy: 'email_code',
      attempts: checked.attempts,
      expire_at: checked.expire_at,
    },
    updated_at: core.now(),
  }
  core.store.transaction(() => core.store.organizationDomains.update(next))
  return next
}

/**
 * Verified `automatic_invitation` domains invite the users at them: each such user gets one pending invitation per
 * organization (with the default role), unless they are a member or were invited there before, whatever became of
 * that. Made when the user's invitations are read, so a domain verified later invites the users who exist already.
 */
export function createDomainInvitations(core: Core, userId: string): void {
  const { store } = core
  const emails = store.users.emails(userId).map((email) => email.value)
  const domains = store.organizationDomains.automaticInvitationDomains([
    ...new Set(emails.map((email) => email.slice(email.lastIndexOf('@') + 1))),
  ])
  if (domains.length === 0) return
  const now = core.now()
  store.transaction(() => {
    for (const domain of domains) {
      if (store.organizations.membership(domain.organization_id, userId)) continue
      const email = emails.find((address) => address.endsWith(`@${domain.name}`))!
      if (store.organizationInvitations.wasInvited(domain.organization_id, email)) continue
      store.organizationInvitations.insert({
        id: newId('orginv'),
        organization_id: domain.organization_id,
        email_address: email,
        role: DOMAIN_DEFAULT_ROLE,
        status: 'pending',
        inviter_user_id: null,
        domain_id: domain.id,
        public_metadata: {},
        private_metadata: {},
        redirect_url: null,
        ticket: newTicket(),
        expires_at: invitationExpiry(now, undefined),
        created_at: now,
        updated_at: now,
      })
    }
  })
}
