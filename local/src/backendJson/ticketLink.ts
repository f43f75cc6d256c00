// The link an invitation e-mail (or a sign-in token's `url`) carries: the Frontend API's ticket acceptance, which sends
// the browser on to the app or to the hosted sign-up or sign-in page.

import { browserFacingUrl } from '../shared/urls.js'

/**
 * `…/v1/tickets/accept?ticket=…`, Clerk's own shape (served by fapi/ticketLanding.ts), on the URL browsers use
 * (`localhost` for `127.0.0.1`): the sign-in or sign-up it leads to sets the `__client` cookie on the site of an app
 * on `localhost`, whose ClerkJS then sees it.
 */
export const ticketLink = (frontendApiUrl: string, ticket: string): string =>
  `${browserFacingUrl(frontendApiUrl)}/v1/tickets/accept?ticket=${encodeURIComponent(ticket)}`
