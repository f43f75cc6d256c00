// `GET /images/{id}`: uploaded profile images, public as Clerk's image URLs are, and served so that no upload can
// act as a page (a raster type checked at upload, nosniff, a CSP that allows nothing).
import type { Context } from 'hono'
import type { Core } from '../core.js'
import { notFound } from '../errors.js'

export function serveImage(core: Core, c: Context): Response {
  const id = c.req.param('image_id') ?? ''
  const image = id.length <= 64 ? core.store.records.images.get(id) : undefined
  if (!image) throw notFound('Image not found', `No image was found with id ${id.slice(0, 64)}`)
  return new Response(new Uint8Array(image.bytes), {
    headers: {
      'Content-Type': image.content_type,
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'",
      'Cross-Origin-Resource-Policy': 'cross-origin',
    },
  })
}
