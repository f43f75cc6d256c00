// vitest globalSetup of the root project: the ClerkJS bundles its browser suites load (ClerkJS 5, and 6 with
// @clerk/ui) in the user's cache, through `remix-clerk-local clerk-js install`; remix-clerk-local is built first only
// when it never was (these suites run its sources).
import { existsSync } from 'node:fs'
import buildDist, { BUILT_CLI, installClerkJs } from '../../local/test/helpers/buildDist.js'

export default function installClerkJsBundles(): void {
  if (existsSync(BUILT_CLI)) installClerkJs()
  else buildDist()
}
