// /me: the personal account of organization sync, where no organization is active.
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Card } from '~/components/Card'
import { Fields } from '~/components/Fields'
import { requireAuth } from '~/lib/requireAuth.server'

export const meta: MetaFunction = () => [{ title: 'Personal account · remix-clerk example' }]

/** The personal account of organization sync: arriving here leaves any active organization (see AUTH_OPTIONS). */
export async function loader(args: LoaderFunctionArgs) {
  const auth = await requireAuth(args)
  return json({ userId: auth.userId, orgSlug: auth.orgSlug ?? null })
}

export default function PersonalAccount() {
  const { userId, orgSlug } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>Personal account</h1>
      <Card id="personal-account" title="No active organization here">
        <Fields
          fields={[
            { label: 'User ID', value: <code>{userId}</code> },
            { label: 'Active organization', value: orgSlug ?? 'none', testId: 'active-org' },
          ]}
        />
        <p className="card__footer">
          <Link to="/orgs/acme">Open Acme</Link>
        </p>
      </Card>
    </>
  )
}
