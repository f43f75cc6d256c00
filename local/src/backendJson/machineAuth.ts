// Machines, their scopes and secret keys, M2M tokens, API keys and OAuth access tokens in the Backend API's JSON, as
// @clerk/backend 3's types describe them. Times are milliseconds; `expired` is read off the clock.
import type { ApiKeyRecord } from '../store/apiKeyStore.js'
import type { M2MTokenRecord } from '../store/m2mTokenStore.js'
import type { MachineRecord } from '../store/machineStore.js'
import type { OAuthAccessTokenRecord } from '../store/oauthAccessTokenStore.js'

const isExpired = (expiration: number | null, now: number): boolean => expiration !== null && expiration <= now

function machineFields(machine: MachineRecord, instanceId: string) {
  return {
    object: 'machine',
    id: machine.id,
    name: machine.name,
    instance_id: instanceId,
    created_at: machine.created_at,
    updated_at: machine.updated_at,
    default_token_ttl: machine.default_token_ttl,
  }
}

/** A machine with the machines it may mint tokens for; its secret key only when it was just created. */
export function machineJson(
  machine: MachineRecord,
  scoped: MachineRecord[],
  instanceId: string,
  withSecretKey = false,
) {
  return {
    ...machineFields(machine, instanceId),
    // The scoped machines' own scopes are not listed (Clerk answers them empty).
    scoped_machines: scoped.map((other) => ({ ...machineFields(other, instanceId), scoped_machines: [] })),
    ...(withSecretKey ? { secret_key: machine.secret_key } : {}),
  }
}

export const machineScopeJson = (from: string, to: string, createdAt: number) => ({
  object: 'machine_scope',
  from_machine_id: from,
  to_machine_id: to,
  created_at: createdAt,
})

export const deletedMachineScopeJson = (from: string, to: string) => ({
  object: 'machine_scope',
  from_machine_id: from,
  to_machine_id: to,
  deleted: true,
})

export const machineSecretKeyJson = (secret: string) => ({ object: 'machine_secret_key', secret })

/** An M2M token; the token itself only when it was just created (or handed out again for reuse). */
export function m2mTokenJson(token: M2MTokenRecord, now: number, withToken = false) {
  return {
    object: 'machine_to_machine_token',
    id: token.id,
    ...(withToken && token.token !== null ? { token: token.token } : {}),
    subject: token.machine_id,
    scopes: token.scopes,
    claims: token.claims,
    revoked: token.revoked,
    revocation_reason: token.revocation_reason,
    expired: isExpired(token.expiration, now),
    expiration: token.expiration,
    created_at: token.created_at,
    updated_at: token.updated_at,
  }
}

/** An API key; the secret only when it was just created. */
export function apiKeyJson(key: ApiKeyRecord, now: number, withSecret = false) {
  return {
    object: 'api_key',
    id: key.id,
    type: 'api_key',
    name: key.name,
    ...(withSecret ? { secret: key.secret } : {}),
    subject: key.subject,
    scopes: key.scopes,
    claims: key.claims,
    revoked: key.revoked,
    revocation_reason: key.revocation_reason,
    expired: isExpired(key.expiration, now),
    expiration: key.expiration,
    created_by: key.created_by,
    description: key.description,
    last_used_at: key.last_used_at,
    created_at: key.created_at,
    updated_at: key.updated_at,
  }
}

export function oauthAccessTokenJson(token: OAuthAccessTokenRecord, now: number) {
  return {
    object: 'clerk_idp_oauth_access_token',
    id: token.id,
    client_id: token.client_id,
    type: 'oauth:access_token',
    subject: token.user_id,
    scopes: token.scopes,
    revoked: token.revoked,
    revocation_reason: token.revocation_reason,
    expired: isExpired(token.expiration, now),
    expiration: token.expiration,
    created_at: token.created_at,
    updated_at: token.updated_at,
    ...(token.audience === null ? {} : { aud: token.audience }),
  }
}
