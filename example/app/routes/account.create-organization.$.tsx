// /account/create-organization/*: Clerk's <CreateOrganization/> inside the app; the new organization becomes the
// active one and the app shows it on /organization.
import { CreateOrganization } from '@clerk/remix'
import type { MetaFunction } from '@remix-run/node'

export const meta: MetaFunction = () => [{ title: 'Create an organization · remix-clerk example' }]

export default function CreateOrganizationPage() {
  return (
    <div className="auth-page">
      <CreateOrganization path="/account/create-organization" afterCreateOrganizationUrl="/organization" />
    </div>
  )
}
