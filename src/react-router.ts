// Public entry `remix-clerk/react-router`: what `@clerk/react-router/server` (version 3) offers a React Router 7 app
// with middleware on (`future.v8_middleware`): clerkMiddleware, getAuth, rootAuthLoader and clerkClient, and, as
// there, the Backend API client's exports. Without middleware, `remix-clerk/ssr.server` serves React Router too.
export { clerkMiddleware } from './react-router/middleware'
export { getAuth } from './react-router/getAuth'
export type { ReactRouterGetAuthOptions } from './react-router/getAuth'
export { rootAuthLoader } from './react-router/rootAuthLoader'
export { clerkClient } from './react-router/clerkClient'
export type {
  ClerkMiddleware,
  ClerkMiddlewareOptions,
  ReactRouterArgs,
  ReactRouterLoaderArgsWithAuth,
  ReactRouterRootAuthLoaderCallback,
  ReactRouterRootAuthLoaderOptions,
  ReactRouterRootAuthLoaderResult,
} from './react-router/types'
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
export type { ClerkState, RequestWithAuth, WithoutPrivateMetadata } from './remix/types'
export type { OrganizationSyncOptions } from './auth/organizationSync'
export * from './api.server'
