// The status of an invitation (an application's or an organization's) as read: a pending one past its expiry is expired.

export const INVITATION_STATUSES = ['pending', 'accepted', 'revoked', 'expired'] as const
export type InvitationStatus = (typeof INVITATION_STATUSES)[number]

/**
 * The stored status with expiry applied, in SQL so lists can filter on it; `@now` is the caller's clock. Only
 * `pending`, `accepted` and `revoked` are ever stored: expiry is derived, so the clock alone decides it.
 */
export const INVITATION_STATUS_SQL = `CASE WHEN status = 'pending' AND expires_at <= @now THEN 'expired' ELSE status END`
