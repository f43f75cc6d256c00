// Where two outcomes differ, as a sorted list of field paths (`reason`, `auth.orgRole`,
// `location.params.redirect_url`, `headers.x-clerk-auth-message`, …).
import { isDeepStrictEqual } from 'node:util'
import type { Outcome } from './implementations.js'

export function differingFields(ours: Outcome, theirs: Outcome): string[] {
  const paths: string[] = []
  for (const key of ['status', 'reason', 'message', 'token', 'has', 'error'] as const) {
    if (!isDeepStrictEqual(ours[key], theirs[key])) paths.push(key)
  }
  paths.push(...differingEntries('auth', ours.auth, theirs.auth))
  paths.push(...differingEntries('headers', ours.headers, theirs.headers))
  if ((ours.location === null) !== (theirs.location === null)) {
    paths.push('location')
  } else if (ours.location && theirs.location) {
    if (ours.location.target !== theirs.location.target) paths.push('location.target')
    paths.push(...differingEntries('location.params', ours.location.params, theirs.location.params))
  }
  return paths.sort()
}

function differingEntries(
  prefix: string,
  ours: Record<string, unknown> | null,
  theirs: Record<string, unknown> | null,
): string[] {
  if (ours === null || theirs === null) return ours === theirs ? [] : [prefix]
  const keys = new Set([...Object.keys(ours), ...Object.keys(theirs)])
  return [...keys].filter((key) => !isDeepStrictEqual(ours[key], theirs[key])).map((key) => `${prefix}.${key}`)
}
