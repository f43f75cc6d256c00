// Public entry `remix-clerk/api.server`: the Backend API client and session token verification.

export { createClerkClient } from './backend/client'
export { verifyToken } from './jwt/publicVerifyToken'
export type { VerifyTokenOptions } from './jwt/publicVerifyToken'
export {
  TokenVerificationError,
  TokenVerificationErrorAction,
  TokenVerificationErrorReason,
} from './jwt/reasons'
export type { TokenCarrier } from './jwt/reasons'
export type { JwtPayload } from './jwt/decodeJwt'
export type { ClerkClient } from './backend/client'
export type { ClerkClientOptions, FetchLike } from './backend/options'

export { ClerkAPIError, ClerkAPIResponseError, ClerkClientError } from './backend/errors'
export type {
  ClerkAPIErrorJSON,
  ClerkAPIErrorMeta,
  ClerkClientErrorCode,
  ClientSideErrorCode,
} from './backend/errors'

export { Cookies } from './backend/resources/cookies'
export { DeletedObject } from './backend/resources/deletedObject'
export { HandshakePayload } from './backend/resources/handshakePayload'
export {
  EmailAddress,
  ExternalAccount,
  IdentificationLink,
  PhoneNumber,
  Verification,
  Web3Wallet,
} from './backend/resources/identifiers'
export { JwtTemplate } from './backend/resources/jwtTemplate'
export {
  Organization,
  OrganizationMembership,
  OrganizationMembershipPublicUserData,
} from './backend/resources/organization'
export { Session, SessionActivity } from './backend/resources/session'
export { Token } from './backend/resources/token'
export { User } from './backend/resources/user'
export type { CookiesJSON } from './backend/resources/cookies'
export type { DeletedObjectJSON } from './backend/resources/deletedObject'
export type { PaginatedResourceResponse } from './backend/resources/deserialize'
export type { HandshakePayloadJSON } from './backend/resources/handshakePayload'
export type {
  EmailAddressJSON,
  ExternalAccountJSON,
  IdentificationLinkJSON,
  PhoneNumberJSON,
  VerificationJSON,
  Web3WalletJSON,
} from './backend/resources/identifiers'
export type { JwtTemplateJSON } from './backend/resources/jwtTemplate'
export type {
  OrganizationJSON,
  OrganizationMembershipJSON,
  OrganizationMembershipPublicUserDataJSON,
  OrganizationMembershipRole,
} from './backend/resources/organization'
export type { SessionActivityJSON, SessionJSON, SessionStatus } from './backend/resources/session'
export type { TokenJSON } from './backend/resources/token'
export type { UserJSON } from './backend/resources/user'

export type { ClientAPI, GetHandshakePayloadParams } from './backend/endpoints/clients'
export type { JwksAPI } from './backend/endpoints/jwks'
export type {
  CreateJwtTemplateParams,
  JwtTemplatesAPI,
  UpdateJwtTemplateParams,
} from './backend/endpoints/jwtTemplates'
export type {
  CreateOrganizationMembershipParams,
  CreateOrganizationParams,
  GetOrganizationParams,
  OrganizationAPI,
} from './backend/endpoints/organizations'
export type { PaginationParams } from './backend/endpoints/pagination'
export type {
  CreateSessionParams,
  RefreshSessionParams,
  SessionAPI,
  SessionListParams,
} from './backend/endpoints/sessions'
export type { CreateUserParams, UserAPI, UserCountParams, UserListParams } from './backend/endpoints/users'
