// Every `Location` the library writes is decided here, once: an absolute URL for a redirect that leaves the app (the
// Frontend API's handshake, a satellite, the primary's sign-in page), or a path for one that stays on the request's
// origin (the clean URL after a handshake). Later steps may only append to the string this returns
// (`withQueryParameter`), never parse and rebuild it: `new URL('/.//evil.com', base).pathname` is `//evil.com`.

/**
 * The `Location` for `url`. `sameOrigin`: written as a path, so that no proxy header can send the browser to another
 * host, and never as one that starts with `//` (a browser reads `//evil.com/phish` as another host; `/\`, tabs and
 * newlines in the request all parse to such a path). `/.` in front is removed by every URL resolver, so the page
 * stays exactly the same while the reference can no longer name a host.
 */
export function redirectLocation(url: URL, where: 'same-origin' | 'absolute'): string {
  if (where === 'absolute') return url.href
  const { pathname, search } = url
  return `${pathname.startsWith('//') ? `/.${pathname}` : pathname}${search}`
}

/**
 * `location` with `name=value` added to its query, by appending text: the path and host it names stay exactly what
 * `redirectLocation` decided.
 */
export function withQueryParameter(location: string, name: string, value: string): string {
  const hash = location.indexOf('#')
  const [before, fragment] = hash === -1 ? [location, ''] : [location.slice(0, hash), location.slice(hash)]
  const separator = !before.includes('?') ? '?' : before.endsWith('?') || before.endsWith('&') ? '' : '&'
  return `${before}${separator}${encodeURIComponent(name)}=${encodeURIComponent(value)}${fragment}`
}
