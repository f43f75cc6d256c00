// Public entry `remix-clerk/ssr.server`: getAuth and rootAuthLoader for Remix loaders and actions, and the guard that
// recognises their errors by code (the class itself is exported as a type: `instanceof` fails across two copies).
export { getAuth } from './remix/getAuth.js'
export { rootAuthLoader } from './remix/rootAuthLoader.js'
export type { RootAuthLoaderCallback } from './remix/rootAuthLoader.js'
export { isRemixClerkError } from './shared/remixClerkError.js'
export type { RemixClerkError, RemixClerkErrorCode } from './shared/remixClerkError.js'
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
} from './remix/types.js'
export type {
  AuthObject,
  CheckAuthorization,
  CheckAuthorizationParams,
  GetToken,
  GetTokenOptions,
  ReverificationConfig,
  SignedInAuthObject,
  SignedOutAuthObject,
} from './auth/authObject.js'
export type { AuthObject as SessionAuthObject } from './auth/authObject.js'
export type {
  AnyAuthObject,
  AuthenticatedMachineObject,
  AuthObjectFor,
  InvalidTokenAuthObject,
  MachineAuthObject,
  UnauthenticatedMachineObject,
} from './auth/machine/machineAuthObjects.js'
export type { AcceptsToken } from './auth/machine/acceptedToken.js'
export type { PendingSessionOptions } from './auth/requestState.js'
export type { MachineTokenType, TokenType } from './jwt/machineTokens.js'
export type { JwtPayload } from './jwt/decodeJwt.js'
export type { OrganizationSyncOptions } from './auth/organizationSync.js'
