export interface HandshakePayloadJSON {
  directives: string[]
}

/** The `Set-Cookie` directives of a handshake, fetched by nonce. */
export class HandshakePayload {
  readonly directives: string[]

  constructor(directives: string[]) {
    this.directives = directives
  }

  static fromJSON(data: HandshakePayloadJSON): HandshakePayload {
    return new HandshakePayload(Array.isArray(data?.directives) ? data.directives : [])
  }
}
