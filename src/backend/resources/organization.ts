import { defaulted, type Fields } from './fields.js'

export interface OrganizationJSON {
  object: 'organization'
  id: string
  name: string
  slug: string
  image_url?: string
  has_image: boolean
  created_at: number
  updated_at: number
  public_metadata?: Record<string, unknown> | null
  private_metadata?: Record<string, unknown>
  max_allowed_memberships: number
  admin_delete_enabled: boolean
  members_count?: number
  created_by?: string
}

export type OrganizationMembershipRole = 'org:admin' | 'org:member' | (string & {})

export interface OrganizationMembershipPublicUserDataJSON {
  identifier: string
  first_name: string | null
  last_name: string | null
  image_url: string
  has_image: boolean
  user_id: string
}

export interface OrganizationMembershipJSON {
  object: 'organization_membership'
  id: string
  role: OrganizationMembershipRole
  permissions: string[]
  public_metadata?: Record<string, unknown>
  private_metadata?: Record<string, unknown>
  created_at: number
  updated_at: number
  organization: OrganizationJSON
  public_user_data?: OrganizationMembershipPublicUserDataJSON | null
}

export class Organization {
  declare readonly id: string
  declare readonly name: string
  declare readonly slug: string
  declare readonly imageUrl: string
  declare readonly hasImage: boolean
  declare readonly createdAt: number
  declare readonly updatedAt: number
  declare readonly publicMetadata: Record<string, unknown> | null
  declare readonly privateMetadata: Record<string, unknown>
  declare readonly maxAllowedMemberships: number
  declare readonly adminDeleteEnabled: boolean
  declare readonly membersCount?: number | undefined
  declare readonly createdBy?: string | undefined
  #raw: OrganizationJSON | null = null

  constructor(fields: Omit<Fields<Organization>, 'raw'>) {
    Object.assign(this, fields)
  }

  get raw(): OrganizationJSON | null {
    return this.#raw
  }

  static fromJSON(data: OrganizationJSON): Organization {
    const organization = new Organization({
      id: data.id,
      name: data.name,
      slug: data.slug,
      imageUrl: data.image_url || '',
      hasImage: data.has_image,
      createdAt: data.created_at,
      updatedAt: data.updated_at,
      publicMetadata: defaulted(data.public_metadata, {}),
      privateMetadata: defaulted(data.private_metadata, {}),
      maxAllowedMemberships: data.max_allowed_memberships,
      adminDeleteEnabled: data.admin_delete_enabled,
      membersCount: data.members_count,
      createdBy: data.created_by,
    })
    organization.#raw = data
    return organization
  }
}

export class OrganizationMembershipPublicUserData {
  declare readonly identifier: string
  declare readonly firstName: string | null
  declare readonly lastName: string | null
  declare readonly imageUrl: string
  declare readonly hasImage: boolean
  declare readonly userId: string

  constructor(fields: Fields<OrganizationMembershipPublicUserData>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: OrganizationMembershipPublicUserDataJSON): OrganizationMembershipPublicUserData {
    return new OrganizationMembershipPublicUserData({
      identifier: data.identifier,
      firstName: data.first_name ?? null,
      lastName: data.last_name ?? null,
      imageUrl: data.image_url,
      hasImage: data.has_image,
      userId: data.user_id,
    })
  }
}

export class OrganizationMembership {
  declare readonly id: string
  declare readonly role: OrganizationMembershipRole
  declare readonly permissions: string[]
  declare readonly publicMetadata: Record<string, unknown>
  declare readonly privateMetadata: Record<string, unknown>
  declare readonly createdAt: number
  declare readonly updatedAt: number
  declare readonly organization: Organization
  declare readonly publicUserData?: OrganizationMembershipPublicUserData | null | undefined
  #raw: OrganizationMembershipJSON | null = null

  constructor(fields: Omit<Fields<OrganizationMembership>, 'raw'>) {
    Object.assign(this, fields)
  }

  get raw(): OrganizationMembershipJSON | null {
    return this.#raw
  }

  static fromJSON(data: OrganizationMembershipJSON): OrganizationMembership {
    const membership = new OrganizationMembership({
      id: data.id,
      role: data.role,
      permissions: data.permissions ?? [],
      publicMetadata: defaulted(data.public_metadata, {}),
      privateMetadata: defaulted(data.private_metadata, {}),
      createdAt: data.created_at,
      updatedAt: data.updated_at,
      organization: Organization.fromJSON(data.organization),
      publicUserData: data.public_user_data
        ? OrganizationMembershipPublicUserData.fromJSON(data.public_user_data)
        : data.public_user_data,
    })
    membership.#raw = data
    return membership
  }
}
