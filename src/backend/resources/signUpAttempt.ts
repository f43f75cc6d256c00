// A sign-up in progress, as the Backend API shows it (read it, or mark its custom action done).
import type { Fields } from './fields.js'
import type { VerificationJSON } from './identifiers.js'

export type SignUpStatus = 'missing_requirements' | 'complete' | 'abandoned'

export interface SignUpVerificationJSON {
  next_action: 'needs_prepare' | 'needs_attempt' | ''
  supported_strategies: string[]
}

export interface SignUpVerificationsJSON {
  email_address: SignUpVerificationJSON | null
  phone_number: SignUpVerificationJSON | null
  web3_wallet: SignUpVerificationJSON | null
  external_account: VerificationJSON | null
}

export interface SignUpJSON {
  object: 'sign_up_attempt'
  id: string
  status: SignUpStatus
  required_fields: string[]
  optional_fields: string[]
  missing_fields: string[]
  unverified_fields: string[]
  verifications: SignUpVerificationsJSON | null
  username: string | null
  email_address: string | null
  phone_number: string | null
  web3_wallet: string | null
  password_enabled: boolean
  first_name: string | null
  last_name: string | null
  public_metadata?: Record<string, unknown> | null
  unsafe_metadata?: Record<string, unknown> | null
  custom_action: boolean
  external_id: string | null
  created_session_id: string | null
  created_user_id: string | null
  abandon_at: number | null
  legal_accepted_at: number | null
}

export class SignUpAttemptVerification {
  declare readonly nextAction: 'needs_prepare' | 'needs_attempt' | ''
  declare readonly supportedStrategies: string[]

  constructor(fields: Fields<SignUpAttemptVerification>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: SignUpVerificationJSON): SignUpAttemptVerification {
    return new SignUpAttemptVerification({
      nextAction: data.next_action,
      supportedStrategies: data.supported_strategies,
    })
  }
}

export class SignUpAttemptVerifications {
  declare readonly emailAddress: SignUpAttemptVerification | null
  declare readonly phoneNumber: SignUpAttemptVerification | null
  declare readonly web3Wallet: SignUpAttemptVerification | null
  /** As sent (snake_case keys), as @clerk/backend passes it on. */
  declare readonly externalAccount: object | null

  constructor(fields: Fields<SignUpAttemptVerifications>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: SignUpVerificationsJSON): SignUpAttemptVerifications {
    return new SignUpAttemptVerifications({
      emailAddress: data.email_address && SignUpAttemptVerification.fromJSON(data.email_address),
      phoneNumber: data.phone_number && SignUpAttemptVerification.fromJSON(data.phone_number),
      web3Wallet: data.web3_wallet && SignUpAttemptVerification.fromJSON(data.web3_wallet),
      externalAccount: data.external_account,
    })
  }
}

export class SignUpAttempt {
  declare readonly id: string
  declare readonly status: SignUpStatus
  declare readonly requiredFields: string[]
  declare readonly optionalFields: string[]
  declare readonly missingFields: string[]
  declare readonly unverifiedFields: string[]
  declare readonly verifications: SignUpAttemptVerifications | null
  declare readonly username: string | null
  declare readonly emailAddress: string | null
  declare readonly phoneNumber: string | null
  declare readonly web3Wallet: string | null
  declare readonly passwordEnabled: boolean
  declare readonly firstName: string | null
  declare readonly lastName: string | null
  declare readonly customAction: boolean
  declare readonly externalId: string | null
  declare readonly createdSessionId: string | null
  declare readonly createdUserId: string | null
  declare readonly abandonAt: number | null
  declare readonly legalAcceptedAt: number | null
  declare readonly publicMetadata?: Record<string, unknown> | null | undefined
  declare readonly unsafeMetadata?: Record<string, unknown> | null | undefined

  constructor(fields: Fields<SignUpAttempt>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: SignUpJSON): SignUpAttempt {
    return new SignUpAttempt({
      id: data.id,
      status: data.status,
      requiredFields: data.required_fields,
      optionalFields: data.optional_fields,
      missingFields: data.missing_fields,
      unverifiedFields: data.unverified_fields,
      verifications: data.verifications ? SignUpAttemptVerifications.fromJSON(data.verifications) : null,
      username: data.username,
      emailAddress: data.email_address,
      phoneNumber: data.phone_number,
      web3Wallet: data.web3_wallet,
      passwordEnabled: data.password_enabled,
      firstName: data.first_name,
      lastName: data.last_name,
      customAction: data.custom_action,
      externalId: data.external_id,
      createdSessionId: data.created_session_id,
      createdUserId: data.created_user_id,
      abandonAt: data.abandon_at,
      legalAcceptedAt: data.legal_accepted_at,
      publicMetadata: data.public_metadata,
      unsafeMetadata: data.unsafe_metadata,
    })
  }
}
