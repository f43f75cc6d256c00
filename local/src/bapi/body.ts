import type { Context } from 'hono'
import { clerkError } from '../errors.js'

/** 1 MiB: far above any real Backend API payload, small enough that nobody can fill the memory of the process. */
export const MAX_BODY_BYTES = 1024 * 1024

/**
 * The request's JSON body, or undefined when there is none (the SDK sends no body for parameterless POSTs).
 * Non-JSON content is a 415 and unparsable JSON a 400, both with Clerk's codes.
 */
export async function readJsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text()
  if (text.trim() === '') return undefined
  const contentType = c.req.header('content-type') ?? ''
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase()
  if (mediaType !== 'application/json') {
    throw clerkError(
      415,
      'unsupported_content_type',
      'Unsupported Content-Type',
      `Content-Type ${contentType || '(none)'} is unsupported. Send the body as JSON with Content-Type: application/json.`,
    )
  }
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw clerkError(400, 'request_body_invalid', 'Request body invalid', `The request body is not valid JSON: ${(error as Error).message}`)
  }
}

export function bodyTooLarge(): Response {
  const error = clerkError(
    413,
    'request_body_too_large',
    'Request body too large',
    `The request body is larger than ${MAX_BODY_BYTES} bytes, the limit of remix-clerk-local.`,
  )
  return new Response(JSON.stringify(error.toBody()), { status: 413, headers: { 'Content-Type': 'application/json' } })
}
