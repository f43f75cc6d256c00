// Clerk's custom sign-in page guide: <SignIn/> on the route CLERK_SIGN_IN_URL names.
import { SignIn } from '@clerk/remix'

export default function SignInPage() {
  return (
    <div>
      <h1>Sign In route</h1>
      <SignIn />
    </div>
  )
}
