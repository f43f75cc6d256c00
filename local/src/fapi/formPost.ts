// Reading the sign-in pages' form posts, with the Origin check that stops cross-site request forgery.
import type { Context } from 'hono'
import type { Core } from '../core/core.js'
import { readLimitedText } from '../http/body.js'
import { isOwnOrigin } from './ownOrigin.js'

export type FormResult =
  { ok: true; form: URLSearchParams } | { ok: false; status: number; problem: string; fix: string }

/**
 * The fields of a form POSTed by one of our own pages. The defence against cross-site request forgery is the
 * `Origin` header: browsers send it with every POST, and a page elsewhere cannot forge it, so the form must come
 * from this server's origin (as requested, or as configured with `url`). No token to store, and it also holds
 * for the first visit, before the browser has a `__client` cookie.
 */
export async function readOwnForm(core: Core, c: Context): Promise<FormResult> {
  const origin = c.req.header('origin')
  if (origin === undefined || !isOwnOrigin(core, c, origin)) {
    return {
      ok: false,
      status: 403,
      problem:
        origin === undefined
          ? 'This form arrived without an Origin header, so it cannot be told apart from a forged one.'
          : `This form was sent from ${origin.slice(0, 200)}, not from this server's own page.`,
      fix: 'Open the sign-in page of remix-clerk-local in your browser and use its buttons.',
    }
  }
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (mediaType !== 'application/x-www-form-urlencoded') {
    return {
      ok: false,
      status: 415,
      problem: `Expected an HTML form (application/x-www-form-urlencoded), got ${mediaType || 'no Content-Type'}.`,
      fix: 'Submit the form of the sign-in page.',
    }
  }
  return { ok: true, form: new URLSearchParams(await readLimitedText(c)) }
}
