// Machines: create, read, change and delete them, their secret keys (with a grace period for the previous key after
// a rotation) and the machines each may mint M2M tokens for (at most 150, as on Clerk).
import type { Core } from '../core/core.js'
import { clerkError, notFound, paramValueInvalid, unprocessable } from '../shared/errors.js'
import { machineAuthId, machineAuthSecret } from '../shared/machineIds.js'
import type { MachineRecord } from '../store/machineStore.js'
import { f, parseFields } from '../validation/schema.js'

/** A token minted without `seconds_until_expiration` lasts an hour, unless the machine says otherwise. */
const DEFAULT_TOKEN_TTL = 3600
const MAX_TOKEN_TTL = 315_360_000
const MAX_SCOPES = 150
/** How long the previous secret key may keep working after a rotation: 8 hours at most, as on Clerk. */
const MAX_PREVIOUS_KEY_TTL = 28_800

const name = () => f.string({ minLength: 1, maxLength: 256 })
const CREATE_FIELDS = {
  name: name().required(),
  scoped_machines: f.stringArray({ minLength: 1, maxLength: 64 }, MAX_SCOPES),
  default_token_ttl: f.integer(1, MAX_TOKEN_TTL),
}
const UPDATE_FIELDS = { name: name(), default_token_ttl: f.integer(1, MAX_TOKEN_TTL) }
const ROTATE_FIELDS = { previous_token_ttl: f.integer(0, MAX_PREVIOUS_KEY_TTL).required() }
const SCOPE_FIELDS = { to_machine_id: f.string({ minLength: 1, maxLength: 64 }).required() }

export function createMachine(core: Core, input: unknown): MachineRecord {
  const body = parseFields(input, CREATE_FIELDS)
  const scoped = [...new Set(body.scoped_machines ?? [])]
  for (const id of scoped) getMachine(core, id, 'scoped_machines')
  const now = core.now()
  const machine: MachineRecord = {
    id: machineAuthId('mch'),
    name: body.name,
    default_token_ttl: body.default_token_ttl ?? DEFAULT_TOKEN_TTL,
    secret_key: machineAuthSecret('ak'),
    previous_secret_key: null,
    previous_secret_key_expires_at: null,
    created_at: now,
    updated_at: now,
  }
  const { machines } = core.store.machineAuth
  machines.insert(machine)
  for (const id of scoped) machines.addScope(machine.id, id, now)
  return machine
}

export function getMachine(core: Core, machineId: string, param?: string): MachineRecord {
  const machine = core.store.machineAuth.machines.get(machineId)
  if (!machine) {
    throw notFound(
      'Machine not found',
      `No machine was found with id ${machineId.slice(0, 100)}`,
      param ? { param_name: param } : {},
    )
  }
  return machine
}

export function updateMachine(core: Core, machineId: string, input: unknown): MachineRecord {
  const machine = getMachine(core, machineId)
  const body = parseFields(input, UPDATE_FIELDS)
  const updated: MachineRecord = {
    ...machine,
    name: body.name ?? machine.name,
    default_token_ttl: body.default_token_ttl ?? machine.default_token_ttl,
    updated_at: core.now(),
  }
  core.store.machineAuth.machines.update(updated)
  return updated
}

/** Deletes the machine, its scopes both ways and its M2M tokens (they no longer verify). */
export function deleteMachine(core: Core, machineId: string): void {
  if (!core.store.machineAuth.machines.delete(machineId)) getMachine(core, machineId)
}

/**
 * A new secret key; the previous one keeps working for `previous_token_ttl` seconds (0: not at all), so that the
 * services using it can move over.
 */
export function rotateMachineSecretKey(core: Core, machineId: string, input: unknown): MachineRecord {
  const machine = getMachine(core, machineId)
  const { previous_token_ttl: grace } = parseFields(input, ROTATE_FIELDS)
  const now = core.now()
  const rotated: MachineRecord = {
    ...machine,
    secret_key: machineAuthSecret('ak'),
    previous_secret_key: grace > 0 ? machine.secret_key : null,
    previous_secret_key_expires_at: grace > 0 ? now + grace * 1000 : null,
    updated_at: now,
  }
  core.store.machineAuth.machines.update(rotated)
  return rotated
}

/** Lets `machineId` mint tokens that `to_machine_id` accepts; returns when the scope was created. */
export function addMachineScope(core: Core, machineId: string, input: unknown): { to: string; createdAt: number } {
  const from = getMachine(core, machineId)
  const { to_machine_id: to } = parseFields(input, SCOPE_FIELDS)
  getMachine(core, to, 'to_machine_id')
  const { machines } = core.store.machineAuth
  if (!machines.hasScope(from.id, to) && machines.scopedMachines(from.id).length >= MAX_SCOPES) {
    throw unprocessable(
      paramValueInvalid('to_machine_id', `cannot be added: a machine may be scoped to at most ${MAX_SCOPES} machines.`),
    )
  }
  return { to, createdAt: machines.addScope(from.id, to, core.now()) }
}

export function removeMachineScope(core: Core, machineId: string, otherMachineId: string): void {
  getMachine(core, machineId)
  if (!core.store.machineAuth.machines.removeScope(machineId, otherMachineId)) {
    throw notFound('Machine scope not found', `Machine ${machineId} is not scoped to ${otherMachineId.slice(0, 100)}.`)
  }
}

/** The machine a secret key belongs to (its current key, or the previous one within its grace period); else a 401. */
export function machineForSecretKey(core: Core, secretKey: string): MachineRecord {
  const machine = core.store.machineAuth.machines.byKey(secretKey, core.now())
  if (!machine) {
    const message = 'The provided Machine Secret Key is invalid. Make sure that your Machine Secret Key is correct.'
    throw clerkError(401, 'machine_secret_key_invalid', message, message)
  }
  return machine
}
