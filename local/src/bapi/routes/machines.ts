// `/v1/machines`: machines, their secret keys and the machines each may mint M2M tokens for.
import { Hono } from 'hono'
import type { Core } from '../../core/core.js'
import { deletedJson } from '../../backendJson/common.js'
import {
  deletedMachineScopeJson,
  machineJson,
  machineScopeJson,
  machineSecretKeyJson,
} from '../../backendJson/machineAuth.js'
import type { MachineRecord } from '../../store/machineStore.js'
import {
  addMachineScope,
  createMachine,
  deleteMachine,
  getMachine,
  removeMachineScope,
  rotateMachineSecretKey,
  updateMachine,
} from '../../services/machines.js'
import { readJsonBody } from '../../http/body.js'
import { json } from '../../http/respond.js'
import { PAGE_PARAMS, Query } from '../query.js'

export function machineRoutes(core: Core): Hono {
  const app = new Hono()
  const { store } = core
  const { machines } = store.machineAuth
  const machineBody = (machine: MachineRecord, withSecretKey = false) =>
    machineJson(machine, machines.scopedMachines(machine.id), core.keys.instanceId, withSecretKey)

  app.get('/', (c) => {
    const query = new Query(c.req.url, ['query', 'order_by', 'paginated', ...PAGE_PARAMS])
    const filter = query.string('query') || undefined
    const order = query.order(['name', 'created_at'] as const, '-created_at')
    const page = machines.list({ query: filter, order, ...query.page() }).map((machine) => machineBody(machine))
    return json({ data: page, total_count: machines.count(filter) })
  })

  app.post('/', async (c) => {
    const body = await readJsonBody(c)
    return json(
      machineBody(
        store.transaction(() => createMachine(core, body)),
        true,
      ),
    )
  })

  app.get('/:machine_id', (c) => json(machineBody(getMachine(core, c.req.param('machine_id')))))

  app.patch('/:machine_id', async (c) => {
    const body = await readJsonBody(c)
    const machineId = c.req.param('machine_id')
    return json(machineBody(store.transaction(() => updateMachine(core, machineId, body))))
  })

  app.delete('/:machine_id', (c) => {
    const machineId = c.req.param('machine_id')
    store.transaction(() => deleteMachine(core, machineId))
    return json(deletedJson('machine', machineId))
  })

  app.get('/:machine_id/secret_key', (c) =>
    json(machineSecretKeyJson(getMachine(core, c.req.param('machine_id')).secret_key)),
  )

  app.post('/:machine_id/secret_key/rotate', async (c) => {
    const body = await readJsonBody(c)
    const machineId = c.req.param('machine_id')
    return json(machineSecretKeyJson(store.transaction(() => rotateMachineSecretKey(core, machineId, body)).secret_key))
  })

  app.post('/:machine_id/scopes', async (c) => {
    const body = await readJsonBody(c)
    const machineId = c.req.param('machine_id')
    const { to, createdAt } = store.transaction(() => addMachineScope(core, machineId, body))
    return json(machineScopeJson(machineId, to, createdAt))
  })

  app.delete('/:machine_id/scopes/:other_machine_id', (c) => {
    const { machine_id: machineId, other_machine_id: other } = c.req.param()
    store.transaction(() => removeMachineScope(core, machineId, other))
    return json(deletedMachineScopeJson(machineId, other))
  })

  return app
}
