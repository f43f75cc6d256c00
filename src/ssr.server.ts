// Public entry `remix-clerk/ssr.server`: getAuth and rootAuthLoader for Remix loaders and actions, and the guard that
// recognises their errors by code (the class itself is exported as a type: `instanceof` fails across two copies).
export { getAuth } from './remix/getAuth'
export { rootAuthLoader } from './remix/rootAuthLoader'
export type { RootAuthLoaderCallback } from './remix/rootAuthLoader'
export { isRemixClerkError } from './shared/remixClerkError'
export type { RemixClerkError, RemixClerkErrorCode } from './shared/remixClerkError'
export type {
  AcceptsTokenOption,
  AuthArgs,
  ClerkState,
  GetAuthOptions,
  JsonResponse,
  LoaderArgsWithAuth,
  RequestWithAuth,
  RootAuthLoaderCallbackResult,
  RootAuthLoaderOptions,
  RootAuthLoaderResult,
  ValueOrFromUrl,
  WithoutPrivateMetadata,
} from './remix/types'
export type {
  AuthObject,
  CheckAuthorization,
  CheckAuthorizationParams,
  GetToken,
  GetTokenOptions,
  ReverificationConfig,
  SignedInAuthObject,
  SignedOutAuthObject,
} from './auth/authObject'
export type { AuthObject as SessionAuthObject } from './auth/authObject'
export type {
  AnyAuthObject,
  AuthenticatedMachineObject,
  AuthObjectFor,
  InvalidTokenAuthObject,
  MachineAuthObject,
  UnauthenticatedMachineObject,
} from './auth/machine/machineAuthObjects'
export type { AcceptsToken } from './auth/machine/acceptedToken'
export type { PendingSessionOptions } from './auth/requestState'
export type { MachineTokenType, TokenType } from './jwt/machineTokens'
export type { JwtPayload } from './jwt/decodeJwt'
export type { OrganizationSyncOptions } from './auth/organizationSync'
