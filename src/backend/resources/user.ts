import { EnterpriseAccount, type EnterpriseAccountJSON } from './enterpriseAccount.js'
import { defaulted, type Fields } from './fields.js'
import {
  EmailAddress,
  ExternalAccount,
  PhoneNumber,
  Web3Wallet,
  type EmailAddressJSON,
  type ExternalAccountJSON,
  type PhoneNumberJSON,
  type Web3WalletJSON,
} from './identifiers.js'

export interface UserJSON {
  object: 'user'
  id: string
  username: string | null
  first_name: string | null
  last_name: string | null
  image_url: string
  has_image: boolean
  primary_email_address_id: string | null
  primary_phone_number_id: string | null
  primary_web3_wallet_id: string | null
  password_enabled: boolean
  two_factor_enabled: boolean
  totp_enabled: boolean
  backup_code_enabled: boolean
  email_addresses?: EmailAddressJSON[]
  phone_numbers?: PhoneNumberJSON[]
  web3_wallets?: Web3WalletJSON[]
  external_accounts?: ExternalAccountJSON[]
  enterprise_accounts?: EnterpriseAccountJSON[]
  public_metadata?: Record<string, unknown>
  private_metadata?: Record<string, unknown>
  unsafe_metadata?: Record<string, unknown>
  external_id: string | null
  last_sign_in_at: number | null
  banned: boolean
  locked: boolean
  created_at: number
  updated_at: number
  last_active_at: number | null
  create_organization_enabled: boolean
  create_organizations_limit?: number | null
  delete_self_enabled: boolean
  legal_accepted_at: number | null
  locale?: string | null
  timezone?: string | null
  deprovisioned?: boolean
}

type Derived = 'primaryEmailAddress' | 'primaryPhoneNumber' | 'primaryWeb3Wallet' | 'fullName' | 'raw'

/**
 * Note that `JSON.stringify(user)` includes `privateMetadata`: pick the fields you need before
 * sending a user to the browser.
 */
export class User {
  declare readonly id: string
  declare readonly passwordEnabled: boolean
  declare readonly totpEnabled: boolean
  declare readonly backupCodeEnabled: boolean
  declare readonly twoFactorEnabled: boolean
  declare readonly banned: boolean
  declare readonly locked: boolean
  declare readonly createdAt: number
  declare readonly updatedAt: number
  declare readonly imageUrl: string
  declare readonly hasImage: boolean
  declare readonly primaryEmailAddressId: string | null
  declare readonly primaryPhoneNumberId: string | null
  declare readonly primaryWeb3WalletId: string | null
  declare readonly lastSignInAt: number | null
  declare readonly externalId: string | null
  declare readonly username: string | null
  declare readonly firstName: string | null
  declare readonly lastName: string | null
  declare readonly publicMetadata: Record<string, unknown>
  declare readonly privateMetadata: Record<string, unknown>
  declare readonly unsafeMetadata: Record<string, unknown>
  declare readonly emailAddresses: EmailAddress[]
  declare readonly phoneNumbers: PhoneNumber[]
  declare readonly web3Wallets: Web3Wallet[]
  declare readonly externalAccounts: ExternalAccount[]
  declare readonly enterpriseAccounts: EnterpriseAccount[]
  declare readonly lastActiveAt: number | null
  declare readonly createOrganizationEnabled: boolean
  declare readonly createOrganizationsLimit: number | null
  declare readonly deleteSelfEnabled: boolean
  declare readonly legalAcceptedAt: number | null
  declare readonly locale: string | null
  declare readonly timezone: string | null
  declare readonly deprovisioned: boolean
  // A private field: neither JSON.stringify nor console.log shows it.
  #raw: UserJSON | null = null

  constructor(fields: Omit<Fields<User>, Derived>) {
    Object.assign(this, fields)
  }

  /** The JSON this user was built from, for fields this class does not map. */
  get raw(): UserJSON | null {
    return this.#raw
  }

  get primaryEmailAddress(): EmailAddress | null {
    return this.emailAddresses.find(({ id }) => id === this.primaryEmailAddressId) ?? null
  }

  get primaryPhoneNumber(): PhoneNumber | null {
    return this.phoneNumbers.find(({ id }) => id === this.primaryPhoneNumberId) ?? null
  }

  get primaryWeb3Wallet(): Web3Wallet | null {
    return this.web3Wallets.find(({ id }) => id === this.primaryWeb3WalletId) ?? null
  }

  get fullName(): string | null {
    return [this.firstName, this.lastName].join(' ').trim() || null
  }

  static fromJSON(data: UserJSON): User {
    const user = new User({
      id: data.id,
      passwordEnabled: data.password_enabled,
      totpEnabled: data.totp_enabled,
      backupCodeEnabled: data.backup_code_enabled,
      twoFactorEnabled: data.two_factor_enabled,
      banned: data.banned,
      locked: data.locked,
      createdAt: data.created_at,
      updatedAt: data.updated_at,
      imageUrl: data.image_url,
      hasImage: data.has_image,
      primaryEmailAddressId: data.primary_email_address_id ?? null,
      primaryPhoneNumberId: data.primary_phone_number_id ?? null,
      primaryWeb3WalletId: data.primary_web3_wallet_id ?? null,
      lastSignInAt: data.last_sign_in_at ?? null,
      externalId: data.external_id ?? null,
      username: data.username ?? null,
      firstName: data.first_name ?? null,
      lastName: data.last_name ?? null,
      publicMetadata: defaulted(data.public_metadata, {}),
      privateMetadata: defaulted(data.private_metadata, {}),
      unsafeMetadata: defaulted(data.unsafe_metadata, {}),
      emailAddresses: (data.email_addresses ?? []).map(EmailAddress.fromJSON),
      phoneNumbers: (data.phone_numbers ?? []).map(PhoneNumber.fromJSON),
      web3Wallets: (data.web3_wallets ?? []).map(Web3Wallet.fromJSON),
      externalAccounts: (data.external_accounts ?? []).map(ExternalAccount.fromJSON),
      enterpriseAccounts: (data.enterprise_accounts ?? []).map(EnterpriseAccount.fromJSON),
      lastActiveAt: data.last_active_at ?? null,
      createOrganizationEnabled: data.create_organization_enabled,
      createOrganizationsLimit: data.create_organizations_limit ?? null,
      deleteSelfEnabled: data.delete_self_enabled,
      legalAcceptedAt: data.legal_accepted_at ?? null,
      locale: data.locale ?? null,
      timezone: data.timezone ?? null,
      deprovisioned: data.deprovisioned ?? false,
    })
    user.#raw = data
    return user
  }
}
