// clerkClient.actorTokens: impersonation. A session started with one carries the actor in its `act` claim.
import { defineApi } from '../defineApi.js'
import { ActorToken } from '../resources/authTokens.js'

export interface ActorTokenActorCreateParams {
  /** The impersonator's user id. */
  sub: string
  additionalProperties?: Record<string, unknown>
}

export interface ActorTokenCreateParams {
  userId: string
  /** Sent as written (its keys are the `act` claim's). */
  actor: ActorTokenActorCreateParams
  expiresInSeconds?: number | undefined
  sessionMaxDurationInSeconds?: number | undefined
}

export interface ActorTokenAPI {
  create(params: ActorTokenCreateParams): Promise<ActorToken>
  revoke(actorTokenId: string): Promise<ActorToken>
}

export const actorTokens = defineApi<ActorTokenAPI>('actorTokens', 'ActorTokenAPI', {
  create: { method: 'POST', path: '/actor_tokens', args: ['...params'], returns: ActorToken },
  revoke: { method: 'POST', path: '/actor_tokens/{actorTokenId}/revoke', args: ['actorTokenId'], returns: ActorToken },
})
