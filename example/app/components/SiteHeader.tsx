// The header: navigation, and Clerk's user and organization menus, with a sign-out link when JavaScript is off.
import { OrganizationSwitcher, SignedIn, SignedOut, UserButton } from '@clerk/remix'
import { Link, NavLink, useLocation } from '@remix-run/react'

interface Viewer {
  userId: string
  name: string
}

interface SiteHeaderProps {
  /** What the server saw (rootAuthLoader); undefined when the root loader failed. */
  viewer: Viewer | null | undefined
  /** The local backend's sign-out page, the fallback without JavaScript; null on a real Clerk instance. */
  localSignOutUrl: string | null
  /** Clerk's components need ClerkApp's provider, which the error boundary is outside of. */
  clerkComponents: boolean
}

export function SiteHeader({ viewer, localSignOutUrl, clerkComponents }: SiteHeaderProps) {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <a className="brand" href="/">
          <span className="brand__mark" aria-hidden="true">
            ◆
          </span>
          remix-clerk <span className="brand__suffix">example</span>
        </a>
        <nav aria-label="Main">
          <ul className="nav">
            <li>
              <NavLink to="/" end>
                Home
              </NavLink>
            </li>
            <li>
              <NavLink to="/dashboard">Dashboard</NavLink>
            </li>
            <li>
              <NavLink to="/organization">Organization</NavLink>
            </li>
            <li>
              <NavLink to="/session">Session</NavLink>
            </li>
            <li>
              <NavLink to="/users">Users</NavLink>
            </li>
            <li>
              <NavLink to="/account">Account</NavLink>
            </li>
          </ul>
        </nav>
        {viewer !== undefined ? <AuthStatus viewer={viewer} localSignOutUrl={localSignOutUrl} /> : null}
        {clerkComponents ? <ClerkControls /> : null}
      </div>
    </header>
  )
}

/** The server's view, rendered without JavaScript: who getAuth() saw on this request (the organization switcher shows ClerkJS's). */
function AuthStatus({ viewer, localSignOutUrl }: { viewer: Viewer | null; localSignOutUrl: string | null }) {
  if (!viewer) {
    return (
      <div className="auth-status" data-testid="auth-status" data-state="signed-out">
        <span className="status-dot status-dot--off" aria-hidden="true" />
        <span>Signed out</span>
      </div>
    )
  }
  return (
    <div className="auth-status" data-testid="auth-status" data-state="signed-in">
      <span className="status-dot status-dot--on" aria-hidden="true" />
      <span>
        <span className="visually-hidden">Signed in as </span>
        <strong data-testid="viewer-name">{viewer.name}</strong>
      </span>
      {localSignOutUrl ? (
        <noscript>
          <a className="button" href={localSignOutUrl}>
            Sign out
          </a>
        </noscript>
      ) : null}
    </div>
  )
}

/**
 * Clerk's components. After switching organizations the page's data is loaded again (a navigation to where it is),
 * so what the server shows follows the new session token.
 */
function ClerkControls() {
  const { pathname, search } = useLocation()
  const here = `${pathname}${search}`
  return (
    <div className="clerk-controls">
      <SignedIn>
        <OrganizationSwitcher afterSelectOrganizationUrl={here} afterSelectPersonalUrl={here} />
        <UserButton />
      </SignedIn>
      <SignedOut>
        <Link className="button button--primary" to="/sign-in">
          Sign in
        </Link>
        <Link className="button" to="/sign-up">
          Sign up
        </Link>
      </SignedOut>
    </div>
  )
}
