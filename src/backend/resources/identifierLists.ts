// Entries of the instance's allowlist and blocklist: who may, or may not, sign up and sign in.
import type { Fields } from './fields.js'

export type AllowlistIdentifierType = 'email_address' | 'phone_number' | 'web3_wallet'
export type BlocklistIdentifierType = AllowlistIdentifierType

export interface AllowlistIdentifierJSON {
  object: 'allowlist_identifier'
  id: string
  identifier: string
  identifier_type: AllowlistIdentifierType
  instance_id?: string
  invitation_id?: string
  created_at: number
  updated_at: number
}

export interface BlocklistIdentifierJSON {
  object: 'blocklist_identifier'
  id: string
  identifier: string
  identifier_type: BlocklistIdentifierType
  instance_id?: string
  created_at: number
  updated_at: number
}

export class AllowlistIdentifier {
  declare readonly id: string
  declare readonly identifier: string
  declare readonly identifierType: AllowlistIdentifierType
  declare readonly createdAt: number
  declare readonly updatedAt: number
  declare readonly instanceId?: string | undefined
  declare readonly invitationId?: string | undefined

  constructor(fields: Fields<AllowlistIdentifier>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: AllowlistIdentifierJSON): AllowlistIdentifier {
    return new AllowlistIdentifier({
      id: data.id,
      identifier: data.identifier,
      identifierType: data.identifier_type,
      createdAt: data.created_at,
      updatedAt: data.updated_at,
      instanceId: data.instance_id,
      invitationId: data.invitation_id,
    })
  }
}

export class BlocklistIdentifier {
  declare readonly id: string
  declare readonly identifier: string
  declare readonly identifierType: BlocklistIdentifierType
  declare readonly createdAt: number
  declare readonly updatedAt: number
  declare readonly instanceId?: string | undefined

  constructor(fields: Fields<BlocklistIdentifier>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: BlocklistIdentifierJSON): BlocklistIdentifier {
    return new BlocklistIdentifier({
      id: data.id,
      identifier: data.identifier,
      identifierType: data.identifier_type,
      createdAt: data.created_at,
      updatedAt: data.updated_at,
      instanceId: data.instance_id,
    })
  }
}
