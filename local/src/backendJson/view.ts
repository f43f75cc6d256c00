// What an object's JSON needs beyond its row: the store (related rows), the Frontend API URL (image and ticket
// links) and the clock.
import type { Store } from '../store/index.js'
import { DEFAULT_IMAGE_URL } from '../templates/context.js'

/** The instance `Core` is one. */
export interface JsonView {
  readonly store: Store
  readonly frontendApiUrl: () => string
  /** The instance clock: what is expired is decided by it. */
  readonly now: () => number
}

/** Where browsers load an uploaded image (served by the Frontend API at `/images/{id}`), or Clerk's empty default. */
export const imageUrl = (view: JsonView, imageId: string | null): string =>
  imageId === null ? DEFAULT_IMAGE_URL : `${view.frontendApiUrl()}/images/${imageId}`
