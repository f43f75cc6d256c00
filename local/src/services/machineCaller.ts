// Who calls the M2M token endpoints: the instance (its secret key) or one machine (its machine secret key). The
// endpoints answer the instance for every machine, a machine only for itself.
import type { MachineRecord } from '../store/machineStore.js'

export type MachineCaller =
  { readonly kind: 'instance' } | { readonly kind: 'machine'; readonly machine: MachineRecord }

export const INSTANCE_CALLER: MachineCaller = Object.freeze({ kind: 'instance' })
