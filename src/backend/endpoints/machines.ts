// clerkClient.machines: machines, their secret keys, and which machines each may mint M2M tokens for.
import { defineApi } from '../defineApi.js'
import type { DeletedObject } from '../resources/deletedObject.js'
import type { PaginatedResourceResponse } from '../resources/deserialize.js'
import { Machine, MachineScope, MachineSecretKey } from '../resources/machine.js'
import type { PaginationParams, WithSign } from './pagination.js'

export interface CreateMachineParams {
  name: string
  scopedMachines?: string[]
  defaultTokenTtl?: number
}

export interface UpdateMachineParams {
  machineId: string
  name?: string
  defaultTokenTtl?: number
}

export interface GetMachineListParams extends PaginationParams {
  orderBy?: WithSign<'name' | 'created_at'>
  query?: string
}

export interface RotateMachineSecretKeyParams {
  machineId: string
  /** Seconds the previous key keeps working. */
  previousTokenTtl: number
}

export interface MachineAPI {
  get(machineId: string): Promise<Machine>
  list(params?: GetMachineListParams): Promise<PaginatedResourceResponse<Machine[]>>
  create(params: CreateMachineParams): Promise<Machine>
  update(params: UpdateMachineParams): Promise<Machine>
  delete(machineId: string): Promise<DeletedObject>
  getSecretKey(machineId: string): Promise<MachineSecretKey>
  rotateSecretKey(params: RotateMachineSecretKeyParams): Promise<MachineSecretKey>
  /** Lets `machineId` mint tokens for `toMachineId`. */
  createScope(machineId: string, toMachineId: string): Promise<MachineScope>
  /** The Backend API answers `{ object: 'machine_scope', …, deleted: true }`, read as a DeletedObject. */
  deleteScope(machineId: string, otherMachineId: string): Promise<DeletedObject>
}

const MACHINE = '/machines/{machineId}'

export const machines = defineApi<MachineAPI>('machines', 'MachineAPI', {
  get: { method: 'GET', path: MACHINE, args: ['machineId'], returns: Machine },
  list: { method: 'GET', path: '/machines', args: ['...params?'], returns: { page: Machine } },
  create: { method: 'POST', path: '/machines', args: ['...params'], returns: Machine },
  update: { method: 'PATCH', path: MACHINE, args: ['...params'], returns: Machine },
  delete: { method: 'DELETE', path: MACHINE, args: ['machineId'], returns: 'DeletedObject' },
  getSecretKey: { method: 'GET', path: `${MACHINE}/secret_key`, args: ['machineId'], returns: MachineSecretKey },
  rotateSecretKey: {
    method: 'POST',
    path: `${MACHINE}/secret_key/rotate`,
    args: ['...params'],
    returns: MachineSecretKey,
  },
  createScope: { method: 'POST', path: `${MACHINE}/scopes`, args: ['machineId', 'toMachineId'], returns: MachineScope },
  deleteScope: {
    method: 'DELETE',
    path: `${MACHINE}/scopes/{otherMachineId}`,
    args: ['machineId', 'otherMachineId'],
    returns: 'DeletedObject',
  },
})
