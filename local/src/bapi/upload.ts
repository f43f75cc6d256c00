// An image upload to the Backend API (`PUT …/logo`, `POST …/profile_image`): multipart/form-data with the image in
// its `file` part, as @clerk/backend sends it.
import type { Context } from 'hono'
import { paramMissing, unprocessable } from '../shared/errors.js'
import { MAX_UPLOAD_BYTES, readMultipart } from '../http/body.js'
import type { UploadedImage } from '../services/images.js'

/** The image and the form's other fields; a 422 naming `file` when there is none. */
export async function readImageUpload(c: Context): Promise<{ image: UploadedImage; form: FormData }> {
  const form = await readMultipart(c, MAX_UPLOAD_BYTES)
  const file = form.get('file')
  if (!(file instanceof Blob)) throw unprocessable(paramMissing('file'))
  return { image: { bytes: new Uint8Array(await file.arrayBuffer()) }, form }
}
