// A secret key must never leave the process through an error message, a log line or page data.

/** `sk_live_abc…` → `sk_live_…`: enough to tell which key was used, useless to an attacker. */
function redactSecretKey(secretKey: string): string {
  const prefix = /^(sk_(?:live|test)_)/.exec(secretKey)?.[1] ?? secretKey.slice(0, 3)
  return `${prefix}…`
}

/** Replaces every occurrence of the key in text that came from elsewhere (a fetch error, a server body). */
export function scrubSecretKey(text: string, secretKey: string | undefined): string {
  if (!secretKey || !text.includes(secretKey)) return text
  return text.split(secretKey).join(redactSecretKey(secretKey))
}
