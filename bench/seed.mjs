// The data every Backend API benchmark mints tokens for: one user in one organization, an active session, and JWT
// templates of 10, 100 and 1 000 claims, all created through the Backend API with our client.
import { createClerkClient } from 'remix-clerk/api.server'

export const TEMPLATE_SIZES = [10, 100, 1000]
export const templateName = (claimCount) => `claims-${claimCount}`

// What real templates hold (Supabase, Hasura, Convex, …): fixed strings, numbers and flags, and shortcodes for the
// user, their metadata and the active organization, whole or inside text, some with a fallback, some nested.
const CLAIM_SHAPES = [
  () => 'authenticated',
  () => '{{user.primary_email_address}}',
  () => "{{user.public_metadata.plan || 'free'}}",
  (i) => i,
  () => 'Hello {{user.first_name}} {{user.last_name}}',
  () => ({ role: '{{org.role}}', slug: '{{org.slug}}', name: '{{org.name}}' }),
  () => true,
  () => '{{org_membership.permissions}}',
  () => '{{user.email_verified}}',
  () => ['static', '{{user.id}}', 3],
]

/** `claimCount` top-level claims, cycling through the shapes above. */
export function templateClaims(claimCount) {
  return Object.fromEntries(
    Array.from({ length: claimCount }, (_, i) => [
      `claim_${String(i).padStart(4, '0')}`,
      CLAIM_SHAPES[i % CLAIM_SHAPES.length](i),
    ]),
  )
}

/**
 * Seeds a fresh instance and returns the ids the benchmarks need. `fetch` lets the same code seed an instance
 * served in-process (`localClerk.fetch`) as well as one over HTTP.
 * @param {{ apiUrl: string, secretKey: string, fetch?: (url: string, init: RequestInit) => Promise<Response> }} target
 */
export async function seedInstance({ apiUrl, secretKey, fetch }) {
  const clerk = createClerkClient({ apiUrl, secretKey, fetch })
  const user = await clerk.users.createUser({
    emailAddress: ['ada@example.com'],
    firstName: 'Ada',
    lastName: 'Lovelace',
    publicMetadata: { plan: 'pro', seats: 5 },
  })
  const organization = await clerk.organizations.createOrganization({ name: 'Analytical Engines', createdBy: user.id })
  const session = await clerk.sessions.createSession({ userId: user.id, activeOrganizationId: organization.id })
  for (const size of TEMPLATE_SIZES) {
    await clerk.jwtTemplates.create({ name: templateName(size), claims: templateClaims(size), lifetime: 3600 })
  }
  return { userId: user.id, sessionId: session.id }
}
