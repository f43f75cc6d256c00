// Which ClerkJS the backend serves and names in CLERK_JS when the user picks one (`createLocalClerk({ clerkJs })`,
// `remix-clerk-local start --clerk-js`): a major (`6`: the installed one of that major, else the newest cached) or an
// exact version. Without a choice, findServedBundles' default stands (ClerkJS 5, what `@clerk/remix` 4 loads). A choice
// that this machine does not have is an error at start, naming the command that downloads it.
import {
  CLERK_JS_PACKAGE,
  CLERK_UI_PACKAGE,
  type ClerkJsBundle,
  EXACT_VERSION,
  findServedBundles,
} from './clerkJsBundle.js'
import { clerkJsCacheDir } from './clerkJsCache.js'
import { LocalClerkError } from '../shared/errors.js'
import { RELEASES } from './clerkJsReleases.js'

/** Whether `value` names a ClerkJS the way the option takes it: a major (`6`) or an exact version (`6.40.0`). */
export function isClerkJsChoice(value: unknown): value is string {
  return typeof value === 'string' && (/^\d+$/.test(value) || EXACT_VERSION.test(value))
}

/**
 * The bundles to serve, the chosen ClerkJS first (the one CLERK_JS names, and the one the `@<major>` alias of the
 * `/npm/` paths picks). Throws when the choice is neither installed nor cached, or when a ClerkJS 6 or later comes
 * without the `@clerk/ui` its components need.
 */
export function servedBundles(
  choice: string | undefined,
  cacheDir: string = clerkJsCacheDir(),
): { clerkJs: ClerkJsBundle | undefined; bundles: ClerkJsBundle[] } {
  const served = findServedBundles(undefined, cacheDir)
  if (choice === undefined) return served
  // The bundles' order: installed before cached, newer before older; so a major picks the installed one, else the
  // newest cached.
  const clerkJs = served.bundles.find(
    (bundle) => bundle.name === CLERK_JS_PACKAGE && (bundle.version === choice || bundle.major === choice),
  )
  if (!clerkJs)
    throw new LocalClerkError('REMIX_CLERK_LOCAL_CLERK_JS_NOT_INSTALLED', notFound(choice, served.bundles, cacheDir))
  if (Number(clerkJs.major) >= 6 && !served.bundles.some((bundle) => bundle.name === CLERK_UI_PACKAGE)) {
    throw new LocalClerkError(
      'REMIX_CLERK_LOCAL_CLERK_JS_NOT_INSTALLED',
      `remix-clerk-local: ClerkJS ${clerkJs.version} draws its components with ${CLERK_UI_PACKAGE}, which is neither installed nor in the ` +
        `cache (${cacheDir}). Download it with: npx remix-clerk-local clerk-js install ${uiInstallArgument(clerkJs)}`,
    )
  }
  return { clerkJs, bundles: [clerkJs, ...served.bundles.filter((bundle) => bundle !== clerkJs)] }
}

function notFound(choice: string, bundles: readonly ClerkJsBundle[], cacheDir: string): string {
  const have = bundles.filter((bundle) => bundle.name === CLERK_JS_PACKAGE).map((bundle) => bundle.version)
  return (
    `remix-clerk-local: ClerkJS ${choice} is neither installed nor in the cache (${cacheDir}; this machine has ` +
    `${have.length > 0 ? `ClerkJS ${have.join(', ')}` : 'no ClerkJS'}). Download it with: npx remix-clerk-local clerk-js install ${installArgument(choice)}`
  )
}

/** What `clerk-js install` takes for the choice: a tested major or an exact version; other majors need an exact one. */
function installArgument(choice: string): string {
  return EXACT_VERSION.test(choice) || RELEASES[choice] ? choice : `${choice}.<minor>.<patch> (an exact version)`
}

/** The tested release when it is one (its `@clerk/ui` comes along), else the `@clerk/ui` that goes with it. */
function uiInstallArgument(clerkJs: ClerkJsBundle): string {
  const release = RELEASES[clerkJs.major]
  return release?.some((pinned) => pinned.name === CLERK_JS_PACKAGE && pinned.version === clerkJs.version)
    ? clerkJs.major
    : `${CLERK_UI_PACKAGE}@<the version released with ClerkJS ${clerkJs.version}>`
}
