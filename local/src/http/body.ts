// Request bodies read with a size limit, so no client can fill the process's memory; shared by both APIs.
import type { Context } from 'hono'
import { clerkError } from '../shared/errors.js'
import { incomingRequest } from './incomingRequest.js'

/**
 * 1 MiB: far above any real Backend API payload, small enough that nobody can fill the memory of the process.
 * @internal Exported for tests, which send bodies just under and just over it.
 */
export const MAX_BODY_BYTES = 1024 * 1024

/** An image upload: Clerk's 10 MiB for the file, and room for the multipart framing around it. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024 + 64 * 1024

const tooLarge = (maxBytes: number) =>
  clerkError(
    413,
    'request_body_too_large',
    'Request body too large',
    `The request body is larger than ${maxBytes} bytes, the limit of remix-clerk-local.`,
  )

/**
 * The request's JSON body, or undefined when there is none (the SDK sends no body for parameterless POSTs).
 * Over 1 MiB is a 413, non-JSON content a 415 and unparsable JSON a 400, all with Clerk's error shape.
 */
export async function readJsonBody(c: Context): Promise<unknown> {
  const text = await readLimitedText(c)
  if (text.trim() === '') return undefined
  const contentType = c.req.header('content-type') ?? ''
  if (mediaTypeOf(c) !== 'application/json') {
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
    throw clerkError(
      400,
      'request_body_invalid',
      'Request body invalid',
      `The request body is not valid JSON: ${(error as Error).message}`,
    )
  }
}

/**
 * Reads at most MAX_BODY_BYTES: a declared Content-Length over the limit is refused before reading, a chunked body
 * as soon as it passes the limit. (hono's bodyLimit re-creates the request with the global Request class, which
 * fails on @hono/node-server requests when it is told to leave the globals alone, as we do.)
 */
export async function readLimitedText(c: Context): Promise<string> {
  return (await readLimitedBytes(c, MAX_BODY_BYTES)).toString('utf8')
}

/** The body's bytes, at most `maxBytes` of them (see readLimitedText); an upload may allow more than a form. */
export async function readLimitedBytes(c: Context, maxBytes: number): Promise<Buffer> {
  const request = c.req.raw
  const length = request.headers.get('content-length')
  // Over HTTP/1.1 a body comes with a Content-Length or a Transfer-Encoding, so without either there is none.
  // Answering that without touching `request.body` matters: on @hono/node-server that getter builds a full
  // Request and a web stream. (A Request built in-process carries no such headers, hence the HTTP check.)
  if (
    length === '0' ||
    (length === null && incomingRequest(c) !== undefined && !request.headers.has('transfer-encoding'))
  )
    return Buffer.alloc(0)
  if (Number(length ?? 0) > maxBytes) throw tooLarge(maxBytes)
  if (!request.body) return Buffer.alloc(0)
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel()
      throw tooLarge(maxBytes)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks)
}

/** The media type of the request, lower-cased, without parameters. */
export const mediaTypeOf = (c: Context): string =>
  (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()

/**
 * A `multipart/form-data` body (an image upload) of at most `maxBytes`, parsed by the platform's own FormData
 * parser: a 415 for another type, a 400 when it does not parse.
 */
export async function readMultipart(c: Context, maxBytes: number): Promise<FormData> {
  const contentType = c.req.header('content-type') ?? ''
  if (mediaTypeOf(c) !== 'multipart/form-data') {
    throw clerkError(
      415,
      'unsupported_content_type',
      'Unsupported Content-Type',
      `Content-Type ${contentType.slice(0, 100) || '(none)'} is unsupported. Send the file as multipart/form-data.`,
    )
  }
  const bytes = await readLimitedBytes(c, maxBytes)
  try {
    return await new Response(new Uint8Array(bytes), { headers: { 'content-type': contentType } }).formData()
  } catch {
    throw clerkError(
      400,
      'request_body_invalid',
      'Request body invalid',
      'The request body is not valid multipart/form-data.',
    )
  }
}
