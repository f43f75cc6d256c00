// The link an invitation e-mail would carry: the Frontend API's ticket acceptance, which sends the browser on to the app.

/** `…/v1/tickets/accept?ticket=…`, Clerk's own shape (served by fapi/ticketLanding.ts). */
export const ticketLink = (frontendApiUrl: string, ticket: string): string =>
  `${frontendApiUrl}/v1/tickets/accept?ticket=${encodeURIComponent(ticket)}`
