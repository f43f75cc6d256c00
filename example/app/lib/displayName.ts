// One rule for the name shown for a user, shared by the header and the pages.
interface NamedUser {
  id: string
  firstName: string | null
  lastName: string | null
  primaryEmailAddressId: string | null
  emailAddresses: ReadonlyArray<{ id: string; emailAddress: string }>
}

/**
 * "Ada Lovelace", else the primary e-mail address, else the user id. Reads plain fields only: the user that
 * rootAuthLoader hands over is a plain copy, without the User class's getters such as `fullName`.
 */
export function displayName(user: NamedUser | undefined): string {
  if (!user) return 'Unknown user'
  const name = [user.firstName, user.lastName].filter(Boolean).join(' ')
  if (name) return name
  return primaryEmail(user) ?? user.id
}

/** The primary e-mail address, from plain fields for the same reason. */
export function primaryEmail(user: NamedUser): string | null {
  return user.emailAddresses.find(({ id }) => id === user.primaryEmailAddressId)?.emailAddress ?? null
}
