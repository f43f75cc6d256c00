// clerkClient.idPOAuthAccessToken: verifying an access token the instance issued as an OAuth provider
// (a versionless endpoint).
import { ClerkClientError } from '../errors.js'
import { defineApi } from '../defineApi.js'
import { IdPOAuthAccessToken } from '../resources/oauthApplication.js'
import { quote } from '../../shared/quote.js'

export interface VerifyIdPOAuthAccessTokenOptions {
  /** Accept the token only if its `aud` names one of these. */
  audience?: string | string[]
}

export interface IdPOAuthAccessTokenAPI {
  verify(accessToken: string, options?: VerifyIdPOAuthAccessTokenOptions): Promise<IdPOAuthAccessToken>
}

export const idPOAuthAccessToken = defineApi<IdPOAuthAccessTokenAPI>(
  'idPOAuthAccessToken',
  'IdPOAuthAccessTokenAPI',
  {
    verify: {
      method: 'POST',
      path: '/oauth_applications/access_tokens/verify',
      args: ['access_token', 'options?'],
      returns: IdPOAuthAccessToken,
      note: 'With `audience`, the token must name one of them in `aud`.',
      async run({ send }, accessToken, options = {}) {
        const token = (await send([accessToken])) as IdPOAuthAccessToken
        checkAudience(token.aud, options.audience)
        return token
      },
    },
  },
  { versionless: true },
)

/** As @clerk/backend checks it: with an expected audience, the token's `aud` must be non-empty and name one. */
function checkAudience(aud: unknown, audience: string | string[] | undefined): void {
  const expected = [audience].flat().filter((value): value is string => !!value)
  if (expected.length === 0) return
  const actual = aud ? [aud].flat() : []
  const wellFormed = actual.length > 0 && actual.every((value) => typeof value === 'string' && value.length > 0)
  if (!wellFormed || !actual.some((value) => expected.includes(value as string))) {
    throw new ClerkClientError(
      'argument_invalid',
      `idPOAuthAccessToken.verify: the token's audience ${quote(aud)} does not include ${quote(expected)}: ` +
        'check the audience option, or which application the token was issued for.',
    )
  }
}
