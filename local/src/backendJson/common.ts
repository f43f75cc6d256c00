// The small JSON wrappers (deleted, total count, paginated list) every Backend API answer shares.
export const deletedJson = (object: string, id: string) => ({ object, id, deleted: true })

export const totalCountJson = (totalCount: number) => ({ object: 'total_count', total_count: totalCount })

/** `{data, total_count}` when the caller asked for `paginated=true`, else the bare array. */
export const listJson = <T>(data: T[], totalCount: number, paginated: boolean) =>
  paginated ? { data, total_count: totalCount } : data
