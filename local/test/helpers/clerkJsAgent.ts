import { BrowserAgent } from './browserAgent.js'

const CLERK_JS_VERSION = '5.128.0'
export const APP_ORIGIN = 'http://localhost:3000'

export interface FapiAnswer {
  status: number
  // Tests read fields freely; each assertion pins the exact value.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any
  headers: Headers
  setCookies: string[]
}

/**
 * Calls the Frontend API the way ClerkJS does: GET or POST only (`_method` for the rest), form-encoded bodies,
 * `__clerk_api_version` and `_clerk_js_version` on every URL, the page's Origin, and the browser's cookies.
 */
export class ClerkJsAgent {
  readonly browser = new BrowserAgent()

  constructor(
    readonly fapiUrl: string,
    readonly origin: string | null = APP_ORIGIN,
  ) {}

  cookie(name: string): string | undefined {
    return this.browser.cookies(this.fapiUrl)[name]
  }

  /**
   * `fields` form-encoded, an array as a repeated field (as ClerkJS sends arrays); a FormData as multipart (uploads);
   * a string as the raw body, as ClerkJS sends a file given as a data URL (`application/octet-stream`).
   */
  async call(
    method: string,
    path: string,
    fields: Record<string, string | readonly string[]> | FormData | string = {},
    query: Record<string, string> = {},
  ): Promise<FapiAnswer> {
    const url = new URL(path, this.fapiUrl)
    url.searchParams.set('__clerk_api_version', '2025-11-10')
    url.searchParams.set('_clerk_js_version', CLERK_JS_VERSION)
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value)
    if (method !== 'GET' && method !== 'POST') url.searchParams.set('_method', method)
    const form = new URLSearchParams()
    if (typeof fields === 'object' && !(fields instanceof FormData)) {
      for (const [name, value] of Object.entries(fields))
        for (const one of typeof value === 'string' ? [value] : value) form.append(name, one)
    }
    const body =
      fields instanceof FormData
        ? { body: fields }
        : typeof fields === 'string'
          ? { headers: { 'content-type': 'application/octet-stream' }, body: fields }
          : { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() }
    const hop = await this.browser.request(url.href, {
      method: method === 'GET' ? 'GET' : 'POST',
      document: false,
      ...(this.origin === null ? {} : { origin: this.origin }),
      ...(method === 'GET' ? {} : body),
    })
    const text = await hop.response.text()
    return {
      status: hop.status,
      body: text ? JSON.parse(text) : undefined,
      headers: hop.response.headers,
      setCookies: hop.setCookies,
    }
  }

  /** Identifier, then password: ClerkJS's two-step sign-in. Returns the completed answer. */
  async signInWithPassword(identifier: string, password: string): Promise<FapiAnswer> {
    const started = await this.call('POST', '/v1/client/sign_ins', { identifier, locale: 'en-US' })
    if (started.status !== 200) return started
    return this.call('POST', `/v1/client/sign_ins/${started.body.response.id}/attempt_first_factor`, {
      strategy: 'password',
      password,
    })
  }
}
