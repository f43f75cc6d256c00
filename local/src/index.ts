// Public entry of remix-clerk-local.
export { LocalClerk, createLocalClerk } from './assembly/localClerk.js'
export type {
  GetTokenOptions,
  OAuthAccessTokenJSON,
  OAuthAccessTokenParams,
  SessionJSON,
} from './assembly/localClerk.js'
export type { LocalClerkOptions } from './core/options.js'
export type { LocalClerkWebhookOptions } from './webhooks/settings.js'
export type { LocalClerkWebhooks } from './webhooks/localClerkWebhooks.js'
export type { LocalClerkEnv } from './assembly/envLines.js'
export type { SeedData, SeedMember, SeedOrganization, SeedResult, SeedTemplate, SeedUser } from './assembly/seed.js'
export { SeedError } from './assembly/seed.js'
export { ClerkApiError, LocalClerkError } from './shared/errors.js'
export type { ClerkErrorBody, ClerkErrorEntry, LocalClerkErrorCode } from './shared/errors.js'
