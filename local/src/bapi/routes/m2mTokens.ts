// `/m2m_tokens` (no API version in the path, as @clerk/backend calls it): a machine mints, verifies, lists and
// revokes M2M tokens with its machine secret key; the instance's secret key may verify, list and revoke any.
import { Hono } from 'hono'
import type { Core } from '../../core/core.js'
import { clerkError } from '../../shared/errors.js'
import { m2mTokenJson } from '../../backendJson/machineAuth.js'
import { createM2MToken, listableMachine, revokeM2MToken, verifyM2MToken } from '../../services/m2mTokens.js'
import { readJsonBody } from '../../http/body.js'
import { json } from '../../http/respond.js'
import { type MachineCallerEnv, machineOrInstanceKey } from '../machineCredentials.js'
import { PAGE_PARAMS, Query } from '../query.js'

export function m2mTokenRoutes(core: Core): Hono<MachineCallerEnv> {
  const app = new Hono<MachineCallerEnv>()
  const { store } = core
  const { m2mTokens } = store.machineAuth
  app.use(machineOrInstanceKey(core))

  app.get('/', (c) => {
    const query = new Query(c.req.url, ['subject', 'revoked', 'expired', ...PAGE_PARAMS])
    const machine = listableMachine(core, c.var.caller, query.string('subject') ?? '')
    const now = core.now()
    const filter = { machine_id: machine.id, revoked: query.boolean('revoked'), expired: query.boolean('expired'), now }
    const { limit, offset } = query.page()
    return json({
      data: m2mTokens.list(filter, limit, offset).map((token) => m2mTokenJson(token, now)),
      total_count: m2mTokens.count(filter),
    })
  })

  app.post('/', async (c) => {
    const { caller } = c.var
    if (caller.kind !== 'machine') {
      const message =
        'M2M tokens are minted by a machine: authenticate with the machine secret key of the machine that mints it.'
      throw clerkError(403, 'machine_secret_key_required', 'A machine secret key is required', message)
    }
    const body = await readJsonBody(c)
    const { record, token } = await createM2MToken(core, caller.machine, body)
    return json({ ...m2mTokenJson(record, core.now()), token })
  })

  app.post('/verify', async (c) => {
    const body = await readJsonBody(c)
    return json(m2mTokenJson(verifyM2MToken(core, c.var.caller, body), core.now()))
  })

  app.post('/:m2m_token_id/revoke', async (c) => {
    const body = await readJsonBody(c)
    const id = c.req.param('m2m_token_id')
    return json(
      m2mTokenJson(
        store.transaction(() => revokeM2MToken(core, c.var.caller, id, body)),
        core.now(),
      ),
    )
  })

  return app
}
