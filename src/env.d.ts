// Replaced at build time by tsup (and by vitest's `define`) with the package version.
declare const __REMIX_CLERK_VERSION__: string
