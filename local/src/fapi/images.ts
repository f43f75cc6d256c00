// `GET /images/{id}`: uploaded images (organization logos) for any page to show, as Clerk's image host serves them.
import type { Context } from 'hono'
import type { Core } from '../core/core.js'
import { notFound } from '../shared/errors.js'
import { errorResponse } from '../http/respond.js'

/**
 * An image is never changed (a new upload gets a new id), so it may be cached for good. Its type was checked from its
 * bytes at upload and is one of JPEG, PNG, GIF or WebP; nosniff and a CSP that allows nothing keep it an image.
 */
export function serveImage(core: Core, c: Context): Response {
  const image = core.store.images.get(c.req.param('image_id') ?? '')
  if (!image)
    return errorResponse(notFound('Image not found', 'No image has this id; it may have been replaced or deleted.'))
  return new Response(new Uint8Array(image.data), {
    headers: {
      'Content-Type': image.content_type,
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'",
      'Cross-Origin-Resource-Policy': 'cross-origin',
    },
  })
}
