// Public entry `remix-clerk/api.server`: the Backend API client, its resources and types, and session token
// verification.

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

// Resources: the classes results are instances of, and the JSON they are read from.
export { AccountlessApplication } from './backend/resources/accountlessApplication'
export type { AccountlessApplicationJSON } from './backend/resources/accountlessApplication'
export { AgentTask } from './backend/resources/agentTask'
export type { AgentTaskJSON } from './backend/resources/agentTask'
export {
  ActorToken,
  OauthAccessToken,
  SignInToken,
  TestingToken,
} from './backend/resources/authTokens'
export type {
  ActorTokenJSON,
  ActorTokenStatus,
  OauthAccessTokenJSON,
  SignInTokenJSON,
  TestingTokenJSON,
} from './backend/resources/authTokens'
export {
  BillingPlan,
  BillingSubscription,
  BillingSubscriptionItem,
  Feature,
} from './backend/resources/billing'
export type {
  BillingMoneyAmount,
  BillingMoneyAmountJSON,
  BillingPayment,
  BillingPaymentJSON,
  BillingPerUnitTotal,
  BillingPlanJSON,
  BillingSubscriptionItemJSON,
  BillingSubscriptionItemSeats,
  BillingSubscriptionItemStatus,
  BillingSubscriptionJSON,
  BillingTotals,
  FeatureJSON,
} from './backend/resources/billing'
export { Client } from './backend/resources/client'
export type { ClientJSON } from './backend/resources/client'
export { Cookies } from './backend/resources/cookies'
export type { CookiesJSON } from './backend/resources/cookies'
export { DeletedObject } from './backend/resources/deletedObject'
export type { DeletedObjectJSON } from './backend/resources/deletedObject'
export {
  CnameTarget,
  Domain,
  ProxyCheck,
} from './backend/resources/domain'
export type {
  CnameTargetJSON,
  DomainJSON,
  ProxyCheckJSON,
} from './backend/resources/domain'
export {
  EnterpriseAccount,
  EnterpriseAccountConnection,
} from './backend/resources/enterpriseAccount'
export type {
  EnterpriseAccountConnectionJSON,
  EnterpriseAccountJSON,
} from './backend/resources/enterpriseAccount'
export {
  AttributeMapping,
  EnterpriseConnection,
  EnterpriseConnectionCustomAttribute,
  EnterpriseConnectionOauthConfig,
  EnterpriseConnectionSamlConnection,
  EnterpriseConnectionSamlConnectionLoginHint,
  SamlConnection,
  SamlConnectionIdpCertificate,
} from './backend/resources/enterpriseConnection'
export type {
  AttributeMappingJSON,
  EnterpriseConnectionCustomAttributeJSON,
  EnterpriseConnectionJSON,
  EnterpriseConnectionOauthConfigJSON,
  EnterpriseConnectionSamlConnectionJSON,
  EnterpriseConnectionSamlConnectionLoginHintJSON,
  SamlConnectionIdpCertificateJSON,
  SamlConnectionJSON,
} from './backend/resources/enterpriseConnection'
export { HandshakePayload } from './backend/resources/handshakePayload'
export type { HandshakePayloadJSON } from './backend/resources/handshakePayload'
export {
  AllowlistIdentifier,
  BlocklistIdentifier,
} from './backend/resources/identifierLists'
export type {
  AllowlistIdentifierJSON,
  AllowlistIdentifierType,
  BlocklistIdentifierJSON,
  BlocklistIdentifierType,
} from './backend/resources/identifierLists'
export {
  EmailAddress,
  ExternalAccount,
  IdentificationLink,
  PhoneNumber,
  Verification,
  Web3Wallet,
} from './backend/resources/identifiers'
export type {
  EmailAddressJSON,
  ExternalAccountJSON,
  IdentificationLinkJSON,
  PhoneNumberJSON,
  VerificationJSON,
  Web3WalletJSON,
} from './backend/resources/identifiers'
export {
  Instance,
  InstanceRestrictions,
  InstanceSettings,
  OrganizationSettings,
} from './backend/resources/instance'
export type {
  InstanceJSON,
  InstanceRestrictionsJSON,
  InstanceSettingsJSON,
  OrganizationSettingsJSON,
} from './backend/resources/instance'
export {
  Invitation,
  OrganizationInvitation,
} from './backend/resources/invitation'
export type {
  InvitationJSON,
  InvitationStatus,
  OrganizationInvitationJSON,
  OrganizationInvitationStatus,
  PublicOrganizationDataJSON,
} from './backend/resources/invitation'
export { JwtTemplate } from './backend/resources/jwtTemplate'
export type { JwtTemplateJSON } from './backend/resources/jwtTemplate'
export {
  APIKey,
  M2MToken,
  Machine,
  MachineScope,
  MachineSecretKey,
} from './backend/resources/machine'
export type {
  APIKeyJSON,
  M2MTokenJSON,
  MachineJSON,
  MachineScopeJSON,
  MachineSecretKeyJSON,
} from './backend/resources/machine'
export {
  Email,
  SMSMessage,
} from './backend/resources/messages'
export type {
  EmailJSON,
  SMSMessageJSON,
} from './backend/resources/messages'
export {
  IdPOAuthAccessToken,
  OAuthApplication,
} from './backend/resources/oauthApplication'
export type {
  IdPOAuthAccessTokenActorJSON,
  IdPOAuthAccessTokenJSON,
  OAuthApplicationJSON,
} from './backend/resources/oauthApplication'
export {
  Organization,
  OrganizationMembership,
  OrganizationMembershipPublicUserData,
} from './backend/resources/organization'
export type {
  OrganizationJSON,
  OrganizationMembershipJSON,
  OrganizationMembershipPublicUserDataJSON,
  OrganizationMembershipRole,
} from './backend/resources/organization'
export {
  OrganizationDomain,
  OrganizationDomainVerification,
} from './backend/resources/organizationDomain'
export type {
  OrganizationDomainJSON,
  OrganizationDomainVerificationJSON,
  OrganizationEnrollmentMode,
} from './backend/resources/organizationDomain'
export { RedirectUrl } from './backend/resources/redirectUrl'
export type { RedirectUrlJSON } from './backend/resources/redirectUrl'
export {
  Permission,
  Role,
  RoleSet,
  RoleSetItem,
  RoleSetMigration,
} from './backend/resources/roles'
export type {
  PermissionJSON,
  RoleJSON,
  RoleSetItemJSON,
  RoleSetJSON,
  RoleSetMigrationJSON,
} from './backend/resources/roles'
export {
  Session,
  SessionActivity,
} from './backend/resources/session'
export type {
  SessionActivityJSON,
  SessionJSON,
  SessionStatus,
} from './backend/resources/session'
export {
  SignUpAttempt,
  SignUpAttemptVerification,
  SignUpAttemptVerifications,
} from './backend/resources/signUpAttempt'
export type {
  SignUpJSON,
  SignUpStatus,
  SignUpVerificationJSON,
  SignUpVerificationsJSON,
} from './backend/resources/signUpAttempt'
export { Token } from './backend/resources/token'
export type { TokenJSON } from './backend/resources/token'
export { User } from './backend/resources/user'
export type { UserJSON } from './backend/resources/user'
export { WaitlistEntry } from './backend/resources/waitlistEntry'
export type {
  WaitlistEntryJSON,
  WaitlistEntryStatus,
} from './backend/resources/waitlistEntry'
export type { PaginatedResourceResponse } from './backend/resources/deserialize'

// The API groups' method types and their parameters.
export type {
  AccountlessApplicationAPI,
  AccountlessApplicationParams,
} from './backend/endpoints/accountlessApplications'
export type {
  ActorTokenAPI,
  ActorTokenActorCreateParams,
  ActorTokenCreateParams,
} from './backend/endpoints/actorTokens'
export type {
  AgentTaskAPI,
  CreateAgentTaskParams,
} from './backend/endpoints/agentTasks'
export type {
  AllowlistIdentifierAPI,
  AllowlistIdentifierCreateParams,
} from './backend/endpoints/allowlistIdentifiers'
export type {
  APIKeysAPI,
  CreateAPIKeyParams,
  GetAPIKeyListParams,
  RevokeAPIKeyParams,
  UpdateAPIKeyParams,
} from './backend/endpoints/apiKeys'
export type {
  BetaFeaturesAPI,
  ChangeDomainParams,
} from './backend/endpoints/betaFeatures'
export type {
  BillingAPI,
  CancelSubscriptionItemParams,
  ExtendSubscriptionItemFreeTrialParams,
  GetPlanListParams,
} from './backend/endpoints/billing'
export type {
  BlocklistIdentifierAPI,
  BlocklistIdentifierCreateParams,
} from './backend/endpoints/blocklistIdentifiers'
export type {
  ClientAPI,
  GetHandshakePayloadParams,
} from './backend/endpoints/clients'
export type {
  AddDomainParams,
  DomainAPI,
  UpdateDomainParams,
} from './backend/endpoints/domains'
export type {
  CreateEmailAddressParams,
  EmailAddressAPI,
  UpdateEmailAddressParams,
} from './backend/endpoints/emailAddresses'
export type {
  BatchEmailResult,
  CreateBatchEmailParams,
  CreateEmailOptions,
  CreateEmailParams,
  EmailAPI,
  EmailRecipient,
  Mailbox,
} from './backend/endpoints/emails'
export type {
  CreateEnterpriseConnectionParams,
  EnterpriseConnectionAPI,
  EnterpriseConnectionCustomAttributeParams,
  EnterpriseConnectionListParams,
  EnterpriseConnectionOidcParams,
  EnterpriseConnectionSamlAttributeMappingParams,
  EnterpriseConnectionSamlLoginHintParams,
  EnterpriseConnectionSamlParams,
  OrganizationEnterpriseConnectionProvider,
  UpdateEnterpriseConnectionParams,
} from './backend/endpoints/enterpriseConnections'
export type {
  IdPOAuthAccessTokenAPI,
  VerifyIdPOAuthAccessTokenOptions,
} from './backend/endpoints/idPOAuthAccessToken'
export type {
  InstanceAPI,
  UpdateInstanceParams,
  UpdateOrganizationSettingsParams,
  UpdateRestrictionsParams,
} from './backend/endpoints/instance'
export type {
  CreateInvitationBulkParams,
  CreateInvitationParams,
  GetInvitationListParams,
  InvitationAPI,
  TemplateSlug,
} from './backend/endpoints/invitations'
export type { JwksAPI } from './backend/endpoints/jwks'
export type {
  CreateJwtTemplateParams,
  JwtTemplatesAPI,
  UpdateJwtTemplateParams,
} from './backend/endpoints/jwtTemplates'
export type {
  CreateM2MTokenParams,
  GetM2MTokenListParams,
  M2MTokenAPI,
  M2MTokenFormat,
  RevokeM2MTokenParams,
  VerifyM2MTokenParams,
} from './backend/endpoints/m2m'
export type {
  CreateMachineParams,
  GetMachineListParams,
  MachineAPI,
  RotateMachineSecretKeyParams,
  UpdateMachineParams,
} from './backend/endpoints/machines'
export type {
  CreateOAuthApplicationParams,
  GetOAuthApplicationListParams,
  OAuthApplicationsAPI,
  RevokeOAuthApplicationTokenParams,
  UpdateOAuthApplicationParams,
} from './backend/endpoints/oauthApplications'
export type {
  CreateOrganizationPermissionParams,
  GetOrganizationPermissionListParams,
  OrganizationPermissionAPI,
  UpdateOrganizationPermissionParams,
} from './backend/endpoints/organizationPermissions'
export type {
  CreateOrganizationRoleParams,
  GetOrganizationRoleListParams,
  OrganizationRoleAPI,
  OrganizationRolePermissionParams,
  UpdateOrganizationRoleParams,
} from './backend/endpoints/organizationRoles'
export type {
  CreateBulkOrganizationInvitationParams,
  CreateOrganizationDomainParams,
  CreateOrganizationInvitationParams,
  CreateOrganizationMembershipParams,
  CreateOrganizationParams,
  DeleteOrganizationDomainParams,
  DeleteOrganizationMembershipParams,
  GetInstanceOrganizationMembershipListParams,
  GetOrganizationDomainListParams,
  GetOrganizationInvitationListParams,
  GetOrganizationInvitationParams,
  GetOrganizationListParams,
  GetOrganizationMembershipListParams,
  GetOrganizationParams,
  OrganizationAPI,
  OrganizationMetadataParams,
  RevokeOrganizationInvitationParams,
  UpdateOrganizationDomainParams,
  UpdateOrganizationLogoParams,
  UpdateOrganizationMembershipMetadataParams,
  UpdateOrganizationMembershipParams,
  UpdateOrganizationParams,
} from './backend/endpoints/organizations'
export type {
  PaginationParams,
  WithSign,
} from './backend/endpoints/pagination'
export type {
  CreatePhoneNumberParams,
  PhoneNumberAPI,
  UpdatePhoneNumberParams,
} from './backend/endpoints/phoneNumbers'
export type {
  ProxyCheckAPI,
  VerifyProxyParams,
} from './backend/endpoints/proxyChecks'
export type {
  CreateRedirectUrlParams,
  RedirectUrlAPI,
} from './backend/endpoints/redirectUrls'
export type {
  AddRolesToRoleSetParams,
  CreateRoleSetParams,
  GetRoleSetListParams,
  ReplaceRoleInRoleSetParams,
  ReplaceRoleSetParams,
  RoleSetAPI,
  UpdateRoleSetParams,
} from './backend/endpoints/roleSets'
export type {
  CreateSamlConnectionParams,
  SamlAttributeMappingParams,
  SamlConnectionAPI,
  SamlConnectionListParams,
  SamlIdpSlug,
  UpdateSamlConnectionParams,
} from './backend/endpoints/samlConnections'
export type {
  CreateSessionParams,
  RefreshSessionParams,
  SessionAPI,
  SessionListParams,
} from './backend/endpoints/sessions'
export type {
  CreateSignInTokensParams,
  SignInTokenAPI,
} from './backend/endpoints/signInTokens'
export type {
  SignUpAPI,
  UpdateSignUpParams,
} from './backend/endpoints/signUps'
export type { TestingTokenAPI } from './backend/endpoints/testingTokens'
export type {
  CreateUserParams,
  DeleteUserExternalAccountParams,
  DeleteUserPasskeyParams,
  DeleteWeb3WalletParams,
  GetUserOrganizationInvitationListParams,
  GetUserOrganizationMembershipListParams,
  OAuthProvider,
  PasswordHasher,
  RemovePasswordParams,
  ReplaceUserEmailAddressParams,
  ReplaceUserPhoneNumberParams,
  SetPasswordCompromisedParams,
  UpdateUserParams,
  UpdateUserProfileImageParams,
  UserAPI,
  UserCountParams,
  UserIdJSON,
  UserListParams,
  UserMetadataParams,
  UserPasswordHashingParams,
  VerifyPasswordParams,
  VerifyTOTPParams,
} from './backend/endpoints/users'
export type {
  WaitlistEntryAPI,
  WaitlistEntryBulkCreateParams,
  WaitlistEntryCreateParams,
  WaitlistEntryInviteParams,
  WaitlistEntryListParams,
} from './backend/endpoints/waitlistEntries'
export type {
  WebhookAPI,
  WebhooksSvixJSON,
} from './backend/endpoints/webhooks'
