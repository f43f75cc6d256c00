// /orgs/:slug: organization sync, where the URL chooses the active organization.
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Card } from '~/components/Card'
import { Fields } from '~/components/Fields'
import { requireAuth } from '~/lib/requireAuth.server'

export const meta: MetaFunction = ({ params }) => [{ title: `${params.slug ?? 'Organization'} · remix-clerk example` }]

/**
 * Organization sync: the URL names the organization. When it is not the session's active one, getAuth sends the
 * browser through the handshake, which activates it (for a member), before this loader runs again; `/me` does the same
 * for the personal account. See AUTH_OPTIONS.
 */
export async function loader(args: LoaderFunctionArgs) {
  const auth = await requireAuth(args)
  const requested = args.params.slug ?? ''
  return json({
    requested,
    active: auth.orgSlug ? { slug: auth.orgSlug, role: auth.orgRole ?? null } : null,
  })
}

export default function OrganizationFromUrl() {
  const { requested, active } = useLoaderData<typeof loader>()
  const matches = active?.slug === requested
  return (
    <>
      <h1>Organization from the URL</h1>
      <p className="lead">
        This path names an organization. With <code>organizationSyncOptions</code>, <code>getAuth</code> makes it the
        session&apos;s active organization on the way here, through Clerk&apos;s handshake, when you are a member of it.
      </p>
      <Card id="org-from-url" title={`/orgs/${requested}`} tone={matches ? 'accent' : 'muted'}>
        <Fields
          fields={[
            { label: 'Named by the URL', value: <code>{requested}</code> },
            {
              label: 'Active organization',
              value: active ? active.slug : 'none (personal account)',
              testId: 'active-org',
            },
            { label: 'Role', value: active?.role && <code>{active.role}</code>, testId: 'active-role' },
          ]}
        />
        <p data-testid="org-sync-result">
          {matches
            ? 'Activated for this session.'
            : `You are not a member of “${requested}”: the active organization did not change.`}
        </p>
        <p className="card__footer">
          <Link to="/me">Back to the personal account</Link>
        </p>
      </Card>
    </>
  )
}
