import type { Fields } from './fields.js'

export interface JwtTemplateJSON {
  object: 'jwt_template'
  id: string
  name: string
  claims: Record<string, unknown>
  lifetime: number
  allowed_clock_skew: number
  custom_signing_key: boolean
  signing_algorithm: string
  created_at: number
  updated_at: number
}

export class JwtTemplate {
  declare readonly id: string
  declare readonly name: string
  /** The template's claims as written, shortcodes included. */
  declare readonly claims: Record<string, unknown>
  /** Seconds. */
  declare readonly lifetime: number
  /** Seconds. */
  declare readonly allowedClockSkew: number
  declare readonly customSigningKey: boolean
  declare readonly signingAlgorithm: string
  declare readonly createdAt: number
  declare readonly updatedAt: number

  constructor(fields: Fields<JwtTemplate>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: JwtTemplateJSON): JwtTemplate {
    return new JwtTemplate({
      id: data.id,
      name: data.name,
      claims: data.claims,
      lifetime: data.lifetime,
      allowedClockSkew: data.allowed_clock_skew,
      customSigningKey: data.custom_signing_key,
      signingAlgorithm: data.signing_algorithm,
      createdAt: data.created_at,
      updatedAt: data.updated_at,
    })
  }
}
