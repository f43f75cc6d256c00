// An agent task (Clerk's private beta): an agent acting for a user, with a URL that starts the task's session.
import type { Fields } from './fields.js'

export interface AgentTaskJSON {
  object: 'agent_task'
  agent_id: string
  agent_task_id?: string
  task_id?: string
  url: string
}

export class AgentTask {
  declare readonly agentId: string
  /** The same value as agentTaskId (older API versions call it `task_id`). */
  declare readonly taskId: string
  declare readonly agentTaskId: string
  declare readonly url: string

  constructor(fields: Fields<AgentTask>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: AgentTaskJSON): AgentTask {
    const agentTaskId = data.agent_task_id ?? data.task_id ?? ''
    return new AgentTask({ agentId: data.agent_id, taskId: agentTaskId, agentTaskId, url: data.url })
  }
}
