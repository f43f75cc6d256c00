// /account/profile/*: Clerk's <UserProfile/> inside the app (its pages below /account/profile).
import { UserProfile } from '@clerk/remix'
import type { MetaFunction } from '@remix-run/node'

export const meta: MetaFunction = () => [{ title: 'Profile · remix-clerk example' }]

export default function ProfilePage() {
  return (
    <div className="auth-page">
      <UserProfile />
    </div>
  )
}
