// M2M tokens: a machine mints them (opaque `mt_…`, kept for verification, or a JWT signed with the instance key),
// another machine verifies them if the minting machine was scoped to it, and either side or the instance revokes them.
import type { Core } from '../core/core.js'
import { clerkError, notFound, paramValueInvalid, unprocessable } from '../shared/errors.js'
import { machineAuthId, machineAuthSecret } from '../shared/machineIds.js'
import type { M2MTokenRecord } from '../store/m2mTokenStore.js'
import type { MachineRecord } from '../store/machineStore.js'
import { machineJwtSigner } from '../tokens/machineJwts.js'
import { f, parseFields } from '../validation/schema.js'
import type { MachineCaller } from './machineCaller.js'
import { getMachine } from './machines.js'

const MAX_LIFETIME = 315_360_000
const CREATE_FIELDS = {
  seconds_until_expiration: f.nullableInteger(1, MAX_LIFETIME),
  claims: f.nullableObject(),
  min_remaining_ttl_seconds: f.integer(0, MAX_LIFETIME),
  token_format: f.oneOf(['opaque', 'jwt'] as const),
}
const VERIFY_FIELDS = { token: f.string({ minLength: 1, maxLength: 4096 }).required() }
const REVOKE_FIELDS = { revocation_reason: f.nullableString({ maxLength: 1024 }) }

export interface MintedM2MToken {
  record: M2MTokenRecord
  /** The token to hand out: the opaque one, or the JWT. */
  token: string
}

/**
 * Mints a token for `machine`, valid for `seconds_until_expiration` (default: the machine's `default_token_ttl`). Its
 * scopes are the machines `machine` may reach now. With `min_remaining_ttl_seconds`, an opaque token of the machine
 * with the same scopes and claims that lasts at least that long is handed out again instead.
 */
export async function createM2MToken(core: Core, machine: MachineRecord, input: unknown): Promise<MintedM2MToken> {
  const body = parseFields(input, CREATE_FIELDS)
  const lifetime = body.seconds_until_expiration ?? machine.default_token_ttl
  const minRemaining = body.min_remaining_ttl_seconds
  if (minRemaining !== undefined && minRemaining >= lifetime) {
    throw clerkError(
      400,
      'form_param_value_invalid',
      'is invalid',
      `min_remaining_ttl_seconds (${minRemaining}) must be less than the token's lifetime (${lifetime} s): no new token would last that long.`,
      { param_name: 'min_remaining_ttl_seconds' },
    )
  }
  const { machines, m2mTokens } = core.store.machineAuth
  const scopes = machines.scopedMachines(machine.id).map((scoped) => scoped.id)
  const claims = body.claims ?? null
  const format = body.token_format ?? 'opaque'
  const now = core.now()
  if (format === 'opaque' && minRemaining !== undefined) {
    const reused = m2mTokens.reusable(machine.id, scopes, claims, now + minRemaining * 1000)
    if (reused?.token) return { record: reused, token: reused.token }
  }
  const id = machineAuthId('mt')
  const issuedAt = Math.floor(now / 1000)
  const token =
    format === 'jwt'
      ? await machineJwtSigner(core.keys).m2m({
          issuer: core.frontendApiUrl(),
          machineId: machine.id,
          tokenId: id,
          scopes,
          claims,
          issuedAt,
          expiresAt: issuedAt + lifetime,
        })
      : machineAuthSecret('mt')
  const record: M2MTokenRecord = {
    id,
    machine_id: machine.id,
    token: format === 'opaque' ? token : null,
    format,
    scopes,
    claims,
    revoked: false,
    revocation_reason: null,
    expiration: format === 'jwt' ? (issuedAt + lifetime) * 1000 : now + lifetime * 1000,
    created_at: now,
    updated_at: now,
  }
  m2mTokens.insert(record)
  return { record, token }
}

/**
 * The token if it is live and, for a machine caller, meant for it: the minting machine was scoped to the caller when
 * it minted the token. Anything else is a 404, as Clerk answers a token it cannot vouch for.
 */
export function verifyM2MToken(core: Core, caller: MachineCaller, input: unknown): M2MTokenRecord {
  const { token } = parseFields(input, VERIFY_FIELDS)
  const record = core.store.machineAuth.m2mTokens.byToken(token)
  const now = core.now()
  const live = record && !record.revoked && (record.expiration === null || record.expiration > now)
  if (!record || !live || (caller.kind === 'machine' && !record.scopes.includes(caller.machine.id))) {
    const why = !record
      ? 'No such token exists'
      : !live
        ? `The token is ${record.revoked ? 'revoked' : 'expired'}`
        : `The machine that minted the token is not scoped to ${caller.kind === 'machine' ? caller.machine.id : 'the caller'}`
    throw notFound('Machine token not found', `${why}: it does not verify.`)
  }
  return record
}

/** Revokes a token; a machine may revoke the tokens it minted. */
export function revokeM2MToken(core: Core, caller: MachineCaller, tokenId: string, input: unknown): M2MTokenRecord {
  const { revocation_reason: reason = null } = parseFields(input, REVOKE_FIELDS)
  const { m2mTokens } = core.store.machineAuth
  const record = m2mTokens.get(tokenId)
  if (!record || (caller.kind === 'machine' && record.machine_id !== caller.machine.id)) {
    throw notFound('Machine token not found', `No machine token was found with id ${tokenId.slice(0, 100)}`)
  }
  if (!record.revoked) m2mTokens.revoke(record.id, reason, core.now())
  return m2mTokens.get(record.id)!
}

/** The machine whose tokens a caller may list: any, for the instance; only its own, for a machine. */
export function listableMachine(core: Core, caller: MachineCaller, subject: string): MachineRecord {
  if (caller.kind === 'machine' && caller.machine.id !== subject) {
    throw unprocessable(
      paramValueInvalid(
        'subject',
        `must be the calling machine's id (${caller.machine.id}): a machine lists only its own tokens.`,
      ),
    )
  }
  return caller.kind === 'machine' ? caller.machine : getMachine(core, subject, 'subject')
}
