// Machine authentication: machines, the scopes between them, their secret keys, the M2M tokens they mint, and
// API keys issued to users and organizations.
import type { Fields } from './fields.js'

export interface MachineJSON {
  object: 'machine'
  id: string
  name: string
  instance_id: string
  created_at: number
  updated_at: number
  default_token_ttl: number
  scoped_machines: MachineJSON[]
  secret_key?: string
}

export interface MachineScopeJSON {
  object: 'machine_scope'
  from_machine_id: string
  to_machine_id: string
  created_at?: number
  deleted?: boolean
}

export interface MachineSecretKeyJSON {
  object: 'machine_secret_key'
  secret: string
}

export interface M2MTokenJSON {
  object: 'machine_to_machine_token'
  id: string
  token?: string
  subject: string
  scopes: string[]
  claims: Record<string, unknown> | null
  revoked: boolean
  revocation_reason: string | null
  expired: boolean
  expiration: number | null
  created_at: number
  updated_at: number
}

export interface APIKeyJSON {
  object: 'api_key'
  id: string
  type: string
  name: string
  secret?: string
  subject: string
  scopes: string[]
  claims: Record<string, unknown> | null
  revoked: boolean
  revocation_reason: string | null
  expired: boolean
  expiration: number | null
  created_by: string | null
  description: string | null
  last_used_at: number | null
  created_at: number
  updated_at: number
}

export class Machine {
  declare readonly id: string
  declare readonly name: string
  declare readonly instanceId: string
  declare readonly createdAt: number
  declare readonly updatedAt: number
  /** The machines this one may mint tokens for (their own `scopedMachines` are not listed). */
  declare readonly scopedMachines: Machine[]
  declare readonly defaultTokenTtl: number
  declare readonly secretKey?: string | undefined

  constructor(fields: Fields<Machine>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: MachineJSON): Machine {
    return new Machine({
      id: data.id,
      name: data.name,
      instanceId: data.instance_id,
      createdAt: data.created_at,
      updatedAt: data.updated_at,
      scopedMachines: data.scoped_machines.map(
        (scoped) =>
          new Machine({
            id: scoped.id,
            name: scoped.name,
            instanceId: scoped.instance_id,
            createdAt: scoped.created_at,
            updatedAt: scoped.updated_at,
            scopedMachines: [],
            defaultTokenTtl: scoped.default_token_ttl,
            secretKey: undefined,
          }),
      ),
      defaultTokenTtl: data.default_token_ttl,
      secretKey: data.secret_key,
    })
  }
}

export class MachineScope {
  declare readonly fromMachineId: string
  declare readonly toMachineId: string
  declare readonly createdAt?: number | undefined
  declare readonly deleted?: boolean | undefined

  constructor(fields: Fields<MachineScope>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: MachineScopeJSON): MachineScope {
    return new MachineScope({
      fromMachineId: data.from_machine_id,
      toMachineId: data.to_machine_id,
      createdAt: data.created_at,
      deleted: data.deleted,
    })
  }
}

export class MachineSecretKey {
  declare readonly secret: string

  constructor(fields: Fields<MachineSecretKey>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: MachineSecretKeyJSON): MachineSecretKey {
    return new MachineSecretKey({ secret: data.secret })
  }
}

export class M2MToken {
  declare readonly id: string
  declare readonly subject: string
  declare readonly scopes: string[]
  declare readonly claims: Record<string, unknown> | null
  declare readonly revoked: boolean
  declare readonly revocationReason: string | null
  declare readonly expired: boolean
  declare readonly expiration: number | null
  declare readonly createdAt: number
  declare readonly updatedAt: number
  /** The token itself, only when it was just created. */
  declare readonly token?: string | undefined

  constructor(fields: Fields<M2MToken>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: M2MTokenJSON): M2MToken {
    return new M2MToken({
      id: data.id,
      subject: data.subject,
      scopes: data.scopes,
      claims: data.claims,
      revoked: data.revoked,
      revocationReason: data.revocation_reason,
      expired: data.expired,
      expiration: data.expiration,
      createdAt: data.created_at,
      updatedAt: data.updated_at,
      token: data.token,
    })
  }
}

export class APIKey {
  declare readonly id: string
  declare readonly type: string
  declare readonly name: string
  declare readonly subject: string
  declare readonly scopes: string[]
  declare readonly claims: Record<string, unknown> | null
  declare readonly revoked: boolean
  declare readonly revocationReason: string | null
  declare readonly expired: boolean
  declare readonly expiration: number | null
  declare readonly createdBy: string | null
  declare readonly description: string | null
  declare readonly lastUsedAt: number | null
  declare readonly createdAt: number
  declare readonly updatedAt: number
  /** The key itself, only when it was just created. */
  declare readonly secret?: string | undefined

  constructor(fields: Fields<APIKey>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: APIKeyJSON): APIKey {
    return new APIKey({
      id: data.id,
      type: data.type,
      name: data.name,
      subject: data.subject,
      scopes: data.scopes,
      claims: data.claims,
      revoked: data.revoked,
      revocationReason: data.revocation_reason,
      expired: data.expired,
      expiration: data.expiration,
      createdBy: data.created_by,
      description: data.description,
      lastUsedAt: data.last_used_at,
      createdAt: data.created_at,
      updatedAt: data.updated_at,
      secret: data.secret,
    })
  }
}
