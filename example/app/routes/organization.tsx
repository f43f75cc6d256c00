// /organization: role and permission checks with has(), and what only an admin may see.
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Card } from '~/components/Card'
import { Fields } from '~/components/Fields'
import { clerkClient } from '~/lib/clerkClient.server'
import { formatTime } from '~/lib/formatTime'
import { localSignInUrl } from '~/lib/frontendApi.server'
import { requireAuth } from '~/lib/requireAuth.server'

export const meta: MetaFunction = () => [{ title: 'Organization · remix-clerk example' }]

/** The checks this page runs, in the order it shows them. The seed gives the admin both permissions, members one. */
const CHECKS = [
  { label: "has({ role: 'org:admin' })", params: { role: 'org:admin' } },
  { label: "has({ role: 'org:member' })", params: { role: 'org:member' } },
  { label: "has({ permission: 'org:invoices:read' })", params: { permission: 'org:invoices:read' } },
  { label: "has({ permission: 'org:invoices:manage' })", params: { permission: 'org:invoices:manage' } },
] as const

export async function loader(args: LoaderFunctionArgs) {
  const auth = await requireAuth(args)
  const checks = CHECKS.map(({ label, params }) => ({ label, allowed: auth.has(params) }))
  const isAdmin = auth.has({ role: 'org:admin' })
  // The gate is here, on the server: a member's page data never contains the admin section's content.
  const adminDetails =
    isAdmin && auth.orgId
      ? await clerkClient().organizations.getOrganization({ organizationId: auth.orgId, includeMembersCount: true })
      : null
  return json({
    organization: auth.orgId ? { id: auth.orgId, slug: auth.orgSlug ?? null, role: auth.orgRole ?? null } : null,
    checks,
    admin: adminDetails && {
      name: adminDetails.name,
      membersCount: adminDetails.membersCount ?? null,
      maxAllowedMemberships: adminDetails.maxAllowedMemberships,
      createdAt: adminDetails.createdAt,
    },
    // The organization switcher in the header changes the active organization; the local backend's page (no
    // JavaScript needed) signs in again as anyone, with any of their organizations, and comes back here.
    switchUrl: localSignInUrl(args.request.url),
  })
}

export default function OrganizationPage() {
  const { organization, checks, admin, switchUrl } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>Organization roles and permissions</h1>
      <p className="lead">
        The loader asks <code>has()</code> about the active organization in the session token. Nothing here calls the
        Backend API except the admin-only section.
      </p>

      <div className="grid">
        <Card id="active-org" title="Active organization">
          {organization ? (
            <Fields
              fields={[
                { label: 'Organization ID', value: <code>{organization.id}</code> },
                { label: 'Slug', value: organization.slug, testId: 'org-slug' },
                { label: 'Role', value: organization.role && <code>{organization.role}</code>, testId: 'org-role' },
              ]}
            />
          ) : (
            <p className="muted" data-testid="no-org">
              No active organization: every check below is false.
            </p>
          )}
          {switchUrl ? (
            <p className="card__footer">
              <a href={switchUrl}>Sign in with another user or organization</a>
            </p>
          ) : null}
          <p className="card__footer">
            Organization sync: <Link to="/orgs/acme">/orgs/acme</Link> activates Acme, <Link to="/me">/me</Link> the
            personal account.
          </p>
        </Card>

        <Card id="checks" title="Checks">
          <table className="checks">
            <caption className="visually-hidden">Results of has() for the current session</caption>
            <thead>
              <tr>
                <th scope="col">Call</th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              {checks.map(({ label, allowed }) => (
                <tr key={label}>
                  <th scope="row">
                    <code>{label}</code>
                  </th>
                  <td>
                    <span className={`badge ${allowed ? 'badge--yes' : 'badge--no'}`} data-testid="check-result">
                      {String(allowed)}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      </div>

      {admin ? (
        <Card
          id="admin-section"
          title="Admin only"
          tone="accent"
          description="Shown because has({ role: 'org:admin' }) is true."
        >
          <Fields
            fields={[
              { label: 'Name', value: admin.name },
              { label: 'Members', value: admin.membersCount },
              { label: 'Member limit', value: admin.maxAllowedMemberships || 'None' },
              { label: 'Created', value: formatTime(admin.createdAt) },
            ]}
          />
        </Card>
      ) : (
        <Card id="admin-locked" title="Admin only" tone="muted">
          <p>
            This section needs the <code>org:admin</code> role in the active organization.
          </p>
        </Card>
      )}
    </>
  )
}
