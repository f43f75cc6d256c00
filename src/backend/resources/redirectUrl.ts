// A URL the instance may redirect to after sign-in (native apps, extra origins).
import type { Fields } from './fields.js'

export interface RedirectUrlJSON {
  object: 'redirect_url'
  id: string
  url: string
  created_at: number
  updated_at: number
}

export class RedirectUrl {
  declare readonly id: string
  declare readonly url: string
  declare readonly createdAt: number
  declare readonly updatedAt: number

  constructor(fields: Fields<RedirectUrl>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: RedirectUrlJSON): RedirectUrl {
    return new RedirectUrl({ id: data.id, url: data.url, createdAt: data.created_at, updatedAt: data.updated_at })
  }
}
