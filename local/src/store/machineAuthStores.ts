// The tables of machine authentication behind one property of the Store: machines, their M2M tokens, API keys and
// OAuth access tokens.
import { ApiKeyStore } from './apiKeyStore.js'
import type { SqliteDatabase } from './database.js'
import { M2MTokenStore } from './m2mTokenStore.js'
import { MachineStore } from './machineStore.js'
import { OAuthAccessTokenStore } from './oauthAccessTokenStore.js'

export class MachineAuthStores {
  readonly machines: MachineStore
  readonly m2mTokens: M2MTokenStore
  readonly apiKeys: ApiKeyStore
  readonly oauthAccessTokens: OAuthAccessTokenStore

  constructor(db: SqliteDatabase) {
    this.machines = new MachineStore(db)
    this.m2mTokens = new M2MTokenStore(db)
    this.apiKeys = new ApiKeyStore(db)
    this.oauthAccessTokens = new OAuthAccessTokenStore(db)
  }
}
