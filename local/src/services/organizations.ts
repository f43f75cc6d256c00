// Organization rules (create, update, metadata, logo, delete), one implementation for the Backend API, ClerkJS and
// seeds. Memberships are in memberships.ts, invitations and domains in their own files.
import type { Core } from '../core/core.js'
import { identifierExists, notFound, paramValueInvalid, unprocessable } from '../shared/errors.js'
import { newId } from '../shared/ids.js'
import { mergeMetadata } from '../shared/metadata.js'
import { organizationDeletedJson } from '../backendJson/events.js'
import { organizationJson } from '../backendJson/organization.js'
import type { OrganizationRecord } from '../store/organizationStore.js'
import { f, parseFields } from '../validation/schema.js'
import { type UploadedImage, storeImage } from './images.js'
import { addMember } from './memberships.js'
import { assertUserExists } from './users.js'

const SLUG = {
  maxLength: 256,
  pattern: /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
  patternHint: 'must be lowercase letters, digits and single dashes, e.g. acme-inc.',
}
const NAME = { minLength: 1, maxLength: 256 }

const CREATE_ORGANIZATION_FIELDS = {
  name: f.string(NAME).required(),
  slug: f.string(SLUG),
  created_by: f.nullableString(),
  public_metadata: f.nullableObject(),
  private_metadata: f.nullableObject(),
  max_allowed_memberships: f.nullableInteger(0, 1_000_000),
  created_at: f.timestamp(),
}

const UPDATE_ORGANIZATION_FIELDS = {
  name: f.nullableString(NAME),
  slug: f.nullableString(SLUG),
  max_allowed_memberships: f.nullableInteger(0, 1_000_000),
  admin_delete_enabled: f.boolean(),
  /** Deprecated by Clerk in favour of the metadata endpoints; replaces the whole object, as it always did. */
  public_metadata: f.nullableObject(),
  private_metadata: f.nullableObject(),
  created_at: f.timestamp(),
}

const METADATA_FIELDS = {
  public_metadata: f.nullableObject(),
  private_metadata: f.nullableObject(),
}

/** "Acme, Inc." → "acme-inc". */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

function assertSlugFree(core: Core, slug: string, organizationId?: string): void {
  const taken = core.store.organizations.get(slug)
  if (taken && taken.id !== organizationId) {
    throw unprocessable(
      identifierExists('slug', `An organization with the slug ${slug} already exists. Choose another slug.`),
    )
  }
}

export function createOrganization(core: Core, input: unknown): OrganizationRecord {
  const body = parseFields(input, CREATE_ORGANIZATION_FIELDS)
  const { store } = core
  const slug = body.slug ?? slugify(body.name)
  if (!slug) throw unprocessable(paramValueInvalid('slug', 'is required when the name has no letters or digits.'))
  assertSlugFree(core, slug)
  const creator = body.created_by ?? null
  if (creator !== null) assertUserExists(core, creator, 'created_by')
  const now = core.now()
  const createdAt = body.created_at ?? now
  const organization: OrganizationRecord = {
    id: newId('org'),
    name: body.name,
    slug,
    public_metadata: body.public_metadata ?? {},
    private_metadata: body.private_metadata ?? {},
    max_allowed_memberships: body.max_allowed_memberships ?? 0,
    admin_delete_enabled: true,
    image_id: null,
    created_by: creator,
    created_at: createdAt,
    updated_at: createdAt,
  }
  store.transaction(() => {
    store.organizations.insert(organization)
    core.events.emit('organization.created', () => organizationJson(core, organization))
    // As on Clerk, the creator becomes the first admin.
    if (creator !== null) addMember(core, organization, creator, { role: 'org:admin' })
  })
  return organization
}

export function getOrganization(core: Core, idOrSlug: string): OrganizationRecord {
  const organization = core.store.organizations.get(idOrSlug)
  if (!organization) {
    throw notFound('Organization not found', `No organization was found with id or slug ${idOrSlug.slice(0, 100)}`)
  }
  return organization
}

/** `PATCH /v1/organizations/{id}`: the fields given change, the others stay. */
export function updateOrganization(core: Core, organizationId: string, input: unknown): OrganizationRecord {
  const body = parseFields(input, UPDATE_ORGANIZATION_FIELDS)
  const current = getOrganization(core, organizationId)
  if (body.slug) assertSlugFree(core, body.slug, current.id)
  return save(core, {
    ...current,
    name: body.name ?? current.name,
    slug: body.slug ?? current.slug,
    max_allowed_memberships: body.max_allowed_memberships ?? current.max_allowed_memberships,
    admin_delete_enabled: body.admin_delete_enabled ?? current.admin_delete_enabled,
    public_metadata: body.public_metadata === undefined ? current.public_metadata : (body.public_metadata ?? {}),
    private_metadata: body.private_metadata === undefined ? current.private_metadata : (body.private_metadata ?? {}),
    created_at: body.created_at ?? current.created_at,
  })
}

/**
 * `PATCH …/metadata` deep-merges (a `null` removes a key); `PUT …/metadata` replaces each field given (`{}` or
 * `null` clears it). A field not given is left alone either way.
 */
export function updateOrganizationMetadata(
  core: Core,
  organizationId: string,
  input: unknown,
  mode: 'merge' | 'replace',
): OrganizationRecord {
  const body = parseFields(input, METADATA_FIELDS)
  const current = getOrganization(core, organizationId)
  const apply = (stored: Record<string, unknown>, given: Record<string, unknown> | null | undefined) =>
    given === undefined ? stored : mode === 'merge' ? mergeMetadata(stored, given ?? {}) : (given ?? {})
  return save(core, {
    ...current,
    public_metadata: apply(current.public_metadata, body.public_metadata),
    private_metadata: apply(current.private_metadata, body.private_metadata),
  })
}

/** A new logo (checked to be an image); the previous one is deleted with it (a trigger in the schema). */
export function setOrganizationLogo(
  core: Core,
  organizationId: string,
  image: UploadedImage,
  uploaderUserId?: string,
): OrganizationRecord {
  const current = getOrganization(core, organizationId)
  if (uploaderUserId !== undefined) assertUserExists(core, uploaderUserId, 'uploader_user_id')
  return core.store.transaction(() => save(core, { ...current, image_id: storeImage(core, image) }))
}

export function deleteOrganizationLogo(core: Core, organizationId: string): OrganizationRecord {
  return save(core, { ...getOrganization(core, organizationId), image_id: null })
}

/**
 * Deletes the organization with its memberships, invitations, domains and logo (foreign-key cascades and a
 * trigger); sessions that had it active fall back to the personal account, as on Clerk.
 */
export function deleteOrganization(core: Core, organizationId: string): OrganizationRecord {
  const organization = getOrganization(core, organizationId)
  core.store.organizations.delete(organization.id)
  core.events.emit('organization.deleted', () => organizationDeletedJson(organization))
  return organization
}

function save(core: Core, organization: OrganizationRecord): OrganizationRecord {
  const saved = { ...organization, updated_at: core.now() }
  core.store.organizations.update(saved)
  core.events.emit('organization.updated', () => organizationJson(core, saved))
  return saved
}
