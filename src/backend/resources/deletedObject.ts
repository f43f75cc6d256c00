import type { Fields } from './fields.js'

export interface DeletedObjectJSON {
  object: string
  id?: string | null
  slug?: string | null
  deleted: boolean
}

/** What a DELETE answers: which object (`user`, `jwt_template`, …) was deleted. */
export class DeletedObject {
  declare readonly object: string
  declare readonly id: string | null
  declare readonly slug: string | null
  declare readonly deleted: boolean

  constructor(fields: Fields<DeletedObject>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: DeletedObjectJSON): DeletedObject {
    return new DeletedObject({
      object: data.object,
      id: data.id || null,
      slug: data.slug || null,
      deleted: data.deleted,
    })
  }
}
