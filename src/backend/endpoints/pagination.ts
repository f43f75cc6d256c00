import type { PaginatedResourceResponse } from '../resources/deserialize'

export interface PaginationParams {
  limit?: number
  offset?: number
}

/** List calls ask for `paginated=true`; a server that still answers with a bare array gets counted here. */
export function asPage<T>(result: unknown): PaginatedResourceResponse<T[]> {
  if (Array.isArray(result)) return { data: result as T[], totalCount: result.length }
  return result as PaginatedResourceResponse<T[]>
}
