// Profile images: uploaded through the Backend API (`POST /v1/users/{id}/profile_image`) or ClerkJS
// (`user.setProfileImage`), kept in SQLite and served by this backend at `/images/{id}`, as Clerk serves them from
// its image host.
import type { Core } from '../core.js'
import { clerkError, paramMissing, unprocessable } from '../errors.js'
import { newId } from '../ids.js'
import type { UserRecord } from '../store/userStore.js'
import { getUser } from './users.js'

/** Raster formats only, recognised by their first bytes: an upload is never served as HTML or SVG. */
const SIGNATURES: Array<[string, number[]]> = [
  ['image/png', [0x89, 0x50, 0x4e, 0x47]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/gif', [0x47, 0x49, 0x46, 0x38]],
]

function imageType(bytes: Buffer): string | undefined {
  const webp = bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  if (webp) return 'image/webp'
  return SIGNATURES.find(([, signature]) => signature.every((byte, i) => bytes[i] === byte))?.[0]
}

/** Where browsers load an image from: this backend's public URL. */
export const imageUrl = (core: Core, imageId: string) => `${core.frontendApiUrl()}/images/${imageId}`

/**
 * An uploaded file as an image to store; a 422 Clerk's UI shows for anything else. ClerkJS may send a data URL as
 * the raw body instead of a file (`setProfileImage({ file: 'data:image/png;base64,…' })`).
 */
export async function uploadedImage(file: unknown): Promise<{ contentType: string; bytes: Buffer }> {
  if (!(file instanceof Blob)) throw unprocessable(paramMissing('file'))
  let bytes = Buffer.from(await file.arrayBuffer())
  const dataUrl = /^data:[\w/+.-]*;base64,/.exec(bytes.subarray(0, 100).toString('latin1'))
  if (dataUrl) bytes = Buffer.from(bytes.subarray(dataUrl[0].length).toString('latin1'), 'base64')
  const contentType = imageType(bytes)
  if (!contentType) {
    throw clerkError(422, 'avatar_file_type_invalid', 'File type not supported', 'The file must be a PNG, JPEG, GIF or WebP image.', { param_name: 'file' })
  }
  return { contentType, bytes }
}

/** Makes the image the user's profile image; the previous one is deleted. */
export function setProfileImage(core: Core, userId: string, image: { contentType: string; bytes: Buffer }): UserRecord {
  const { store } = core
  return store.transaction(() => {
    const user = getUser(core, userId)
    const now = core.now()
    const id = newId('img')
    store.records.images.insert({ id, content_type: image.contentType, bytes: image.bytes, created_at: now })
    if (user.image_id) store.records.images.delete(user.image_id)
    const next = { ...user, image_id: id, updated_at: now }
    store.users.update(next)
    return next
  })
}

export function deleteProfileImage(core: Core, userId: string): UserRecord {
  const { store } = core
  return store.transaction(() => {
    const user = getUser(core, userId)
    if (user.image_id) store.records.images.delete(user.image_id)
    const next = { ...user, image_id: null, updated_at: core.now() }
    store.users.update(next)
    return next
  })
}
