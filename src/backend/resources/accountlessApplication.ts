// A keyless application: keys Clerk hands out before an account exists, claimed later in the dashboard.
import type { Fields } from './fields.js'

export interface AccountlessApplicationJSON {
  object: 'accountless_application'
  publishable_key: string
  secret_key: string
  claim_url: string
  api_keys_url: string
}

export class AccountlessApplication {
  declare readonly publishableKey: string
  declare readonly secretKey: string
  declare readonly claimUrl: string
  declare readonly apiKeysUrl: string

  constructor(fields: Fields<AccountlessApplication>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: AccountlessApplicationJSON): AccountlessApplication {
    return new AccountlessApplication({
      publishableKey: data.publishable_key,
      secretKey: data.secret_key,
      claimUrl: data.claim_url,
      apiKeysUrl: data.api_keys_url,
    })
  }
}
