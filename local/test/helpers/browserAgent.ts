/**
 * A tiny stand-in for a browser over real HTTP: cookies kept per origin (Set-Cookie applied, Max-Age=0 deletes),
 * redirects followed by hand so each hop can be asserted, and document navigations sent with the headers a
 * browser sends (Sec-Fetch-Dest: document, Accept: text/html), which is what makes Clerk SDKs handshake.
 */
export interface Hop {
  url: string
  status: number
  location: string | null
  setCookies: string[]
  response: Response
}

export class BrowserAgent {
  /** origin → cookie name → value */
  readonly jars = new Map<string, Map<string, string>>()

  jar(origin: string): Map<string, string> {
    let jar = this.jars.get(origin)
    if (!jar) this.jars.set(origin, (jar = new Map()))
    return jar
  }

  /** Stores a Set-Cookie value for the URL's origin, as if that origin had sent it. */
  store(url: string, setCookie: string): void {
    applySetCookie(this.jar(new URL(url).origin), setCookie)
  }

  cookies(url: string): Record<string, string> {
    return Object.fromEntries(this.jar(new URL(url).origin))
  }

  /** One request, no redirect followed; cookies of the URL's origin are sent and Set-Cookie is applied. */
  async request(url: string, init: RequestInit & { document?: boolean; origin?: string } = {}): Promise<Hop> {
    const { document = true, origin, ...rest } = init
    const headers = new Headers(rest.headers)
    const jar = this.jar(new URL(url).origin)
    if (jar.size > 0) headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '))
    if (document) {
      headers.set('accept', 'text/html,application/xhtml+xml')
      headers.set('sec-fetch-dest', 'document')
    }
    if (origin) headers.set('origin', origin)
    const response = await fetch(url, { ...rest, headers, redirect: 'manual' })
    const setCookies = response.headers.getSetCookie()
    for (const line of setCookies) applySetCookie(jar, line)
    const location = response.headers.get('location')
    return { url, status: response.status, location: location && new URL(location, url).href, setCookies, response }
  }

  /** POSTs an HTML form (urlencoded) with the Origin a browser would send from `origin`'s page; no redirect followed. */
  postForm(url: string, fields: Record<string, string>, origin: string | null = new URL(url).origin): Promise<Hop> {
    return this.request(url, {
      method: 'POST',
      ...(origin === null ? {} : { origin }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    })
  }

  /** Follows redirects (GET after 303, same method otherwise, as for our GETs) and returns every hop. */
  async navigate(url: string, init: RequestInit & { origin?: string } = {}, maxHops = 10): Promise<Hop[]> {
    const hops: Hop[] = []
    let next: { url: string; init: RequestInit & { origin?: string } } | undefined = { url, init }
    while (next) {
      if (hops.length >= maxHops)
        throw new Error(`more than ${maxHops} redirects: ${hops.map((h) => h.url).join(' → ')}`)
      const hop = await this.request(next.url, next.init)
      hops.push(hop)
      next = hop.location && hop.status >= 300 && hop.status < 400 ? { url: hop.location, init: {} } : undefined
    }
    return hops
  }
}

function applySetCookie(jar: Map<string, string>, line: string): void {
  const [pair, ...attributes] = line.split(';').map((part) => part.trim())
  const at = pair!.indexOf('=')
  const name = pair!.slice(0, at)
  const value = decodeURIComponent(pair!.slice(at + 1))
  const maxAge = attributes.find((a) => a.toLowerCase().startsWith('max-age='))
  if (maxAge && Number(maxAge.slice(8)) <= 0) jar.delete(name)
  else jar.set(name, value)
}
