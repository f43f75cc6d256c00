// Public entry of remix-clerk-local.
export {}
