// clerkClient.users: users, their metadata, passwords, second factors, and what they are linked to.
import { defineApi } from '../defineApi.js'
import type { PaginatedResourceResponse } from '../resources/deserialize.js'
import { DeletedObject } from '../resources/deletedObject.js'
import { OauthAccessToken } from '../resources/authTokens.js'
import { EmailAddress, PhoneNumber } from '../resources/identifiers.js'
import { OrganizationInvitation, type OrganizationInvitationStatus } from '../resources/invitation.js'
import { OrganizationMembership } from '../resources/organization.js'
import { User } from '../resources/user.js'
import type { PaginationParams, WithSign } from './pagination.js'

export interface UserCountParams {
  emailAddress?: string[]
  phoneNumber?: string[]
  username?: string[]
  web3Wallet?: string[]
  /** Matches e-mail addresses, phone numbers, usernames, wallets, ids and names, partially. */
  query?: string
  userId?: string[]
  externalId?: string[]
  organizationId?: string[]
}

export interface UserListParams extends UserCountParams, PaginationParams {
  /** Default `-created_at`. */
  orderBy?: WithSign<
    | 'created_at'
    | 'updated_at'
    | 'email_address'
    | 'web3wallet'
    | 'first_name'
    | 'last_name'
    | 'phone_number'
    | 'username'
    | 'last_active_at'
    | 'last_sign_in_at'
  >
  /** @deprecated Use `lastActiveAtAfter`. */
  last_active_at_since?: number
  /** Unix milliseconds, as the other time filters. */
  lastActiveAtBefore?: number
  lastActiveAtAfter?: number
  createdAtBefore?: number
  createdAtAfter?: number
  lastSignInAtBefore?: number
  lastSignInAtAfter?: number
}

export interface UserMetadataParams {
  publicMetadata?: Record<string, unknown>
  privateMetadata?: Record<string, unknown>
  unsafeMetadata?: Record<string, unknown>
}

export type PasswordHasher =
  | 'argon2i'
  | 'argon2id'
  | 'awscognito'
  | 'bcrypt'
  | 'bcrypt_sha256_django'
  | 'md5'
  | 'pbkdf2_sha256'
  | 'pbkdf2_sha256_django'
  | 'pbkdf2_sha1'
  | 'phpass'
  | 'scrypt_firebase'
  | 'scrypt_werkzeug'
  | 'sha256'
  | 'md5_phpass'
  | 'ldap_ssha'

/** A password digest imported from another system, instead of a password. */
export interface UserPasswordHashingParams {
  passwordDigest?: string
  passwordHasher?: PasswordHasher
}

export interface CreateUserParams extends UserMetadataParams, UserPasswordHashingParams {
  externalId?: string
  /** The first becomes the primary address; all are created verified unless `emailAddressIdentificationStatus` says so. */
  emailAddress?: string[]
  emailAddressIdentificationStatus?: ('verified' | 'reserved')[]
  phoneNumber?: string[]
  phoneNumberIdentificationStatus?: ('verified' | 'reserved')[]
  username?: string
  password?: string
  firstName?: string
  lastName?: string
  locale?: string
  timezone?: string
  skipPasswordChecks?: boolean
  skipPasswordRequirement?: boolean
  skipLegalChecks?: boolean
  legalAcceptedAt?: Date
  totpSecret?: string
  backupCodes?: string[]
  createdAt?: Date
  banned?: boolean
  locked?: boolean
}

export interface UpdateUserParams extends UserPasswordHashingParams {
  firstName?: string
  lastName?: string
  username?: string
  password?: string
  skipPasswordChecks?: boolean
  signOutOfOtherSessions?: boolean
  primaryEmailAddressID?: string
  notifyPrimaryEmailAddressChanged?: boolean
  primaryPhoneNumberID?: string
  primaryWeb3WalletID?: string
  profileImageID?: string
  totpSecret?: string
  backupCodes?: string[]
  externalId?: string
  createdAt?: Date
  skipLegalChecks?: boolean
  legalAcceptedAt?: Date
  locale?: string
  timezone?: string
  deleteSelfEnabled?: boolean
  createOrganizationEnabled?: boolean
  createOrganizationsLimit?: number
  /** @deprecated Use `updateUserMetadata` (merge) or `replaceUserMetadata` (replace). */
  publicMetadata?: Record<string, unknown>
  /** @deprecated Use `updateUserMetadata` (merge) or `replaceUserMetadata` (replace). */
  privateMetadata?: Record<string, unknown>
  /** @deprecated Use `updateUserMetadata` (merge) or `replaceUserMetadata` (replace). */
  unsafeMetadata?: Record<string, unknown>
}

export interface UpdateUserProfileImageParams {
  file: Blob
}

export interface ReplaceUserEmailAddressParams {
  emailAddress: string
}

export interface ReplaceUserPhoneNumberParams {
  phoneNumber: string
}

export interface GetUserOrganizationMembershipListParams extends PaginationParams {
  userId: string
}

export interface GetUserOrganizationInvitationListParams extends PaginationParams {
  userId: string
  status?: OrganizationInvitationStatus
}

export interface VerifyPasswordParams {
  userId: string
  password: string
}

export interface VerifyTOTPParams {
  userId: string
  code: string
}

export interface RemovePasswordParams {
  signOutOfOtherSessions?: boolean
}

export interface SetPasswordCompromisedParams {
  revokeAllSessions?: boolean
}

export interface DeleteUserPasskeyParams {
  userId: string
  passkeyIdentificationId: string
}

export interface DeleteWeb3WalletParams {
  userId: string
  web3WalletIdentificationId: string
}

export interface DeleteUserExternalAccountParams {
  userId: string
  externalAccountId: string
}

/** Social providers, and custom ones (`custom_…`). */
export type OAuthProvider =
  | 'facebook'
  | 'google'
  | 'hubspot'
  | 'github'
  | 'tiktok'
  | 'gitlab'
  | 'discord'
  | 'twitter'
  | 'twitch'
  | 'linkedin'
  | 'linkedin_oidc'
  | 'dropbox'
  | 'atlassian'
  | 'bitbucket'
  | 'microsoft'
  | 'notion'
  | 'apple'
  | 'line'
  | 'instagram'
  | 'coinbase'
  | 'spotify'
  | 'xero'
  | 'box'
  | 'slack'
  | 'linear'
  | 'x'
  | 'enstall'
  | 'huggingface'
  | 'vercel'
  | 'agentid'
  | `custom_${string}`

/** What the MFA and backup-code deletions answer, as sent. */
export interface UserIdJSON {
  user_id: string
}

export interface UserAPI {
  /** A page of users and the count of all that match (two requests in parallel, as @clerk/backend does). */
  getUserList(params?: UserListParams): Promise<PaginatedResourceResponse<User[]>>
  getUser(userId: string): Promise<User>
  createUser(params: CreateUserParams): Promise<User>
  updateUser(userId: string, params?: UpdateUserParams): Promise<User>
  replaceUserEmailAddress(userId: string, params: ReplaceUserEmailAddressParams): Promise<EmailAddress>
  replaceUserPhoneNumber(userId: string, params: ReplaceUserPhoneNumberParams): Promise<PhoneNumber>
  updateUserProfileImage(userId: string, params: UpdateUserProfileImageParams): Promise<User>
  /** Deep-merges into the stored metadata; a `null` value removes the key. */
  updateUserMetadata(userId: string, params: UserMetadataParams): Promise<User>
  /** Replaces each metadata field given, whole. */
  replaceUserMetadata(userId: string, params: UserMetadataParams): Promise<User>
  /** Answers what was deleted (`{ object: 'user', id, deleted: true }`). */
  deleteUser(userId: string): Promise<DeletedObject>
  getCount(params?: UserCountParams): Promise<number>
  /** The user's OAuth tokens at a provider (`'google'`; the `oauth_google` form is accepted too). */
  getUserOauthAccessToken(
    userId: string,
    provider: OAuthProvider | `oauth_${OAuthProvider}`,
  ): Promise<PaginatedResourceResponse<OauthAccessToken[]>>
  disableUserMFA(userId: string): Promise<UserIdJSON>
  getOrganizationMembershipList(
    params: GetUserOrganizationMembershipListParams,
  ): Promise<PaginatedResourceResponse<OrganizationMembership[]>>
  getOrganizationInvitationList(
    params: GetUserOrganizationInvitationListParams,
  ): Promise<PaginatedResourceResponse<OrganizationInvitation[]>>
  removePassword(userId: string, params?: RemovePasswordParams): Promise<User>
  verifyPassword(params: VerifyPasswordParams): Promise<{ verified: true }>
  verifyTOTP(params: VerifyTOTPParams): Promise<{ verified: true; code_type: 'totp' }>
  banUser(userId: string): Promise<User>
  unbanUser(userId: string): Promise<User>
  lockUser(userId: string): Promise<User>
  unlockUser(userId: string): Promise<User>
  deleteUserProfileImage(userId: string): Promise<User>
  deleteUserPasskey(params: DeleteUserPasskeyParams): Promise<DeletedObject>
  deleteUserWeb3Wallet(params: DeleteWeb3WalletParams): Promise<DeletedObject>
  deleteUserExternalAccount(params: DeleteUserExternalAccountParams): Promise<DeletedObject>
  deleteUserBackupCodes(userId: string): Promise<UserIdJSON>
  deleteUserTOTP(userId: string): Promise<UserIdJSON>
  setPasswordCompromised(userId: string, params?: SetPasswordCompromisedParams): Promise<User>
  unsetPasswordCompromised(userId: string): Promise<User>
}

const USER = '/users/{userId}'

export const users = defineApi<UserAPI>('users', 'UserAPI', {
  getUserList: {
    method: 'GET',
    path: '/users',
    args: ['...params?'],
    returns: { page: User },
    note: 'Also sends `GET /users/count` with the same filters, for `totalCount`.',
    async run({ send, group }, params = {}) {
      const { limit: _limit, offset: _offset, orderBy: _orderBy, ...countParams } = params
      const [page, totalCount] = await Promise.all([send([params]), group.getCount(countParams)])
      return { data: (page as PaginatedResourceResponse<User[]>).data, totalCount }
    },
  },
  getUser: { method: 'GET', path: USER, args: ['userId'], returns: User },
  createUser: { method: 'POST', path: '/users', args: ['...params'], returns: User },
  updateUser: {
    method: 'PATCH',
    path: USER,
    args: ['userId', '...params?'],
    returns: User,
    note: 'Metadata passed here (deprecated) is sent with `PUT /users/{userId}/metadata`, after the other fields.',
    async run({ send, group }, userId, params = {}) {
      const { publicMetadata, privateMetadata, unsafeMetadata, ...rest } = params
      if (publicMetadata === undefined && privateMetadata === undefined && unsafeMetadata === undefined) {
        return (await send([userId, rest])) as User
      }
      if (Object.keys(rest).length > 0) await send([userId, rest])
      return group.replaceUserMetadata(userId, { publicMetadata, privateMetadata, unsafeMetadata })
    },
  },
  replaceUserEmailAddress: {
    method: 'PUT',
    path: `${USER}/email_address`,
    args: ['userId', '...params'],
    returns: EmailAddress,
  },
  replaceUserPhoneNumber: {
    method: 'PUT',
    path: `${USER}/phone_number`,
    args: ['userId', '...params'],
    returns: PhoneNumber,
  },
  updateUserProfileImage: {
    method: 'POST',
    path: `${USER}/profile_image`,
    args: ['userId', '...params'],
    send: 'form',
    required: ['file'],
    returns: User,
  },
  updateUserMetadata: { method: 'PATCH', path: `${USER}/metadata`, args: ['userId', '...params'], returns: User },
  replaceUserMetadata: { method: 'PUT', path: `${USER}/metadata`, args: ['userId', '...params'], returns: User },
  deleteUser: { method: 'DELETE', path: USER, args: ['userId'], returns: DeletedObject },
  getCount: { method: 'GET', path: '/users/count', args: ['...params?'], returns: 'number' },
  getUserOauthAccessToken: {
    method: 'GET',
    path: `${USER}/oauth_access_tokens/{provider}`,
    args: ['userId', 'provider'],
    fixedQuery: { paginated: true },
    returns: { page: OauthAccessToken },
    note: 'The provider is sent as `oauth_<provider>`.',
    run: ({ send }, userId, provider) =>
      send([
        userId,
        typeof provider === 'string' && !provider.startsWith('oauth_') ? `oauth_${provider}` : provider,
      ]) as Promise<PaginatedResourceResponse<OauthAccessToken[]>>,
  },
  disableUserMFA: { method: 'DELETE', path: `${USER}/mfa`, args: ['userId'], returns: '{ user_id }' },
  getOrganizationMembershipList: {
    method: 'GET',
    path: `${USER}/organization_memberships`,
    args: ['...params'],
    returns: { page: OrganizationMembership },
  },
  getOrganizationInvitationList: {
    method: 'GET',
    path: `${USER}/organization_invitations`,
    args: ['...params'],
    returns: { page: OrganizationInvitation },
  },
  removePassword: { method: 'POST', path: `${USER}/remove_password`, args: ['userId', '...params?'], returns: User },
  verifyPassword: {
    method: 'POST',
    path: `${USER}/verify_password`,
    args: ['...params'],
    returns: '{ verified: true }',
  },
  verifyTOTP: {
    method: 'POST',
    path: `${USER}/verify_totp`,
    args: ['...params'],
    returns: "{ verified: true, code_type: 'totp' }",
  },
  banUser: { method: 'POST', path: `${USER}/ban`, args: ['userId'], returns: User },
  unbanUser: { method: 'POST', path: `${USER}/unban`, args: ['userId'], returns: User },
  lockUser: { method: 'POST', path: `${USER}/lock`, args: ['userId'], returns: User },
  unlockUser: { method: 'POST', path: `${USER}/unlock`, args: ['userId'], returns: User },
  deleteUserProfileImage: { method: 'DELETE', path: `${USER}/profile_image`, args: ['userId'], returns: User },
  deleteUserPasskey: {
    method: 'DELETE',
    path: `${USER}/passkeys/{passkeyIdentificationId}`,
    args: ['...params'],
    returns: DeletedObject,
  },
  deleteUserWeb3Wallet: {
    method: 'DELETE',
    path: `${USER}/web3_wallets/{web3WalletIdentificationId}`,
    args: ['...params'],
    returns: DeletedObject,
  },
  deleteUserExternalAccount: {
    method: 'DELETE',
    path: `${USER}/external_accounts/{externalAccountId}`,
    args: ['...params'],
    returns: DeletedObject,
  },
  deleteUserBackupCodes: { method: 'DELETE', path: `${USER}/backup_code`, args: ['userId'], returns: '{ user_id }' },
  deleteUserTOTP: { method: 'DELETE', path: `${USER}/totp`, args: ['userId'], returns: '{ user_id }' },
  setPasswordCompromised: {
    method: 'POST',
    path: `${USER}/password/set_compromised`,
    args: ['userId', '...params?'],
    whenOmitted: { revokeAllSessions: false },
    returns: User,
  },
  unsetPasswordCompromised: {
    method: 'POST',
    path: `${USER}/password/unset_compromised`,
    args: ['userId'],
    returns: User,
  },
})
