// Clerk's custom sign-up page guide: <SignUp/> on the route CLERK_SIGN_UP_URL names.
import { SignUp } from '@clerk/remix'

export default function SignUpPage() {
  return (
    <div>
      <h1>Sign Up route</h1>
      <SignUp />
    </div>
  )
}
