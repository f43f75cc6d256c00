// Public entry `remix-clerk/ssr.server`: getAuth and rootAuthLoader for Remix loaders and actions.
export { getAuth } from './remix/getAuth'
export { rootAuthLoader } from './remix/rootAuthLoader'
export type { RootAuthLoaderCallback } from './remix/rootAuthLoader'
export type {
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
export type { JwtPayload } from './jwt/decodeJwt'
export type { OrganizationSyncOptions } from './auth/organizationSync'
