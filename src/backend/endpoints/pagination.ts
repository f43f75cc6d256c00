// What list endpoints share: their paging parameters, sort orders, and the `{ data, totalCount }` shape.
import type { PaginatedResourceResponse } from '../resources/deserialize.js'

export interface PaginationParams {
  limit?: number
  offset?: number
}

/** A sort field, optionally prefixed with `+` (ascending) or `-` (descending). */
export type WithSign<T extends string> = T | `+${T}` | `-${T}`

/** List calls ask for `paginated=true`; a server that still answers with a bare array gets counted here. */
export function asPage<T>(result: unknown): PaginatedResourceResponse<T[]> {
  if (Array.isArray(result)) return { data: result as T[], totalCount: result.length }
  return result as PaginatedResourceResponse<T[]>
}
