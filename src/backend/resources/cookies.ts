export interface CookiesJSON {
  object: 'cookies'
  cookies: string[]
}

/** `Set-Cookie` values, as returned by `sessions.refreshSession(…, { format: 'cookie' })`. */
export class Cookies {
  readonly cookies: string[]

  constructor(cookies: string[]) {
    this.cookies = cookies
  }

  static fromJSON(data: CookiesJSON): Cookies {
    return new Cookies(data.cookies ?? [])
  }
}
