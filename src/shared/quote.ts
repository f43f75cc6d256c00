// Values from outside (token claims, options, arguments) quoted in messages and headers: short, printable, and in the
// JSON form upstream uses, so that hostile input stays readable and cannot forge a line or a header.

/** At most `max` characters (then `…`), every character outside printable ASCII shown as `?`. */
export function printable(text: string, max = 100): string {
  return (text.length > max ? `${text.slice(0, max)}…` : text).replace(/[^\x20-\x7e…]/g, '?')
}

/**
 * `"text"` for a string, JSON for an object or array (as upstream quotes claim values), and `String(value)` for
 * anything JSON cannot show as it is (`NaN`, `undefined`, a bigint), made `printable`.
 */
export function quote(value: unknown, max = 100): string {
  return printable(asJson(value) ?? String(value), max)
}

function asJson(value: unknown): string | undefined {
  if (typeof value === 'number' || typeof value === 'bigint') return String(value)
  try {
    return JSON.stringify(value)
  } catch {
    return undefined // a cycle
  }
}
