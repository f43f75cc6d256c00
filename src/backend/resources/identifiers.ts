// The ways a user is identified: e-mail addresses, phone numbers, web3 wallets, external accounts,
// and the verification state they share.
import { defaulted, type Fields } from './fields.js'

export interface VerificationJSON {
  object?: string
  status: string
  strategy: string
  external_verification_redirect_url?: string | null
  attempts?: number | null
  expire_at?: number | null
  nonce?: string | null
  message?: string | null
}

export interface IdentificationLinkJSON {
  id: string
  type: string
}

export interface EmailAddressJSON {
  object: 'email_address'
  id: string
  email_address: string
  verification: VerificationJSON | null
  linked_to: IdentificationLinkJSON[]
}

export interface PhoneNumberJSON {
  object: 'phone_number'
  id: string
  phone_number: string
  reserved_for_second_factor?: boolean
  default_second_factor?: boolean
  verification: VerificationJSON | null
  linked_to: IdentificationLinkJSON[]
}

export interface Web3WalletJSON {
  object: 'web3_wallet'
  id: string
  web3_wallet: string
  verification: VerificationJSON | null
}

export interface ExternalAccountJSON {
  object: string
  id: string
  provider: string
  identification_id: string
  provider_user_id: string
  approved_scopes: string
  email_address: string
  first_name: string
  last_name: string
  image_url?: string
  username: string | null
  phone_number: string | null
  public_metadata: Record<string, unknown> | null
  label: string | null
  verification: VerificationJSON | null
  external_account_id?: string
}

export class Verification {
  declare readonly status: string
  declare readonly strategy: string
  /** An absolute URL (kept as a string so that the object stays plain JSON). */
  declare readonly externalVerificationRedirectURL: string | null
  declare readonly attempts: number | null
  declare readonly expireAt: number | null
  declare readonly nonce: string | null
  declare readonly message: string | null

  constructor(fields: Fields<Verification>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: VerificationJSON): Verification {
    return new Verification({
      status: data.status,
      strategy: data.strategy,
      externalVerificationRedirectURL: data.external_verification_redirect_url ?? null,
      attempts: data.attempts ?? null,
      expireAt: data.expire_at ?? null,
      nonce: data.nonce ?? null,
      message: data.message ?? null,
    })
  }
}

export class IdentificationLink {
  declare readonly id: string
  declare readonly type: string

  constructor(fields: Fields<IdentificationLink>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: IdentificationLinkJSON): IdentificationLink {
    return new IdentificationLink({ id: data.id, type: data.type })
  }
}

export class EmailAddress {
  declare readonly id: string
  declare readonly emailAddress: string
  declare readonly verification: Verification | null
  declare readonly linkedTo: IdentificationLink[]

  constructor(fields: Fields<EmailAddress>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: EmailAddressJSON): EmailAddress {
    return new EmailAddress({
      id: data.id,
      emailAddress: data.email_address,
      verification: verificationOf(data.verification),
      linkedTo: linksOf(data.linked_to),
    })
  }
}

export class PhoneNumber {
  declare readonly id: string
  declare readonly phoneNumber: string
  declare readonly reservedForSecondFactor: boolean
  declare readonly defaultSecondFactor: boolean
  declare readonly verification: Verification | null
  declare readonly linkedTo: IdentificationLink[]

  constructor(fields: Fields<PhoneNumber>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: PhoneNumberJSON): PhoneNumber {
    return new PhoneNumber({
      id: data.id,
      phoneNumber: data.phone_number,
      reservedForSecondFactor: data.reserved_for_second_factor ?? false,
      defaultSecondFactor: data.default_second_factor ?? false,
      verification: verificationOf(data.verification),
      linkedTo: linksOf(data.linked_to),
    })
  }
}

export class Web3Wallet {
  declare readonly id: string
  declare readonly web3Wallet: string
  declare readonly verification: Verification | null

  constructor(fields: Fields<Web3Wallet>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: Web3WalletJSON): Web3Wallet {
    return new Web3Wallet({
      id: data.id,
      web3Wallet: data.web3_wallet,
      verification: verificationOf(data.verification),
    })
  }
}

export class ExternalAccount {
  declare readonly id: string
  declare readonly provider: string
  declare readonly providerUserId: string
  declare readonly identificationId: string
  /** Same value as providerUserId (kept for code written against @clerk/backend). */
  declare readonly externalId: string
  declare readonly approvedScopes: string
  declare readonly emailAddress: string
  declare readonly firstName: string
  declare readonly lastName: string
  declare readonly imageUrl: string
  declare readonly username: string | null
  declare readonly phoneNumber: string | null
  declare readonly publicMetadata: Record<string, unknown> | null
  declare readonly label: string | null
  declare readonly verification: Verification | null
  declare readonly externalAccountId: string | undefined

  constructor(fields: Fields<ExternalAccount>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: ExternalAccountJSON): ExternalAccount {
    return new ExternalAccount({
      id: data.id,
      provider: data.provider,
      providerUserId: data.provider_user_id,
      identificationId: data.identification_id,
      externalId: data.provider_user_id,
      approvedScopes: data.approved_scopes,
      emailAddress: data.email_address,
      firstName: data.first_name,
      lastName: data.last_name,
      imageUrl: data.image_url || '',
      username: data.username ?? null,
      phoneNumber: data.phone_number ?? null,
      publicMetadata: defaulted(data.public_metadata, {}),
      label: data.label ?? null,
      verification: verificationOf(data.verification),
      externalAccountId: data.external_account_id,
    })
  }
}

function verificationOf(data: VerificationJSON | null | undefined): Verification | null {
  return data ? Verification.fromJSON(data) : null
}

// `linked_to` must be an array per the API, but a missing one should not make a whole user unreadable.
function linksOf(data: IdentificationLinkJSON[] | null | undefined): IdentificationLink[] {
  return Array.isArray(data) ? data.map(IdentificationLink.fromJSON) : []
}
