// clerkClient.agentTasks (Clerk's private beta): tasks an agent performs on a user's behalf.
import { defineApi } from '../defineApi.js'
import { AgentTask } from '../resources/agentTask.js'

export interface CreateAgentTaskParams {
  onBehalfOf: { identifier: string; userId?: never } | { userId: string; identifier?: never }
  permissions: string
  agentName: string
  taskDescription: string
  redirectUrl: string
  sessionMaxDurationInSeconds?: number
}

export interface AgentTaskAPI {
  create(params: CreateAgentTaskParams): Promise<AgentTask>
  /** Answers the task without its URL. */
  revoke(agentTaskId: string): Promise<AgentTask>
}

export const agentTasks = defineApi<AgentTaskAPI>('agentTasks', 'AgentTaskAPI', {
  create: { method: 'POST', path: '/agents/tasks', args: ['...params'], deep: true, returns: AgentTask },
  revoke: { method: 'POST', path: '/agents/tasks/{agentTaskId}/revoke', args: ['agentTaskId'], returns: AgentTask },
})
