// The link an invitation e-mail (or a sign-in token's `url`) carries: the Frontend API's ticket acceptance, which sends
// the browser on to the app or to the hosted sign-up or sign-in page.

/** `…/v1/tickets/accept?ticket=…`, Clerk's own shape (served by fapi/ticketLanding.ts). */
export const ticketLink = (frontendApiUrl: string, ticket: string): string =>
  `${frontendApiUrl}/v1/tickets/accept?ticket=${encodeURIComponent(ticket)}`
