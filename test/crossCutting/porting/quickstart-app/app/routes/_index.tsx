// The quickstart's home page: who is signed in, with Clerk's buttons.
import { SignedIn, SignedOut, SignInButton, UserButton } from '@clerk/remix'
import { Link } from '@remix-run/react'

export default function Index() {
  return (
    <div>
      <h1>Index Route</h1>
      <SignedIn>
        <p>You are signed in!</p>
        <UserButton />
      </SignedIn>
      <SignedOut>
        <p>You are signed out</p>
        <SignInButton />
      </SignedOut>
      <p>
        <Link to="/protected">Protected page</Link> · <Link to="/custom-sign-in">Custom sign-in</Link>
      </p>
    </div>
  )
}
