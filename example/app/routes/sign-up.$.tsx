// /sign-up/*: Clerk's <SignUp/>. On remix-clerk-local the e-mail code is always 424242 (no e-mail is sent).
import { SignUp } from '@clerk/remix'
import type { MetaFunction } from '@remix-run/node'

export const meta: MetaFunction = () => [{ title: 'Sign up · remix-clerk example' }]

export default function SignUpPage() {
  return (
    <div className="auth-page">
      <SignUp />
    </div>
  )
}
