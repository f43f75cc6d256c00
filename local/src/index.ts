// Public entry of remix-clerk-local.
export { LocalClerk, createLocalClerk } from './localClerk.js'
export type { GetTokenOptions, SessionJSON } from './localClerk.js'
export type { LocalClerkOptions } from './options.js'
export type { LocalClerkEnv } from './envLines.js'
export type { SeedData, SeedMember, SeedOrganization, SeedResult, SeedTemplate, SeedUser } from './seed.js'
export { SeedError } from './seed.js'
export { ClerkApiError } from './errors.js'
export type { ClerkErrorBody, ClerkErrorEntry } from './errors.js'
