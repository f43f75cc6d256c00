// Public entry `remix-clerk/api.server`: the Backend API client and token verification.
export const VERSION: string = __REMIX_CLERK_VERSION__
