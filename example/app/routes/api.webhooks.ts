// POST /api/webhooks: Clerk's webhooks, from remix-clerk-local under `npm start` (which points it here) or from a Clerk
// instance's endpoint. verifyWebhook checks the signature with CLERK_WEBHOOK_SIGNING_SECRET before anything is
// trusted; then `user.*` events keep the app's own users table in sync (lib/webhookUsers.server.ts).
import { json, type ActionFunctionArgs } from '@remix-run/node'
import { verifyWebhook, WebhookVerificationError } from 'remix-clerk/webhooks'
import { applyUserEvent } from '~/lib/webhookUsers.server'

export async function action({ request }: ActionFunctionArgs) {
  let event
  try {
    event = await verifyWebhook(request)
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error
    // A 400 tells the sender not to count this as delivered; the reason is for the app's log, not for the caller.
    console.warn(`webhook refused: ${error.reason}`)
    return json({ message: 'Webhook verification failed' }, { status: 400 })
  }
  await applyUserEvent(event)
  return json({ received: event.type })
}
