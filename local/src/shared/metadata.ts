// Clerk's metadata merge (`PATCH …/metadata`): a deep merge where `null` removes a key, at any depth.

type Metadata = Record<string, unknown>

const isObject = (value: unknown): value is Metadata =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * `patch` merged into `current`, as Clerk's `update…Metadata` calls do: nested objects merge key by key, a `null`
 * deletes the key, anything else (arrays included) replaces the old value. Neither argument is changed.
 */
export function mergeMetadata(current: Metadata, patch: Metadata): Metadata {
  const merged: Metadata = { ...current }
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key]
    else if (isObject(value)) merged[key] = mergeMetadata(isObject(merged[key]) ? merged[key] : {}, value)
    else merged[key] = value
  }
  return merged
}
