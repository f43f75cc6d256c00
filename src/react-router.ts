// Public entry `remix-clerk/react-router`: what `@clerk/react-router/server` (version 3) offers a React Router 7 app
// with middleware on (`future.v8_middleware`): clerkMiddleware, getAuth, rootAuthLoader and clerkClient, and, as
// there, the Backend API client's exports. Without middleware, `remix-clerk/ssr.server` serves React Router too.
export { clerkMiddleware } from './react-router/middleware.js'
export { getAuth } from './react-router/getAuth.js'
export type { ReactRouterGetAuthOptions } from './react-router/getAuth.js'
export { rootAuthLoader } from './react-router/rootAuthLoader.js'
export { clerkClient } from './react-router/clerkClient.js'
// Its errors carry stable codes (docs/errors.md), as ssr.server's do.
export { isRemixClerkError } from './shared/remixClerkError.js'
export type { RemixClerkError, RemixClerkErrorCode } from './shared/remixClerkError.js'
export type {
  ClerkMiddleware,
  ClerkMiddlewareOptions,
  ReactRouterArgs,
  ReactRouterLoaderArgsWithAuth,
  ReactRouterRootAuthLoaderCallback,
  ReactRouterRootAuthLoaderOptions,
  ReactRouterRootAuthLoaderResult,
} from './react-router/types.js'
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
export type { ClerkState, RequestWithAuth, WithoutPrivateMetadata } from './remix/types.js'
export type { OrganizationSyncOptions } from './auth/organizationSync.js'
export * from './api.server.js'
