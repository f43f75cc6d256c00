// The ClerkJS and `@clerk/ui` versions remix-clerk-local is tested with, and the integrity of their npm tarballs as
// first published: `remix-clerk-local clerk-js install 5` (or 6) installs exactly these and refuses a tarball that
// differs, whatever the registry says. Other versions are checked against the registry's own integrity only.
import { CLERK_JS_PACKAGE, CLERK_UI_PACKAGE, type ServedPackage } from './clerkJsBundle.js'

export interface PackageVersion {
  name: ServedPackage
  version: string
}

interface PinnedVersion extends PackageVersion {
  /** `dist.integrity` of the tarball (SRI, sha512), as in a package-lock.json. */
  integrity: string
}

const CLERK_JS_5: PinnedVersion = {
  name: CLERK_JS_PACKAGE,
  version: '5.128.0',
  integrity: 'sha512-aw8USKnrZVPOqJfp1eKpbaQL+jUYkXJn/v3XdBslfT4jXEUIqkyITmlgY8bA9GqVF7xGcr+m/HJTpgvGbtIvXA==',
}
const CLERK_JS_6: PinnedVersion = {
  name: CLERK_JS_PACKAGE,
  version: '6.40.0',
  integrity: 'sha512-2MnZ/ygvuCmeuqfXQmsxfQaLN/SSJvQbtT2cLXbgr5VKr3KmZFZBVvX977fG3eZ6pprl4J9pO+I2bbe6BvColg==',
}
// 1.36.0, the latest when this was pinned, needs a @clerk/localizations the registry did not have.
const CLERK_UI_1: PinnedVersion = {
  name: CLERK_UI_PACKAGE,
  version: '1.34.0',
  integrity: 'sha512-EP6Wcf+iqV5hJRMjfmVSOb7wWEgt2DuUOnR3Yv/ULPdmGgGWa64oc4tB4VfD66z8nXgtXqHEXNNnGURAOfQ7vQ==',
}

/**
 * What `clerk-js install <major>` installs: ClerkJS 5 (what `@clerk/remix` 4 and `@clerk/clerk-react` 5 load), or
 * ClerkJS 6 with the `@clerk/ui` its components need.
 */
export const RELEASES: Readonly<Record<string, readonly PinnedVersion[]>> = {
  '5': [CLERK_JS_5],
  '6': [CLERK_JS_6, CLERK_UI_1],
}

export const DEFAULT_RELEASE = '5'

/** The known-good integrity of a pinned version, or undefined for any other. */
export function pinnedIntegrity({ name, version }: PackageVersion): string | undefined {
  return Object.values(RELEASES)
    .flat()
    .find((pinned) => pinned.name === name && pinned.version === version)?.integrity
}
