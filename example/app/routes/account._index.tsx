// /account: Clerk's account controls. Signed out, the sign-in and sign-up buttons; signed in, the ways to the user
// and organization pages: the hosted ones (on remix-clerk-local, its local Account Portal) and the app's own.
import { SignedIn, SignedOut, SignInButton, SignUpButton, useClerk } from '@clerk/remix'
import type { MetaFunction } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { Card } from '~/components/Card'

export const meta: MetaFunction = () => [{ title: 'Account · remix-clerk example' }]

export default function AccountPage() {
  const clerk = useClerk()
  return (
    <>
      <h1>Account</h1>
      <p className="lead">
        Clerk&apos;s buttons and redirects lead to the instance&apos;s hosted pages (its Account Portal), and back here
        once done. The app&apos;s own routes render the same components inside the app.
      </p>
      <div className="grid">
        <SignedOut>
          <Card id="signed-out" title="Sign in or up">
            <div className="hero__actions">
              <SignInButton>
                <button className="button button--primary">Sign in</button>
              </SignInButton>
              <SignUpButton>
                <button className="button">Sign up</button>
              </SignUpButton>
              <button className="button" onClick={() => void clerk.redirectToSignIn()}>
                redirectToSignIn()
              </button>
              <button className="button" onClick={() => void clerk.redirectToSignUp()}>
                redirectToSignUp()
              </button>
            </div>
          </Card>
        </SignedOut>
        <SignedIn>
          <Card id="hosted" title="Hosted pages">
            <div className="hero__actions">
              <button className="button" onClick={() => void clerk.redirectToUserProfile()}>
                redirectToUserProfile()
              </button>
              <button className="button" onClick={() => void clerk.redirectToOrganizationProfile()}>
                redirectToOrganizationProfile()
              </button>
              <button className="button" onClick={() => void clerk.redirectToCreateOrganization()}>
                redirectToCreateOrganization()
              </button>
            </div>
          </Card>
          <Card id="in-app" title="In the app">
            <ul>
              <li>
                <Link to="/account/profile">&lt;UserProfile/&gt;</Link>
              </li>
              <li>
                <Link to="/account/organization">&lt;OrganizationProfile/&gt;</Link>
              </li>
              <li>
                <Link to="/account/create-organization">&lt;CreateOrganization/&gt;</Link>
              </li>
            </ul>
          </Card>
        </SignedIn>
      </div>
    </>
  )
}
