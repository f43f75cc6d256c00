// Uploaded images (profile images and organization logos): checked to be an image by their own bytes, stored, and
// served by URL (fapi/images.ts, backendJson/view.ts imageUrl).
import type { Core } from '../core/core.js'
import { clerkError } from '../shared/errors.js'
import { newId } from '../shared/ids.js'

/** Clerk's limit for logos and profile images. */
const MAX_IMAGE_BYTES = 10 * 1024 * 1024

/** What an upload handed us: the bytes of the `file` part (its declared type is not trusted). */
export interface UploadedImage {
  bytes: Uint8Array
}

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) =>
  signature.every((byte, i) => bytes[at + i] === byte)
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0))

/**
 * The types Clerk accepts (JPEG, PNG, GIF, WebP), told apart by their magic numbers. SVG and anything else is
 * refused: the served type is always one of these, so a browser never runs an upload as a page or a script.
 */
function imageType(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif'
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp'
  return undefined
}

/**
 * Stores the image and returns its id; a 413 or a 422 naming the `file` field when it is not one we take. The 422's
 * code is the one ClerkJS's <UserProfile/> and <OrganizationProfile/> have words for (`avatar_file_type_invalid`).
 */
export function storeImage(core: Core, image: UploadedImage): string {
  if (image.bytes.byteLength > MAX_IMAGE_BYTES) {
    throw clerkError(
      413,
      'request_body_too_large',
      'Image too large',
      `The image is larger than ${MAX_IMAGE_BYTES} bytes (10 MiB), the limit for uploads.`,
    )
  }
  const contentType = imageType(image.bytes)
  if (!contentType) {
    throw clerkError(
      422,
      'avatar_file_type_invalid',
      'File type not supported',
      'The file must be a JPEG, PNG, GIF or WebP image.',
      { param_name: 'file' },
    )
  }
  const id = newId('img')
  core.store.images.insert({ id, content_type: contentType, data: Buffer.from(image.bytes), created_at: core.now() })
  return id
}
