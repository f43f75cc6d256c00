// clerkClient.signInTokens: one-time tokens that sign a user in (`strategy: 'ticket'`, or the token's URL).
import { defineApi } from '../defineApi.js'
import { SignInToken } from '../resources/authTokens.js'

export interface CreateSignInTokensParams {
  userId: string
  orgId?: string
  expiresInSeconds: number
}

export interface SignInTokenAPI {
  createSignInToken(params: CreateSignInTokensParams): Promise<SignInToken>
  revokeSignInToken(signInTokenId: string): Promise<SignInToken>
}

export const signInTokens = defineApi<SignInTokenAPI>('signInTokens', 'SignInTokenAPI', {
  createSignInToken: { method: 'POST', path: '/sign_in_tokens', args: ['...params'], returns: SignInToken },
  revokeSignInToken: {
    method: 'POST',
    path: '/sign_in_tokens/{signInTokenId}/revoke',
    args: ['signInTokenId'],
    returns: SignInToken,
  },
})
