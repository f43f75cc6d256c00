export interface TokenJSON {
  object: 'token'
  jwt: string
}

/**
 * A JWT minted by the Backend API. `JSON.stringify(token)` is `{"jwt":"…"}`, so `json({ token })` in a
 * loader sends it as is. Frozen: a token can be shared by concurrent callers and must not change.
 */
export class Token {
  readonly jwt: string

  constructor(jwt: string) {
    this.jwt = jwt
    Object.freeze(this)
  }

  static fromJSON(data: TokenJSON): Token {
    // A token object without a JWT is a broken response, reported as such rather than as `{}`.
    if (typeof data.jwt !== 'string' || !data.jwt) throw new TypeError('A token object must carry a jwt string.')
    return new Token(data.jwt)
  }
}
