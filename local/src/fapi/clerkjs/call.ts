// One ClerkJS request: who sent it (the page's origin, checked), what it asks (the method behind `_method`, the
// form fields), which browser client it comes from (the `__client` cookie), and the cookies the answer sets.
import type { Context } from 'hono'
import type { Core } from '../../core/core.js'
import { MAX_UPLOAD_BYTES, mediaTypeOf, readLimitedBytes, readLimitedText, readMultipart } from '../../http/body.js'
import { clerkError, notSupported } from '../../shared/errors.js'
import { detachClient } from '../../services/clients.js'
import type { ClientRecord } from '../../store/clientStore.js'
import type { SessionRecord } from '../../store/sessionStore.js'
import { clientSetCookie, cookieClient, ensureCookieClient, expiredClientCookie } from '../clientCookie.js'
import { isOwnOrigin } from '../ownOrigin.js'
import type { Viewer } from './frontendJson.js'

export type FapiMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
const OVERRIDES: readonly FapiMethod[] = ['PUT', 'PATCH', 'DELETE']

const originRefused = (detail: string) =>
  clerkError(
    403,
    'origin_not_allowed',
    'Origin not allowed',
    `${detail} Add the origin with the allowedOrigins option or the --allowed-origin flag.`,
  )

/**
 * The Frontend API's defence against cross-site request forgery: ClerkJS sends simple form POSTs with the
 * browser's cookies, which any site could also send. Browsers put the page's `Origin` on every POST (and on
 * cross-origin GETs), and no page can forge it: so a request from an origin that is not allowed is refused, and
 * so is a POST without one. This server's own origin is always allowed: its hosted pages (the local Account Portal)
 * run ClerkJS there, whatever the list of app origins says.
 */
function checkedOrigin(core: Core, c: Context): string | undefined {
  const origin = c.req.header('origin')
  if (origin === undefined) {
    if (c.req.method !== 'GET')
      throw originRefused('This request carries no Origin header, so it cannot be told apart from a forged one.')
    return undefined
  }
  if (!core.allowedOrigins.allows(origin) && !isOwnOrigin(core, c, origin))
    throw originRefused(`Requests from ${origin.slice(0, 200)} are not allowed.`)
  return origin
}

/** ClerkJS sends only GET and POST; DELETE, PATCH and PUT arrive as POST with `?_method=…`. */
function effectiveMethod(c: Context): FapiMethod {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return 'GET'
  const override = c.req.query('_method')
  if (override === undefined) return 'POST'
  const method = override.toUpperCase() as FapiMethod
  if (!OVERRIDES.includes(method))
    throw notSupported(`The method ${JSON.stringify(override.slice(0, 20))}`, 'use PUT, PATCH or DELETE', 405)
  return method
}

/**
 * The fields of a POST: form-encoded, as ClerkJS sends them, or an image upload (`setLogo`, `setProfileImage`):
 * multipart with a `file` part, or, when the page passed a string, the raw body (`application/octet-stream`), which
 * becomes the `file` part here.
 */
async function readForm(c: Context): Promise<URLSearchParams | FormData> {
  if (c.req.method !== 'POST') return new URLSearchParams()
  const mediaType = mediaTypeOf(c)
  if (mediaType === 'multipart/form-data') return readMultipart(c, MAX_UPLOAD_BYTES)
  if (mediaType === 'application/octet-stream') {
    // Room for base64, which takes 4 bytes for 3; the image service checks the decoded size.
    const form = new FormData()
    form.set(
      'file',
      new Blob([new Uint8Array(fromDataUrl(await readLimitedBytes(c, Math.ceil((MAX_UPLOAD_BYTES * 4) / 3))))]),
    )
    return form
  }
  const text = await readLimitedText(c)
  if (text !== '' && mediaType !== 'application/x-www-form-urlencoded') {
    throw clerkError(
      415,
      'unsupported_content_type',
      'Unsupported Content-Type',
      `Content-Type ${mediaType || '(none)'} is unsupported. Send the fields form-encoded (application/x-www-form-urlencoded), as ClerkJS does.`,
    )
  }
  return new URLSearchParams(text)
}

/** A string file is what a page read with FileReader: a base64 `data:` URL, whose bytes are the image. */
function fromDataUrl(bytes: Buffer): Buffer {
  const dataUrl = /^data:[\w/+.-]*;base64,/.exec(bytes.subarray(0, 100).toString('latin1'))
  return dataUrl ? Buffer.from(bytes.subarray(dataUrl[0].length).toString('latin1'), 'base64') : bytes
}

export class ClerkJsCall implements Viewer {
  /** `Set-Cookie` values for the answer. */
  readonly cookies: string[] = []

  private constructor(
    readonly core: Core,
    readonly c: Context,
    readonly method: FapiMethod,
    /** The page's origin (allowed), or undefined for a GET without one. */
    readonly origin: string | undefined,
    private readonly form: URLSearchParams | FormData,
    private currentClient: ClientRecord | undefined,
  ) {}

  /** Checks the origin, reads the method and the form, finds the client. Throws the error to answer with. */
  static async open(core: Core, c: Context): Promise<ClerkJsCall> {
    const origin = checkedOrigin(core, c)
    const method = effectiveMethod(c)
    const form = await readForm(c)
    return new ClerkJsCall(core, c, method, origin, form, cookieClient(core, c))
  }

  get client(): ClientRecord | undefined {
    return this.currentClient
  }

  /** A form field (or, for a GET, a query parameter); undefined when absent. */
  param(name: string): string | undefined {
    const value = this.c.req.method === 'GET' ? this.c.req.query(name) : this.form.get(name)
    return typeof value === 'string' ? value : undefined
  }

  /** Every value of a repeated field (`email_address=a&email_address=b`, how ClerkJS sends arrays). */
  params(name: string): string[] {
    const values = this.c.req.method === 'GET' ? (this.c.req.queries(name) ?? []) : this.form.getAll(name)
    return values.filter((value): value is string => typeof value === 'string')
  }

  /** The bytes of an uploaded file field (multipart, or the raw body as `file`), or undefined. */
  async file(name: string): Promise<Uint8Array | undefined> {
    const value = this.form instanceof FormData ? this.form.get(name) : null
    return value instanceof Blob ? new Uint8Array(await value.arrayBuffer()) : undefined
  }

  /** The browser's client, created (and its cookie set) when it has none yet. */
  ensureClient(): ClientRecord {
    if (!this.currentClient) {
      const { client, setCookie } = ensureCookieClient(this.core, this.c)
      if (setCookie) this.cookies.push(setCookie)
      this.currentClient = client
    }
    return this.currentClient
  }

  /** After a sign-in, the browser's client is the fresh one the session was started on: its cookie replaces the old. */
  adoptClient(client: ClientRecord): void {
    this.currentClient = client
    this.cookies.push(clientSetCookie(this.core, this.c, client))
  }

  /** The browser forgets its client: the cookie is expired and its value no longer works. */
  forgetClient(): void {
    if (this.currentClient) detachClient(this.core, this.currentClient)
    this.currentClient = undefined
    this.cookies.push(expiredClientCookie(this.core, this.c))
  }

  /** Re-reads the client after a change (its `updated_at` moves on sign-in and sign-out). */
  refreshClient(): void {
    if (this.currentClient) this.currentClient = this.core.store.clients.get(this.currentClient.id)
  }

  /** The session ClerkJS names in `_clerk_session_id` (on the URL of every call, GET or POST); see activeSession. */
  namedSession(): SessionRecord {
    return this.activeSession(this.c.req.query('_clerk_session_id'))
  }

  /**
   * An active session of this browser's client. Anything else is a 401, which makes ClerkJS sign the page out:
   * right, since the session is over (or was never this browser's).
   */
  activeSession(sessionId: string | undefined): SessionRecord {
    const session = sessionId === undefined ? undefined : this.core.store.sessions.get(sessionId, this.core.now())
    if (!session || !this.currentClient || session.client_id !== this.currentClient.id || session.status !== 'active') {
      throw clerkError(
        401,
        'authentication_invalid',
        'Unauthorized request',
        `This browser has no active session ${(sessionId ?? '').slice(0, 60)}. Sign in again.`,
      )
    }
    return session
  }
}
