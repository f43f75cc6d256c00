// The credential of the M2M token endpoints: the instance's secret key (every machine's tokens) or a machine's secret
// key (that machine's own), as `Authorization: Bearer …`.
import { createHash, timingSafeEqual } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import type { Core } from '../core/core.js'
import { clerkError } from '../shared/errors.js'
import { INSTANCE_CALLER, type MachineCaller } from '../services/machineCaller.js'
import { machineForSecretKey } from '../services/machines.js'

export type MachineCallerEnv = { Variables: { caller: MachineCaller } }

const digest = (value: string) => createHash('sha256').update(value).digest()

/** Sets `c.var.caller`; a missing or unknown key is Clerk's 401. */
export function machineOrInstanceKey(core: Core): MiddlewareHandler<MachineCallerEnv> {
  const instanceKey = digest(core.keys.secretKey)
  return async (c, next) => {
    const header = c.req.header('authorization')
    const match = header ? /^Bearer (\S+)$/.exec(header.trim()) : null
    if (!match) {
      throw clerkError(
        401,
        'authorization_header_format_invalid',
        'Invalid Authorization header format',
        "Invalid Authorization header format. Must be 'Bearer <YOUR_MACHINE_SECRET_KEY>' (or the instance's secret key).",
      )
    }
    const key = match[1]!
    c.set(
      'caller',
      timingSafeEqual(digest(key), instanceKey)
        ? INSTANCE_CALLER
        : { kind: 'machine', machine: machineForSecretKey(core, key) },
    )
    await next()
  }
}
