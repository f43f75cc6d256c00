// Helpers for the JSON and 0/1 columns SQLite stores for us.
/** JSON columns: objects are stored as text and parsed on read, so every read hands out a fresh copy. */
export function parseJsonObject(text: string): Record<string, unknown> {
  return JSON.parse(text) as Record<string, unknown>
}

export function parseJsonArray(text: string): string[] {
  return JSON.parse(text) as string[]
}

/** SQLite has no booleans; 0/1 columns come back as numbers. */
export const toFlag = (value: boolean): number => (value ? 1 : 0)

/** A list filter as one JSON parameter (expanded in SQL with json_each), or null when there is no filter. */
export const jsonList = (values: readonly string[] | undefined): string | null =>
  values && values.length > 0 ? JSON.stringify(values) : null
