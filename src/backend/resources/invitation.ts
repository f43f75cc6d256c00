// Invitations: to the application (an e-mail address invited to sign up) and to an organization.
import { defaulted, type Fields } from './fields.js'
import type { OrganizationMembershipRole } from './organization.js'

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired'
export type OrganizationInvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired'

export interface InvitationJSON {
  object: 'invitation'
  id: string
  email_address: string
  public_metadata: Record<string, unknown> | null
  revoked?: boolean
  status: InvitationStatus
  url?: string
  created_at: number
  updated_at: number
}

export interface PublicOrganizationDataJSON {
  id: string
  name: string
  slug: string
  image_url?: string
  has_image: boolean
}

export interface OrganizationInvitationJSON {
  object: 'organization_invitation'
  id: string
  email_address: string
  role: OrganizationMembershipRole
  role_name: string
  organization_id: string
  public_organization_data?: PublicOrganizationDataJSON | null
  status?: OrganizationInvitationStatus
  public_metadata: Record<string, unknown>
  private_metadata: Record<string, unknown>
  url: string | null
  created_at: number
  updated_at: number
  expires_at: number
}

export class Invitation {
  declare readonly id: string
  declare readonly emailAddress: string
  declare readonly publicMetadata: Record<string, unknown> | null
  declare readonly createdAt: number
  declare readonly updatedAt: number
  declare readonly status: InvitationStatus
  declare readonly url?: string | undefined
  declare readonly revoked?: boolean | undefined
  #raw: InvitationJSON | null = null

  constructor(fields: Omit<Fields<Invitation>, 'raw'>) {
    Object.assign(this, fields)
  }

  /** The JSON this invitation was built from. */
  get raw(): InvitationJSON | null {
    return this.#raw
  }

  static fromJSON(data: InvitationJSON): Invitation {
    const invitation = new Invitation({
      id: data.id,
      emailAddress: data.email_address,
      publicMetadata: data.public_metadata,
      createdAt: data.created_at,
      updatedAt: data.updated_at,
      status: data.status,
      url: data.url,
      revoked: data.revoked,
    })
    invitation.#raw = data
    return invitation
  }
}

export class OrganizationInvitation {
  declare readonly id: string
  declare readonly emailAddress: string
  declare readonly role: OrganizationMembershipRole
  declare readonly roleName: string
  declare readonly organizationId: string
  declare readonly createdAt: number
  declare readonly updatedAt: number
  declare readonly expiresAt: number
  declare readonly url: string | null
  declare readonly status?: OrganizationInvitationStatus | undefined
  declare readonly publicMetadata: Record<string, unknown>
  declare readonly privateMetadata: Record<string, unknown>
  /** As sent (snake_case keys), as @clerk/backend passes it on. */
  declare readonly publicOrganizationData?: PublicOrganizationDataJSON | null | undefined
  #raw: OrganizationInvitationJSON | null = null

  constructor(fields: Omit<Fields<OrganizationInvitation>, 'raw'>) {
    Object.assign(this, fields)
  }

  /** The JSON this invitation was built from. */
  get raw(): OrganizationInvitationJSON | null {
    return this.#raw
  }

  static fromJSON(data: OrganizationInvitationJSON): OrganizationInvitation {
    const invitation = new OrganizationInvitation({
      id: data.id,
      emailAddress: data.email_address,
      role: data.role,
      roleName: data.role_name,
      organizationId: data.organization_id,
      createdAt: data.created_at,
      updatedAt: data.updated_at,
      expiresAt: data.expires_at,
      url: data.url,
      status: data.status,
      publicMetadata: defaulted(data.public_metadata, {}),
      privateMetadata: defaulted(data.private_metadata, {}),
      publicOrganizationData: data.public_organization_data,
    })
    invitation.#raw = data
    return invitation
  }
}
