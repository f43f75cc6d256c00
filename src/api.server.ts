// Public entry `remix-clerk/api.server`: the Backend API client, its resources and types, and session token
// verification.

export { createClerkClient } from './backend/client.js'
export { verifyToken } from './jwt/publicVerifyToken.js'
export type { VerifyTokenOptions } from './jwt/publicVerifyToken.js'
export { TokenVerificationError, TokenVerificationErrorAction, TokenVerificationErrorReason } from './jwt/reasons.js'
export type { TokenCarrier } from './jwt/reasons.js'
export type { JwtPayload } from './jwt/decodeJwt.js'
export type { ClerkClient } from './backend/client.js'
export type { ClerkClientOptions, FetchLike } from './backend/options.js'

export { ClerkAPIError, ClerkAPIResponseError, ClerkClientError } from './backend/errors.js'
export type {
  ClerkAPIErrorJSON,
  ClerkAPIErrorMeta,
  ClerkClientErrorCode,
  ClientSideErrorCode,
} from './backend/errors.js'

// Resources: the classes results are instances of, and the JSON they are read from.
export { AccountlessApplication } from './backend/resources/accountlessApplication.js'
export type { AccountlessApplicationJSON } from './backend/resources/accountlessApplication.js'
export { AgentTask } from './backend/resources/agentTask.js'
export type { AgentTaskJSON } from './backend/resources/agentTask.js'
export { ActorToken, OauthAccessToken, SignInToken, TestingToken } from './backend/resources/authTokens.js'
export type {
  ActorTokenJSON,
  ActorTokenStatus,
  OauthAccessTokenJSON,
  SignInTokenJSON,
  TestingTokenJSON,
} from './backend/resources/authTokens.js'
export { BillingPlan, BillingSubscription, BillingSubscriptionItem, Feature } from './backend/resources/billing.js'
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
} from './backend/resources/billing.js'
export { Client } from './backend/resources/client.js'
export type { ClientJSON } from './backend/resources/client.js'
export { Cookies } from './backend/resources/cookies.js'
export type { CookiesJSON } from './backend/resources/cookies.js'
export { DeletedObject } from './backend/resources/deletedObject.js'
export type { DeletedObjectJSON } from './backend/resources/deletedObject.js'
export { CnameTarget, Domain, ProxyCheck } from './backend/resources/domain.js'
export type { CnameTargetJSON, DomainJSON, ProxyCheckJSON } from './backend/resources/domain.js'
export { EnterpriseAccount, EnterpriseAccountConnection } from './backend/resources/enterpriseAccount.js'
export type { EnterpriseAccountConnectionJSON, EnterpriseAccountJSON } from './backend/resources/enterpriseAccount.js'
export {
  AttributeMapping,
  EnterpriseConnection,
  EnterpriseConnectionCustomAttribute,
  EnterpriseConnectionOauthConfig,
  EnterpriseConnectionSamlConnection,
  EnterpriseConnectionSamlConnectionLoginHint,
  SamlConnection,
  SamlConnectionIdpCertificate,
} from './backend/resources/enterpriseConnection.js'
export type {
  AttributeMappingJSON,
  EnterpriseConnectionCustomAttributeJSON,
  EnterpriseConnectionJSON,
  EnterpriseConnectionOauthConfigJSON,
  EnterpriseConnectionSamlConnectionJSON,
  EnterpriseConnectionSamlConnectionLoginHintJSON,
  SamlConnectionIdpCertificateJSON,
  SamlConnectionJSON,
} from './backend/resources/enterpriseConnection.js'
export { HandshakePayload } from './backend/resources/handshakePayload.js'
export type { HandshakePayloadJSON } from './backend/resources/handshakePayload.js'
export { AllowlistIdentifier, BlocklistIdentifier } from './backend/resources/identifierLists.js'
export type {
  AllowlistIdentifierJSON,
  AllowlistIdentifierType,
  BlocklistIdentifierJSON,
  BlocklistIdentifierType,
} from './backend/resources/identifierLists.js'
export {
  EmailAddress,
  ExternalAccount,
  IdentificationLink,
  PhoneNumber,
  Verification,
  Web3Wallet,
} from './backend/resources/identifiers.js'
export type {
  EmailAddressJSON,
  ExternalAccountJSON,
  IdentificationLinkJSON,
  PhoneNumberJSON,
  VerificationJSON,
  Web3WalletJSON,
} from './backend/resources/identifiers.js'
export { Instance, InstanceRestrictions, InstanceSettings, OrganizationSettings } from './backend/resources/instance.js'
export type {
  InstanceJSON,
  InstanceRestrictionsJSON,
  InstanceSettingsJSON,
  OrganizationSettingsJSON,
} from './backend/resources/instance.js'
export { Invitation, OrganizationInvitation } from './backend/resources/invitation.js'
export type {
  InvitationJSON,
  InvitationStatus,
  OrganizationInvitationJSON,
  OrganizationInvitationStatus,
  PublicOrganizationDataJSON,
} from './backend/resources/invitation.js'
export { JwtTemplate } from './backend/resources/jwtTemplate.js'
export type { JwtTemplateJSON } from './backend/resources/jwtTemplate.js'
export { APIKey, M2MToken, Machine, MachineScope, MachineSecretKey } from './backend/resources/machine.js'
export type {
  APIKeyJSON,
  M2MTokenJSON,
  MachineJSON,
  MachineScopeJSON,
  MachineSecretKeyJSON,
} from './backend/resources/machine.js'
export { Email, SMSMessage } from './backend/resources/messages.js'
export type { EmailJSON, SMSMessageJSON } from './backend/resources/messages.js'
export { IdPOAuthAccessToken, OAuthApplication } from './backend/resources/oauthApplication.js'
export type {
  IdPOAuthAccessTokenActorJSON,
  IdPOAuthAccessTokenJSON,
  OAuthApplicationJSON,
} from './backend/resources/oauthApplication.js'
export {
  Organization,
  OrganizationMembership,
  OrganizationMembershipPublicUserData,
} from './backend/resources/organization.js'
export type {
  OrganizationJSON,
  OrganizationMembershipJSON,
  OrganizationMembershipPublicUserDataJSON,
  OrganizationMembershipRole,
} from './backend/resources/organization.js'
export { OrganizationDomain, OrganizationDomainVerification } from './backend/resources/organizationDomain.js'
export type {
  OrganizationDomainJSON,
  OrganizationDomainVerificationJSON,
  OrganizationEnrollmentMode,
} from './backend/resources/organizationDomain.js'
export { RedirectUrl } from './backend/resources/redirectUrl.js'
export type { RedirectUrlJSON } from './backend/resources/redirectUrl.js'
export { Permission, Role, RoleSet, RoleSetItem, RoleSetMigration } from './backend/resources/roles.js'
export type {
  PermissionJSON,
  RoleJSON,
  RoleSetItemJSON,
  RoleSetJSON,
  RoleSetMigrationJSON,
} from './backend/resources/roles.js'
export { Session, SessionActivity } from './backend/resources/session.js'
export type { SessionActivityJSON, SessionJSON, SessionStatus } from './backend/resources/session.js'
export {
  SignUpAttempt,
  SignUpAttemptVerification,
  SignUpAttemptVerifications,
} from './backend/resources/signUpAttempt.js'
export type {
  SignUpJSON,
  SignUpStatus,
  SignUpVerificationJSON,
  SignUpVerificationsJSON,
} from './backend/resources/signUpAttempt.js'
export { Token } from './backend/resources/token.js'
export type { TokenJSON } from './backend/resources/token.js'
export { User } from './backend/resources/user.js'
export type { UserJSON } from './backend/resources/user.js'
export { WaitlistEntry } from './backend/resources/waitlistEntry.js'
export type { WaitlistEntryJSON, WaitlistEntryStatus } from './backend/resources/waitlistEntry.js'
export type { PaginatedResourceResponse } from './backend/resources/deserialize.js'

// The API groups' method types and their parameters.
export type {
  AccountlessApplicationAPI,
  AccountlessApplicationParams,
} from './backend/endpoints/accountlessApplications.js'
export type {
  ActorTokenAPI,
  ActorTokenActorCreateParams,
  ActorTokenCreateParams,
} from './backend/endpoints/actorTokens.js'
export type { AgentTaskAPI, CreateAgentTaskParams } from './backend/endpoints/agentTasks.js'
export type {
  AllowlistIdentifierAPI,
  AllowlistIdentifierCreateParams,
} from './backend/endpoints/allowlistIdentifiers.js'
export type {
  APIKeysAPI,
  CreateAPIKeyParams,
  GetAPIKeyListParams,
  RevokeAPIKeyParams,
  UpdateAPIKeyParams,
} from './backend/endpoints/apiKeys.js'
export type { BetaFeaturesAPI, ChangeDomainParams } from './backend/endpoints/betaFeatures.js'
export type {
  BillingAPI,
  CancelSubscriptionItemParams,
  ExtendSubscriptionItemFreeTrialParams,
  GetPlanListParams,
} from './backend/endpoints/billing.js'
export type {
  BlocklistIdentifierAPI,
  BlocklistIdentifierCreateParams,
} from './backend/endpoints/blocklistIdentifiers.js'
export type { ClientAPI, GetHandshakePayloadParams } from './backend/endpoints/clients.js'
export type { AddDomainParams, DomainAPI, UpdateDomainParams } from './backend/endpoints/domains.js'
export type {
  CreateEmailAddressParams,
  EmailAddressAPI,
  UpdateEmailAddressParams,
} from './backend/endpoints/emailAddresses.js'
export type {
  BatchEmailResult,
  CreateBatchEmailParams,
  CreateEmailOptions,
  CreateEmailParams,
  EmailAPI,
  EmailRecipient,
  Mailbox,
} from './backend/endpoints/emails.js'
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
} from './backend/endpoints/enterpriseConnections.js'
export type {
  IdPOAuthAccessTokenAPI,
  VerifyIdPOAuthAccessTokenOptions,
} from './backend/endpoints/idPOAuthAccessToken.js'
export type {
  InstanceAPI,
  UpdateInstanceParams,
  UpdateOrganizationSettingsParams,
  UpdateRestrictionsParams,
} from './backend/endpoints/instance.js'
export type {
  CreateInvitationBulkParams,
  CreateInvitationParams,
  GetInvitationListParams,
  InvitationAPI,
  TemplateSlug,
} from './backend/endpoints/invitations.js'
export type { JwksAPI } from './backend/endpoints/jwks.js'
export type {
  CreateJwtTemplateParams,
  JwtTemplatesAPI,
  UpdateJwtTemplateParams,
} from './backend/endpoints/jwtTemplates.js'
export type {
  CreateM2MTokenParams,
  GetM2MTokenListParams,
  M2MTokenAPI,
  M2MTokenFormat,
  RevokeM2MTokenParams,
  VerifyM2MTokenParams,
} from './backend/endpoints/m2m.js'
export type {
  CreateMachineParams,
  GetMachineListParams,
  MachineAPI,
  RotateMachineSecretKeyParams,
  UpdateMachineParams,
} from './backend/endpoints/machines.js'
export type {
  CreateOAuthApplicationParams,
  GetOAuthApplicationListParams,
  OAuthApplicationsAPI,
  RevokeOAuthApplicationTokenParams,
  UpdateOAuthApplicationParams,
} from './backend/endpoints/oauthApplications.js'
export type {
  CreateOrganizationPermissionParams,
  GetOrganizationPermissionListParams,
  OrganizationPermissionAPI,
  UpdateOrganizationPermissionParams,
} from './backend/endpoints/organizationPermissions.js'
export type {
  CreateOrganizationRoleParams,
  GetOrganizationRoleListParams,
  OrganizationRoleAPI,
  OrganizationRolePermissionParams,
  UpdateOrganizationRoleParams,
} from './backend/endpoints/organizationRoles.js'
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
} from './backend/endpoints/organizations.js'
export type { PaginationParams, WithSign } from './backend/endpoints/pagination.js'
export type {
  CreatePhoneNumberParams,
  PhoneNumberAPI,
  UpdatePhoneNumberParams,
} from './backend/endpoints/phoneNumbers.js'
export type { ProxyCheckAPI, VerifyProxyParams } from './backend/endpoints/proxyChecks.js'
export type { CreateRedirectUrlParams, RedirectUrlAPI } from './backend/endpoints/redirectUrls.js'
export type {
  AddRolesToRoleSetParams,
  CreateRoleSetParams,
  GetRoleSetListParams,
  ReplaceRoleInRoleSetParams,
  ReplaceRoleSetParams,
  RoleSetAPI,
  UpdateRoleSetParams,
} from './backend/endpoints/roleSets.js'
export type {
  CreateSamlConnectionParams,
  SamlAttributeMappingParams,
  SamlConnectionAPI,
  SamlConnectionListParams,
  SamlIdpSlug,
  UpdateSamlConnectionParams,
} from './backend/endpoints/samlConnections.js'
export type {
  CreateSessionParams,
  RefreshSessionParams,
  SessionAPI,
  SessionListParams,
} from './backend/endpoints/sessions.js'
export type { CreateSignInTokensParams, SignInTokenAPI } from './backend/endpoints/signInTokens.js'
export type { SignUpAPI, UpdateSignUpParams } from './backend/endpoints/signUps.js'
export type { TestingTokenAPI } from './backend/endpoints/testingTokens.js'
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
} from './backend/endpoints/users.js'
export type {
  WaitlistEntryAPI,
  WaitlistEntryBulkCreateParams,
  WaitlistEntryCreateParams,
  WaitlistEntryInviteParams,
  WaitlistEntryListParams,
} from './backend/endpoints/waitlistEntries.js'
export type { WebhookAPI, WebhooksSvixJSON } from './backend/endpoints/webhooks.js'
