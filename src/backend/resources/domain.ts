// The instance's domains (primary and satellites), their DNS targets, and the check of a proxy in front of one.
import type { Fields } from './fields.js'

export interface CnameTargetJSON {
  host: string
  value: string
  required: boolean
}

export interface DomainJSON {
  object: 'domain'
  id: string
  name: string
  is_satellite: boolean
  frontend_api_url: string
  accounts_portal_url?: string | null
  proxy_url?: string | null
  development_origin: string
  cname_targets: CnameTargetJSON[]
}

export interface ProxyCheckJSON {
  object: 'proxy_check'
  id: string
  domain_id: string
  last_run_at: number | null
  proxy_url: string
  successful: boolean
  created_at: number
  updated_at: number
}

export class CnameTarget {
  declare readonly host: string
  declare readonly value: string
  declare readonly required: boolean

  constructor(fields: Fields<CnameTarget>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: CnameTargetJSON): CnameTarget {
    return new CnameTarget({ host: data.host, value: data.value, required: data.required })
  }
}

export class Domain {
  declare readonly id: string
  declare readonly name: string
  declare readonly isSatellite: boolean
  declare readonly frontendApiUrl: string
  declare readonly developmentOrigin: string
  declare readonly cnameTargets: CnameTarget[]
  declare readonly accountsPortalUrl?: string | null | undefined
  declare readonly proxyUrl?: string | null | undefined

  constructor(fields: Fields<Domain>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: DomainJSON): Domain {
    return new Domain({
      id: data.id,
      name: data.name,
      isSatellite: data.is_satellite,
      frontendApiUrl: data.frontend_api_url,
      developmentOrigin: data.development_origin,
      cnameTargets: data.cname_targets && data.cname_targets.map(CnameTarget.fromJSON),
      accountsPortalUrl: data.accounts_portal_url,
      proxyUrl: data.proxy_url,
    })
  }
}

export class ProxyCheck {
  declare readonly id: string
  declare readonly domainId: string
  declare readonly lastRunAt: number | null
  declare readonly proxyUrl: string
  declare readonly successful: boolean
  declare readonly createdAt: number
  declare readonly updatedAt: number

  constructor(fields: Fields<ProxyCheck>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: ProxyCheckJSON): ProxyCheck {
    return new ProxyCheck({
      id: data.id,
      domainId: data.domain_id,
      lastRunAt: data.last_run_at,
      proxyUrl: data.proxy_url,
      successful: data.successful,
      createdAt: data.created_at,
      updatedAt: data.updated_at,
    })
  }
}
