// Identifiers and secrets of machine authentication, in Clerk's forms: machines `mch_…`, M2M tokens `mt_…`, API
// keys `ak_…` (a machine's secret key too), OAuth access tokens `oat_…`, OAuth clients `client_…`. An id and the
// secret of the same object share the prefix, as on Clerk; the secret is longer and drawn separately, so an id
// (which travels in lists and logs) says nothing of it.
import { randomBase62 } from './ids.js'

export type MachineAuthPrefix = 'mch' | 'mt' | 'ak' | 'oat' | 'client'

export const machineAuthId = (prefix: MachineAuthPrefix): string => `${prefix}_${randomBase62(27)}`

/** A credential: 40 random base62 characters (238 bits) after the prefix. */
export const machineAuthSecret = (prefix: Exclude<MachineAuthPrefix, 'mch' | 'client'>): string =>
  `${prefix}_${randomBase62(40)}`
