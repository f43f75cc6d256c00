// @ts-check
// The demo data `npm start` seeds on first run and the end-to-end tests seed into their own backend: an admin and a
// member of the "acme" organization, and the `test` JWT template the dashboard mints from.
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const DEMO_SEED_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', 'seed.json')

/** @returns {import('remix-clerk-local').SeedData} */
export function readDemoSeed() {
  return JSON.parse(readFileSync(DEMO_SEED_PATH, 'utf8'))
}

export const DEMO_ADMIN_EMAIL = 'demo@example.com'
export const DEMO_MEMBER_EMAIL = 'member@example.com'
export const DEMO_ORGANIZATION_SLUG = 'acme'
/** The demo users' password (seed.json); the e-mail code, on remix-clerk-local, is always 424242. */
export const DEMO_PASSWORD = 'demo-password'
export const DEMO_EMAIL_CODE = '424242'
