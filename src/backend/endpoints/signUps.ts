// clerkClient.signUps: sign-ups in progress, read or completed by the backend (custom actions, external ids).
import { defineApi } from '../defineApi.js'
import { SignUpAttempt } from '../resources/signUpAttempt.js'

export interface UpdateSignUpParams {
  signUpAttemptId: string
  externalId?: string | null
  customAction?: boolean | null
}

export interface SignUpAPI {
  get(signUpAttemptId: string): Promise<SignUpAttempt>
  update(params: UpdateSignUpParams): Promise<SignUpAttempt>
}

export const signUps = defineApi<SignUpAPI>('signUps', 'SignUpAPI', {
  get: { method: 'GET', path: '/sign_ups/{signUpAttemptId}', args: ['signUpAttemptId'], returns: SignUpAttempt },
  update: { method: 'PATCH', path: '/sign_ups/{signUpAttemptId}', args: ['...params'], returns: SignUpAttempt },
})
