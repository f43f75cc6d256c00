// Public entry `remix-clerk/ssr.server`: getAuth and rootAuthLoader for Remix loaders and actions.
export {}
