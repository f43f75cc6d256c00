// /account/organization/*: Clerk's <OrganizationProfile/> for the active organization, inside the app.
import { OrganizationProfile, SignedIn, useOrganization } from '@clerk/remix'
import type { MetaFunction } from '@remix-run/node'

export const meta: MetaFunction = () => [{ title: 'Organization profile · remix-clerk example' }]

export default function OrganizationProfilePage() {
  const { isLoaded, organization } = useOrganization()
  return (
    <div className="auth-page">
      <SignedIn>
        {isLoaded && !organization ? (
          <p className="muted" data-testid="no-org">
            No active organization: choose one with the organization switcher.
          </p>
        ) : (
          <OrganizationProfile />
        )}
      </SignedIn>
    </div>
  )
}
