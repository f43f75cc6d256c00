// Profile images: uploaded through the Backend API (`POST /v1/users/{id}/profile_image`) or ClerkJS
// (`user.setProfileImage`), stored as every uploaded image (services/images.ts) and served at `/images/{id}`. The
// previous image goes with the change (a trigger in the schema), and the change is announced as `user.updated`.
import type { Core } from '../core/core.js'
import type { UserRecord } from '../store/userStore.js'
import { type UploadedImage, storeImage } from './images.js'
import { getUser, userUpdated } from './users.js'

function saveImage(core: Core, userId: string, imageId: () => string | null): UserRecord {
  return core.store.transaction(() => {
    const user = getUser(core, userId)
    core.store.users.update({ ...user, image_id: imageId(), updated_at: core.now() })
    return userUpdated(core, user.id)
  })
}

/** Makes the image (checked to be one) the user's profile image. */
export const setProfileImage = (core: Core, userId: string, image: UploadedImage) =>
  saveImage(core, userId, () => storeImage(core, image))

export const deleteProfileImage = (core: Core, userId: string) => saveImage(core, userId, () => null)
